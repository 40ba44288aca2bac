// The statements channels over the real core and real vaults (two members' devices, as the app
// runs them: createVaultCore + createHandlers): writing with attachments and relations, signing
// on two devices until a 2-of-2 group releases, the list with every filter and search, the
// languages, a statement's page (its relations both ways, attachments, whether I can sign or
// endorse), plain-text export; and every bad input a coded error that changes nothing.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers, type Handlers } from '../../../src/app/handlers.js';
import { WARM_BATCH } from '../../../src/app/handlers/statements.js';
import type { AppCore } from '../../../src/app/ports.js';
import { createVaultCore } from '../../../src/app/vault-core.js';
import { writeStreamAtomic } from '../../../src/core/exchange/atomic.js';
import { bundleChunks, closureOf } from '../../../src/core/exchange/export.js';
import { createGroup } from '../../../src/core/service/groups.js';
import { createIdentity, memberCard } from '../../../src/core/service/identity.js';
import { Verifier } from '../../../src/core/service/statements.js';
import type { Args } from '../../../src/shared/contract.js';
import type { StatementFilter, StatementSummary } from '../../../src/shared/view-models.js';

const PASS = 'vault passphrase of the statements tests';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Device {
  core: AppCore;
  handlers: Handlers;
}

let root: string;
let olga: Device;
let anna: Device;
/** Olga and Anna: 2 of 2. */
let kras: string;
/** Olga alone: 1 of 1. */
let lviv: string;

async function device(name: string): Promise<Device> {
  const core = createVaultCore(join(root, name));
  await core.create(PASS, 'interactive');
  await core.withVault((v) => createIdentity(v, name));
  return { core, handlers: createHandlers(core) };
}

/** Carries statements (with their signatures and groups' chains) or groups from one device to another, as a bundle file would. */
async function carry(from: Device, to: Device, selection: { statements?: string[]; groups?: string[] }): Promise<void> {
  const file = join(root, `carry-${Math.random().toString(16).slice(2)}.samizdat`);
  await from.core.withVault((v) => writeStreamAtomic(file, bundleChunks(v, closureOf(v, { statements: selection.statements ?? [], groups: selection.groups ?? [] }))));
  const result = await to.core.importBundles([file], undefined, () => undefined);
  expect(result.failed).toEqual([]);
}

const create = (d: Device, over: Partial<Args<'statements:create'>> & Pick<Args<'statements:create'>, 'authors' | 'title'>) =>
  d.handlers['statements:create']({ lang: 'en', date: '2024-03-01', body: `${over.title}.`, relations: [], attachments: [], ...over });

/** Every page of a filtered list, following `next`. */
async function walk(d: Device, filter: StatementFilter | undefined, limit = 2): Promise<{ items: StatementSummary[]; totals: number[] }> {
  const items: StatementSummary[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    const page = await d.handlers['statements:list']({ after, limit, ...(filter ? { filter } : {}) });
    items.push(...page.items);
    totals.push(page.total);
    if (page.next === null) return { items, totals };
    if (pages > 100) throw new Error('the walk does not end');
    after = page.next;
  }
}

/** What the vault holds, to prove a refused call changed nothing. */
const snapshot = (d: Device) =>
  d.core.withVault((v) => {
    const ids = v.listStatements({ limit: 1000 }).items.map((s) => s.id);
    return { statements: ids, signatures: ids.map((id) => v.getSignatures(id).map((s) => s.id)), attachments: ids.flatMap((id) => v.getStatement(id)?.attachments.map((a) => v.hasAttachment(a.id)) ?? []) };
  });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'samizdat-statements-handlers-'));
  olga = await device('Olga');
  anna = await device('Anna');
  const annaCard = await anna.core.withVault((v) => memberCard(v));
  kras = await olga.core.withVault((v) => createGroup(v, { name: 'KRAS-IWA', cards: [annaCard], release: 2 }).id);
  lviv = await olga.core.withVault((v) => createGroup(v, { name: 'Lviv Translators', cards: [], release: 1 }).id);
  await carry(olga, anna, { groups: [kras] });
});

afterAll(async () => {
  await olga.core.lock();
  await anna.core.lock();
  rmSync(root, { recursive: true, force: true });
});

describe('writing and signing', () => {
  it('create, sign on one device (waiting, 1 of 2), carry, sign on the other: released; attachments listed by hash, no bytes', async () => {
    const pdf = join(root, 'leaflet.pdf');
    const photo = join(root, 'Strike Photo.JPG');
    const odd = join(root, 'notes.xyz');
    writeFileSync(pdf, Buffer.from('%PDF-1.4 no to the war\n'));
    writeFileSync(photo, Buffer.alloc(3 * 1024 * 1024 + 17, 7)); // larger than one chunk of the vault
    writeFileSync(odd, '');
    const { id } = await create(olga, { authors: [kras], title: 'No to the war', body: 'We, the members, **refuse**.', attachments: [pdf, photo, odd] });
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const draft = await olga.handlers['statements:show']({ id });
    expect(draft).toMatchObject({ id, title: 'No to the war', status: 'waiting', released: false, signatures: { have: 0, need: 2 }, canSign: true, canEndorse: true });
    expect(draft.authors.map((a) => [a.groupId, a.name])).toEqual([[kras, 'KRAS-IWA']]);
    expect(draft.body).toBe('We, the members, **refuse**.');
    const byName = Object.fromEntries(draft.attachments.map((a) => [a.name, a]));
    expect(byName).toEqual({
      'leaflet.pdf': { name: 'leaflet.pdf', mediaType: 'application/pdf', bytes: 23, sha256: sha256(readFileSync(pdf)) },
      'Strike Photo.JPG': { name: 'Strike Photo.JPG', mediaType: 'image/jpeg', bytes: 3 * 1024 * 1024 + 17, sha256: sha256(readFileSync(photo)) },
      'notes.xyz': { name: 'notes.xyz', mediaType: 'application/octet-stream', bytes: 0, sha256: sha256(new Uint8Array()) },
    });
    // The bytes are in the vault, whole and as hashed.
    expect(await olga.core.withVault((v) => draft.attachments.map((a) => v.getAttachment(a.sha256) && sha256((v.getAttachment(a.sha256) as { data: Uint8Array }).data)))).toEqual(draft.attachments.map((a) => a.sha256));
    expect(JSON.stringify(draft)).not.toContain('data');

    const first = await olga.handlers['statements:sign']({ id, endorse: false });
    expect(first).toEqual({ statementId: id, role: 'author', groupId: kras, released: false, have: 1, need: 2 });
    const listed = (await olga.handlers['statements:list']({ after: null, limit: 50 })).items.find((s) => s.id === id);
    expect(listed).toMatchObject({ status: 'waiting', released: false, signatures: { have: 1, need: 2 } });
    // Olga signed already: nothing more for her to sign for KRAS-IWA.
    expect(await olga.handlers['statements:show']({ id })).toMatchObject({ canSign: false, signatures: { have: 1, need: 2 } });

    await carry(olga, anna, { statements: [id] });
    expect(await anna.handlers['statements:show']({ id })).toMatchObject({ status: 'waiting', signatures: { have: 1, need: 2 }, canSign: true, canEndorse: false });
    const second = await anna.handlers['statements:sign']({ id, endorse: false });
    expect(second).toEqual({ statementId: id, role: 'author', groupId: kras, released: true, have: 2, need: 2 });
    const shown = await anna.handlers['statements:show']({ id });
    expect(shown).toMatchObject({ status: 'released', released: true, signatures: null, canSign: false });
    expect((await anna.handlers['statements:list']({ after: null, limit: 50, filter: { status: 'released' } })).items.map((s) => s.id)).toContain(id);
    expect((await anna.handlers['statements:verify']({ id })).groups[0]?.signers.map((s) => s.name).sort()).toEqual(['Anna', 'Olga']);
  });

  it('endorsing: Olga co-signs a KRAS-IWA release as Lviv Translators; several groups of hers to sign for means she must choose', async () => {
    const { id } = await create(olga, { authors: [kras], title: 'A call to endorse' });
    await expect(olga.handlers['statements:sign']({ id, endorse: true, groupId: kras })).rejects.toMatchObject({ code: 'cli.cannot-sign' });
    const endorsed = await olga.handlers['statements:sign']({ id, endorse: true, groupId: lviv });
    expect(endorsed).toEqual({ statementId: id, role: 'endorsement', groupId: lviv, released: false, have: 1, need: 1 });
    expect(await olga.handlers['statements:show']({ id })).toMatchObject({ canEndorse: false, canSign: true });
    // A joint statement of both her groups: signing needs a choice.
    const joint = await create(olga, { authors: [kras, lviv], title: 'Joint' });
    await expect(olga.handlers['statements:sign']({ id: joint.id, endorse: false })).rejects.toMatchObject({ code: 'cli.cannot-sign', message: expect.stringContaining('choose one') });
    expect(await olga.handlers['statements:sign']({ id: joint.id, endorse: false, groupId: lviv })).toMatchObject({ role: 'author', groupId: lviv, released: false, have: 1, need: 1 });
    // Released by Lviv, not yet by KRAS-IWA: waiting, the group furthest from its threshold named.
    expect(await olga.handlers['statements:show']({ id: joint.id })).toMatchObject({ status: 'waiting', signatures: { have: 0, need: 2 }, canSign: true });
  });
});

describe('relations', () => {
  it('a translation and an introduction point at the original: its page lists them, each resolved; theirs resolve it; a target not held has no title', async () => {
    const original = await create(olga, { authors: [kras], title: 'Against the war', lang: 'en' });
    const translation = await create(olga, { authors: [lviv], title: 'Проти війни', lang: 'uk', date: '2024-03-02', relations: [{ kind: 'translation-of', target: original.id }] });
    const missing = 'ab'.repeat(32);
    const introduction = await create(olga, {
      authors: [lviv],
      title: 'Why we republish it',
      date: '2024-03-03',
      relations: [
        { kind: 'introduces', target: original.id },
        { kind: 'responds-to', target: missing },
      ],
    });
    const page = await olga.handlers['statements:show']({ id: original.id });
    expect(page.outgoing).toEqual([]);
    expect(page.incoming).toEqual([
      { kind: 'introduces', id: introduction.id, title: 'Why we republish it', lang: 'en' },
      { kind: 'translation-of', id: translation.id, title: 'Проти війни', lang: 'uk' },
    ]);
    expect((await olga.handlers['statements:show']({ id: translation.id })).outgoing).toEqual([{ kind: 'translation-of', id: original.id, title: 'Against the war', lang: 'en' }]);
    const intro = await olga.handlers['statements:show']({ id: introduction.id });
    expect(intro.relations).toEqual([
      { kind: 'introduces', target: original.id },
      { kind: 'responds-to', target: missing },
    ]);
    expect(intro.outgoing).toEqual([
      { kind: 'introduces', id: original.id, title: 'Against the war', lang: 'en' },
      { kind: 'responds-to', id: missing, title: null, lang: null },
    ]);
    expect(intro.incoming).toEqual([]);
  });
});

describe('the list: filters, search, languages', () => {
  type Made = Record<'enReleased' | 'ruReleased' | 'ruWaiting' | 'ruDraft' | 'ukWaiting' | 'joint' | 'solo' | 'pair', string>;
  let made: Made;
  let device3: Device;

  beforeAll(async () => {
    // A vault of its own, so that the expected sets are exactly known.
    device3 = await device('Vera');
    const solo = await device3.core.withVault((v) => createGroup(v, { name: 'Samara Union', cards: [], release: 1 }).id);
    const annaCard = await anna.core.withVault((a) => memberCard(a));
    const pair = await device3.core.withVault((v) => createGroup(v, { name: 'Twice', cards: [annaCard], release: 2 }).id);
    const write = async (key: string, authors: string[], title: string, lang: string, date: string, body: string, sign: boolean) => {
      const { id } = await create(device3, { authors, title, lang, date, body });
      if (sign) await device3.handlers['statements:sign']({ id, endorse: false, ...(authors.length > 1 ? { groupId: authors[0] } : {}) });
      return [key, id] as const;
    };
    made = Object.fromEntries([
      ['solo', solo],
      ['pair', pair],
      await write('enReleased', [solo], 'Solidarity with Kovalenko', 'en', '2024-05-01', 'Free the strike leader Kovalenko.', true),
      await write('ruReleased', [solo], 'Солидарность с Коваленко', 'ru', '2024-05-02', 'Свободу лидеру забастовки Kovalenko.', true),
      await write('ruWaiting', [pair], 'Черновик', 'ru', '2024-05-03', 'Ещё не подписано.', true),
      await write('ruDraft', [solo], 'Набросок', 'ru', '2024-04-01', 'Никто не подписал.', false),
      await write('ukWaiting', [pair], 'Чернетка', 'uk', '2024-05-04', 'Kovalenko: ще не підписано.', false),
      await write('joint', [solo, pair], 'Joint appeal', 'en', '2024-05-05', 'Together.', true),
    ]) as Made;
  });

  afterAll(() => device3.core.lock());

  const ids = (items: StatementSummary[]) => items.map((s) => s.id);

  it('each filter alone and combined lists exactly its statements, newest first, paged with cursors, with a true total', async () => {
    const m = made;
    const cases: Array<[StatementFilter | undefined, string[]]> = [
      [undefined, [m.joint, m.ukWaiting, m.ruWaiting, m.ruReleased, m.enReleased, m.ruDraft]],
      [{ lang: 'ru' }, [m.ruWaiting, m.ruReleased, m.ruDraft]],
      [{ groupId: m.pair }, [m.joint, m.ukWaiting, m.ruWaiting]],
      [{ status: 'released' }, [m.ruReleased, m.enReleased]],
      [{ status: 'waiting' }, [m.joint, m.ukWaiting, m.ruWaiting, m.ruDraft]],
      [{ status: 'problem' }, []],
      [{ lang: 'ru', status: 'waiting' }, [m.ruWaiting, m.ruDraft]],
      [{ lang: 'ru', status: 'waiting', groupId: m.solo }, [m.ruDraft]],
      [{ groupId: m.solo, status: 'released' }, [m.ruReleased, m.enReleased]],
      [{ groupId: m.pair, lang: 'en' }, [m.joint]],
      [{ query: 'Kovalenko' }, [m.ukWaiting, m.ruReleased, m.enReleased]],
      [{ query: 'Kovalenko', status: 'released' }, [m.ruReleased, m.enReleased]],
      [{ query: 'Kovalenko', lang: 'uk', groupId: m.pair, status: 'waiting' }, [m.ukWaiting]],
      [{ query: 'nowhere-to-be-found' }, []],
    ];
    for (const [filter, want] of cases) {
      const { items, totals } = await walk(device3, filter);
      expect(ids(items), JSON.stringify(filter)).toEqual(want);
      for (const t of totals) expect(t, JSON.stringify(filter)).toBe(want.length);
    }
  });

  it('a search with hits in two languages: each shows its own title and language; statuses and signatures are real', async () => {
    const { items } = await walk(device3, { query: 'Kovalenko' }, 50);
    expect(items.map((s) => [s.title, s.lang, s.status, s.signatures])).toEqual([
      ['Чернетка', 'uk', 'waiting', { have: 0, need: 2 }],
      ['Солидарность с Коваленко', 'ru', 'released', null],
      ['Solidarity with Kovalenko', 'en', 'released', null],
    ]);
    // The joint statement: released by one group, waiting for the other at 0 of 2... and the draft of a
    // 2-of-2 group signed once is at 1 of 2.
    const all = (await walk(device3, undefined, 50)).items;
    const by = (id: string) => all.find((s) => s.id === id);
    expect(by(made.ruWaiting)).toMatchObject({ status: 'waiting', released: false, signatures: { have: 1, need: 2 } });
    expect(by(made.joint)).toMatchObject({ status: 'waiting', signatures: { have: 0, need: 2 } });
    expect(by(made.ruDraft)).toMatchObject({ status: 'waiting', signatures: { have: 0, need: 1 } });
    expect(by(made.enReleased)?.authors[0]).toMatchObject({ groupId: made.solo, name: 'Samara Union' });
  });

  it('languages, most used first', async () => {
    expect(await device3.handlers['statements:languages']({})).toEqual(['ru', 'en', 'uk']);
  });

  it('a status becomes problem when an author group cannot release (its chain not held), and the filter finds it', async () => {
    // Anna holds Vera's joint statement but not the chain of Samara Union: not hers to judge released.
    await carry(device3, anna, { statements: [made.ruWaiting] });
    const file = join(root, 'joint-only.samizdat');
    await device3.core.withVault(async (v) => {
      const closure = closureOf(v, { statements: [made.joint] });
      await writeStreamAtomic(file, bundleChunks(v, { ...closure, links: closure.links.filter((l) => v.getLink(l)?.group !== made.solo) }));
    });
    await anna.core.importBundles([file], undefined, () => undefined);
    const problem = await anna.handlers['statements:list']({ after: null, limit: 50, filter: { status: 'problem' } });
    expect(ids(problem.items)).toEqual([made.joint]);
    expect(problem.items[0]).toMatchObject({ status: 'problem', released: false, signatures: null });
    expect(await anna.handlers['statements:show']({ id: made.joint })).toMatchObject({ status: 'problem', canSign: true });
  });
});

describe('statuses computed in the background', () => {
  it('after an import, listing a first page starts computing the rest between calls; a status filter then verifies nothing', async () => {
    const writer = await device('Writer');
    const group = await writer.core.withVault((v) => createGroup(v, { name: 'Many', cards: [], release: 1 }).id);
    const ids: string[] = [];
    for (let i = 0; i < WARM_BATCH + 40; i++) ids.push((await create(writer, { authors: [group], title: `Statement ${i}`, date: `2024-06-${String(1 + (i % 28)).padStart(2, '0')}` })).id);
    for (const id of ids.slice(0, 10)) await writer.handlers['statements:sign']({ id, endorse: false });
    const reader = await device('Reader');
    await carry(writer, reader, { statements: ids });
    const pending = () => reader.core.withVault((v) => v.statementListing().toCompute(1000).length);
    expect(await pending()).toBe(ids.length);

    expect((await reader.handlers['statements:list']({ after: null, limit: 5 })).items).toHaveLength(5);
    // Two batches (the first of WARM_BATCH), each a turn of the vault's queue; other calls get theirs in between.
    const deadline = Date.now() + 30_000;
    while ((await pending()) > 0) {
      expect(Date.now()).toBeLessThan(deadline);
      expect((await reader.handlers['statements:languages']({}))).toEqual(['en']);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const verify = vi.spyOn(Verifier.prototype, 'verify');
    try {
      const released = await walk(reader, { status: 'released' }, 100);
      expect(new Set(released.items.map((s) => s.id))).toEqual(new Set(ids.slice(0, 10)));
      expect((await reader.handlers['statements:list']({ after: null, limit: 1, filter: { status: 'waiting' } })).total).toBe(WARM_BATCH + 30);
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
      await writer.core.lock();
      await reader.core.lock();
    }
  });
});

describe('plain-text export', () => {
  it('writes a released statement I signed; refuses a draft, a statement my signature does not count for, and files already there (unless forced)', async () => {
    const { id } = await create(olga, { authors: [lviv], title: 'For readers without Samizdat' });
    const dir = join(root, 'text-out');
    await expect(olga.handlers['text:export']({ id, dir })).rejects.toMatchObject({ code: 'interop.not-released', kind: 'verification' });
    expect(existsSync(dir)).toBe(false);
    await olga.handlers['statements:sign']({ id, endorse: false });
    const written = await olga.handlers['text:export']({ id, dir });
    expect(written.dir).toBe(dir);
    expect(written.signer.name).toBe('Olga');
    expect(written.signer.key).toMatch(/^[0-9a-f]{64}$/);
    expect(written.files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(readdirSync(dir).sort());
    expect(readFileSync(join(dir, 'statement.txt'), 'utf8')).toContain('For readers without Samizdat');
    await expect(olga.handlers['text:export']({ id, dir })).rejects.toMatchObject({ code: 'interop.files-exist', kind: 'usage' });
    expect((await olga.handlers['text:export']({ id, dir, force: true })).files).toHaveLength(written.files.length);
    // Anna holds it, released, but her signature is not on it: the text would be signed by nobody who counts.
    await carry(olga, anna, { statements: [id] });
    await expect(anna.handlers['text:export']({ id, dir: join(root, 'anna-out') })).rejects.toMatchObject({ code: 'interop.not-a-signer', kind: 'verification' });
    expect(existsSync(join(root, 'anna-out'))).toBe(false);
  });
});

describe('bad input: a coded error, and nothing changes', () => {
  it('an unknown statement, a group I am not a member of, an unknown author group, an unreadable or odd attachment', async () => {
    const { id } = await create(anna, { authors: [kras], title: 'Anna writes for KRAS-IWA' });
    const before = await snapshot(anna);
    const unknown = 'cd'.repeat(32);
    for (const call of [
      anna.handlers['statements:show']({ id: unknown }),
      anna.handlers['statements:verify']({ id: unknown }),
      anna.handlers['statements:sign']({ id: unknown, endorse: false }),
      anna.handlers['text:export']({ id: unknown, dir: join(root, 'never') }),
    ]) {
      await expect(call).rejects.toMatchObject({ code: 'vault.statement-not-found', kind: 'usage', message: expect.stringMatching(/^vault: no statement with id "cdcd/) });
    }
    // KRAS-IWA wrote it: it cannot endorse its own statement. And Lviv's statements are not Anna's to sign.
    await expect(anna.handlers['statements:sign']({ id, endorse: true, groupId: kras })).rejects.toMatchObject({ code: 'cli.cannot-sign', kind: 'usage' });
    expect(await snapshot(anna)).toEqual(before);
    await carry(olga, anna, { groups: [lviv] });
    const lvivOnly = await create(anna, { authors: [lviv], title: 'Written for a group she is not in' });
    const withIt = await snapshot(anna);
    await expect(anna.handlers['statements:sign']({ id: lvivOnly.id, endorse: false })).rejects.toMatchObject({ code: 'cli.cannot-sign', message: expect.stringContaining('not a current member') });
    expect(await anna.handlers['statements:show']({ id: lvivOnly.id })).toMatchObject({ canSign: false, canEndorse: true });
    expect(await snapshot(anna)).toEqual(withIt);

    const folder = join(root, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const good = join(root, 'good.png');
    writeFileSync(good, 'png');
    const refusals: Array<[Partial<Args<'statements:create'>>, string, string]> = [
      [{ attachments: [good, join(root, 'no-such-file.pdf')] }, 'exchange.attachment-unreadable', 'io'],
      [{ attachments: [folder] }, 'exchange.attachment-not-a-file', 'usage'],
      [{ authors: [kras, unknown] }, 'vault.group-not-found', 'usage'],
      [{ title: 'bad \u202e override' }, 'model.invalid', 'input'],
    ];
    for (const [over, code, kind] of refusals) {
      const call = create(anna, { authors: [kras], title: 'Refused', ...over });
      await expect(call, code).rejects.toMatchObject({ code, kind });
      await expect(call).rejects.not.toThrow(/at .*\.ts|Error:/);
    }
    await expect(create(anna, { authors: [kras], title: 'Refused', attachments: [join(root, 'no-such-file.pdf')] })).rejects.toThrow(
      /^exchange: cannot read the attachment ".*no-such-file\.pdf": no such file or folder/,
    );
    expect(await snapshot(anna)).toEqual(withIt);
    expect(before.statements.length).toBe(withIt.statements.length - 1);
  });

  it('arguments the schemas refuse before the core is reached', async () => {
    const loose = olga.handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    const id = 'ef'.repeat(32);
    const refusals: Array<[string, unknown]> = [
      ['statements:list', { after: null, limit: 10, filter: { status: 'fine' } }],
      ['statements:list', { after: null, limit: 10, filter: { groupId: 'KRAS' } }],
      ['statements:list', { after: null, limit: 10, filter: { query: '' } }],
      ['statements:create', { authors: [kras], title: 'T', lang: 'en', date: 'd', body: 'b', relations: [], attachments: ['relative.pdf'] }],
      ['statements:create', { authors: [kras], title: 'T', lang: 'en', date: 'd', body: 'b', relations: [{ kind: 'endorses', target: id }], attachments: [] }],
      ['statements:create', { authors: [], title: 'T', lang: 'en', date: 'd', body: 'b', relations: [], attachments: [] }],
      ['statements:sign', { id, endorse: 'yes' }],
      ['text:export', { id, dir: 'out' }],
      ['statements:languages', { all: true }],
    ];
    for (const [channel, args] of refusals) await expect(loose[channel]!(args), `${channel} ${JSON.stringify(args)}`).rejects.toMatchObject({ code: 'ipc.invalid-argument', kind: 'usage' });
    await expect(olga.handlers['statements:list']({ after: 'bm90LWEtY3Vyc29y', limit: 10, filter: { lang: 'en' } })).rejects.toMatchObject({ code: 'vault.bad-cursor' });
  });

  it('every channel needs an open vault', async () => {
    const core = createVaultCore(join(root, 'Olga'));
    const handlers = createHandlers(core);
    const id = 'ef'.repeat(32);
    for (const call of [
      handlers['statements:list']({ after: null, limit: 5, filter: { lang: 'en' } }),
      handlers['statements:languages']({}),
      handlers['statements:show']({ id }),
      handlers['statements:create']({ authors: [kras], title: 'T', lang: 'en', date: 'd', body: 'b', relations: [], attachments: [] }),
      handlers['statements:sign']({ id, endorse: false }),
      handlers['text:export']({ id, dir: join(root, 'locked-out') }),
    ]) {
      await expect(call).rejects.toMatchObject({ code: 'vault.locked' });
    }
  });
});
