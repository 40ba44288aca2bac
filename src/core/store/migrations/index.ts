// The numbered migrations, in order. `PRAGMA user_version` is the number of the last one applied.
// A migration file is never edited once shipped: a change to the schema is a new file.
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-attachment-chunks.js';
import * as m0003 from './0003-signatures-by-group.js';
import * as m0004 from './0004-release-states.js';
import * as m0005 from './0005-sync-index.js';
import * as m0006 from './0006-settings.js';
import * as m0007 from './0007-group-sightings.js';
import * as m0008 from './0008-statement-listing.js';
import * as m0009 from './0009-safety-numbers.js';
import * as m0010 from './0010-search-backlog.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010];

/** The schema version this build knows: databases with a higher `user_version` are refused. */
export const SCHEMA_VERSION: number = MIGRATIONS.length;
