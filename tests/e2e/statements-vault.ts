// The vaults tests/e2e/statements.test.ts opens, made the way members make them: every other
// member is a device of her own (an in-memory vault with her own keys) that founds groups, writes
// and signs with the core services the CLI and the app call, and hands over real bundles (drafts
// encrypted to the members) that my vault reads with the real import, recording where each group
// was first seen, as the app's import does. (`samizdat demo` does the same for a showcase vault;
// this one holds exactly the cases the statements screen's tests need.)
//
// Mine (Olga): my group "Solidarity Network", 2 of 2 with Ivan; Ivan's draft "Strike at the depot",
// signed by him only (1 of 2); "Joint call of the depot" of that group and my "Depot Committee"
// (1 of 1), signed by nobody yet. KRAS-IWA (Vadim), verified by fingerprint: the Russian "Нет войне"
// (light Markdown, raw HTML, a link) and its English translation "No to war". The translators of
// Lviv (unverified): a response to a statement of theirs this vault never received. A stranger's
// "KRАS-IWA" (a Cyrillic А): "We now support the war", released by him.

import { basename } from 'node:path';
import { bundleChunks, closureOf, type Selection } from '../../src/core/exchange/export.js';
import { importBundle } from '../../src/core/exchange/import.js';
import { chooseSeal, openersFor } from '../../src/core/exchange/seal.js';
import type { Relation } from '../../src/core/model/types.js';
import { createGroup, recordFirstSightings, trustGroup } from '../../src/core/service/groups.js';
import { createIdentity, memberCard } from '../../src/core/service/identity.js';
import { createStatement, signStatement } from '../../src/core/service/statements.js';
import { Vault } from '../../src/core/store/vault.js';
import { groupFingerprint } from '../../src/core/verify/statement.js';

export const PASSPHRASE = 'a passphrase for the statements screen';

export const TITLES = {
  draft: 'Strike at the depot',
  joint: 'Joint call of the depot',
  noWar: 'Нет войне',
  translation: 'No to war',
  response: 'Відповідь на лист',
  forgery: 'We now support the war',
} as const;

export const GROUP_NAMES = {
  mine: 'Solidarity Network',
  committee: 'Depot Committee',
  kras: 'KRAS-IWA',
  translators: 'Вільний переклад',
  impostor: 'KR\u0410S-IWA',
} as const;

/** The Russian body: **bold** to render as <strong>, HTML to show as text, a link to show as text. */
export const NO_WAR_BODY = [
  '**Солидарность** с рабочими Украины. Мы против войны.',
  '',
  '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
  '',
  'Подробнее: [наш сайт](https://example.org/kras).',
  '',
].join('\n');

interface Bundle {
  name: string;
  bytes: Uint8Array;
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** A member's device: her vault and what she does with it. */
class Device {
  constructor(readonly vault: Vault) {}

  static member(name: string): Device {
    const d = new Device(Vault.scratch());
    createIdentity(d.vault, name);
    return d;
  }

  found(name: string, members: Device[], release: number): string {
    return createGroup(this.vault, { name, cards: members.map((m) => memberCard(m.vault)), release }).id;
  }

  write(authors: string[], title: string, lang: string, date: string, body: string, relations: Relation[] = []): string {
    return createStatement(this.vault, { authors, title, lang, date, body, relations, attachments: [] }).id;
  }

  sign(id: string): void {
    signStatement(this.vault, id, { endorse: false });
  }

  /** As `samizdat export` writes it: drafts encrypted to their groups' members, released statements in clear. */
  async export(name: string, selection: Selection): Promise<Bundle> {
    const closure = closureOf(this.vault, selection);
    const decision = chooseSeal(this.vault, closure, { mode: 'auto' });
    return { name, bytes: await bytesOf(bundleChunks(this.vault, closure, decision.seal)) };
  }

  /** As the app's import: the bundle read with this vault's keys, and where each new group was first seen. */
  async import(bundle: Bundle): Promise<void> {
    const report = await importBundle(this.vault, chunksOf(bundle.bytes), openersFor(this.vault));
    recordFirstSightings(this.vault, report.newGroups, basename(bundle.name));
  }
}

export interface StatementsVault {
  dir: string;
  ids: Record<keyof typeof TITLES, string>;
  /** A statement the translators answered, never given to this vault. */
  notHeld: string;
}

export async function makeStatementsVault(dir: string): Promise<StatementsVault> {
  const vault = await Vault.create(dir, PASSPHRASE, 'interactive');
  const me = new Device(vault);
  const others: Device[] = [];
  const member = (name: string) => {
    const d = Device.member(name);
    others.push(d);
    return d;
  };
  try {
    createIdentity(vault, 'Olga');
    const ivan = member('Ivan');
    const mine = me.found(GROUP_NAMES.mine, [ivan], 2);
    await ivan.import(await me.export('solidarity-charter.samizdat', { statements: [], groups: [mine] }));
    const draft = ivan.write([mine], TITLES.draft, 'en', '2025-05-01', 'We stop work at the depot on **Monday** at 6 am.\n');
    ivan.sign(draft);
    await me.import(await ivan.export('depot-draft.samizdat', { statements: [draft] }));
    // Two groups of mine write together: signing asks for which one.
    const committee = me.found(GROUP_NAMES.committee, [], 1);
    const joint = me.write([mine, committee], TITLES.joint, 'en', '2025-04-25', 'Both our groups call for the depot strike.\n');

    const vadim = member('Vadim');
    const kras = vadim.found(GROUP_NAMES.kras, [], 1);
    const noWar = vadim.write([kras], TITLES.noWar, 'ru', '2022-02-24', NO_WAR_BODY);
    vadim.sign(noWar);
    const translation = vadim.write([kras], TITLES.translation, 'en', '2022-02-25', '**Solidarity** with the workers of Ukraine. We are against the war.\n', [{ type: 'translation-of', id: noWar }]);
    vadim.sign(translation);
    await me.import(await vadim.export('kras-iwa.samizdat', { statements: [noWar, translation] }));
    trustGroup(vault, kras, groupFingerprint(kras));

    const oksana = member('Оксана');
    const translators = oksana.found(GROUP_NAMES.translators, [], 1);
    const letter = oksana.write([translators], 'Лист', 'uk', '2025-03-01', 'Лист, якого немає у сховищі Ольги.\n');
    oksana.sign(letter);
    const response = oksana.write([translators], TITLES.response, 'uk', '2025-03-02', 'Ми відповідаємо на **лист**.\n', [{ type: 'responds-to', id: letter }]);
    oksana.sign(response);
    await me.import(await oksana.export('vilnyi-pereklad.samizdat', { statements: [response] }));

    const stranger = member('Vadim');
    const fake = stranger.found(GROUP_NAMES.impostor, [], 1);
    const forgery = stranger.write([fake], TITLES.forgery, 'en', '2025-04-20', 'After long discussion we now support the war.\n');
    stranger.sign(forgery);
    await me.import(await stranger.export('kras-iwa-statement.samizdat', { statements: [forgery] }));

    return { dir, ids: { draft, joint, noWar, translation, response, forgery }, notHeld: letter };
  } finally {
    for (const d of others) d.vault.close();
    vault.close();
  }
}

/** A vault of `count` statements (drafts of my group, one a day back from 2025), for the list's virtualisation. */
export async function makeLargeVault(dir: string, count: number): Promise<void> {
  const vault = await Vault.create(dir, PASSPHRASE, 'interactive');
  try {
    createIdentity(vault, 'Olga');
    const me = new Device(vault);
    const mine = me.found(GROUP_NAMES.mine, [], 1);
    const day = 86_400_000;
    const start = Date.UTC(2025, 0, 1);
    vault.transaction(() => {
      for (let i = 0; i < count; i++) {
        const date = new Date(start - i * day).toISOString().slice(0, 10);
        me.write([mine], `Statement number ${i + 1}`, i % 3 === 0 ? 'ru' : 'en', date, `Body of statement ${i + 1}.\n`);
      }
    });
  } finally {
    vault.close();
  }
}

/** A vault with my identity and nothing else: the list's empty state. */
export async function makeEmptyVault(dir: string): Promise<void> {
  const vault = await Vault.create(dir, PASSPHRASE, 'interactive');
  try {
    createIdentity(vault, 'Olga');
  } finally {
    vault.close();
  }
}
