// Every namespace of the UI, one per screen folder plus `common` and `errors`. No side effects, so
// tests can read the catalogues without a DOM.

import { strings as common } from './strings.js';
import { strings as errors } from './errors.js';
import { strings as contacts } from '../screens/contacts/strings.js';
import { strings as exchange } from '../screens/exchange/strings.js';
import { strings as firstrun } from '../screens/firstrun/strings.js';
import { strings as groups } from '../screens/groups/strings.js';
import { strings as lock } from '../screens/lock/strings.js';
import { strings as settings } from '../screens/settings/strings.js';
import { strings as statements } from '../screens/statements/strings.js';
import { strings as write } from '../screens/write/strings.js';
import { strings as passphrase } from '../components/passphrase-strings.js';
import type { Strings } from './languages.js';

export const CATALOGUES = { common, errors, contacts, exchange, firstrun, groups, lock, settings, statements, write, passphrase } as const satisfies Record<string, Strings>;

export type Namespace = keyof typeof CATALOGUES;
