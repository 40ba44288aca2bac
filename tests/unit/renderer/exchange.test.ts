// The exchange place's decisions, without a browser: a job's progress worded from its step (never
// core's English phase) in English, Russian and Ukrainian with each language's plural forms; a
// report's tone (a folder import with one broken file is a failure, not a success; a lookalike
// makes it a warning); a group first seen is never shown more trusted than unverified, and a
// lookalike names the group it looks like; every rejection reason and envelope has words; the
// history is bounded (running jobs first) and the lock's clear leaves nothing; sticks plugged in
// and pulled out are found by where they are mounted; a drive export's file name.

import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES, type Language } from '../../../src/renderer/i18n/languages.js';
import { bundleName, bundlePathIn, driveChanges } from '../../../src/renderer/screens/exchange/drives.js';
import { added, bounded, HISTORY_LIMIT, isRunning, patched, withoutFinished, type Entry } from '../../../src/renderer/screens/exchange/history.js';
import { countParts, firstSeenTrust, importTone, jobTone, REASONS, reasonKey, sealWords, sum, syncTone } from '../../../src/renderer/screens/exchange/outcome.js';
import { progressWords, type Words } from '../../../src/renderer/screens/exchange/progress.js';
import type { BundleImport, ExportResult, ImportResult, JobProgress, JobView, NewGroup, ObjectCounts, RemovableDrive, SyncResult } from '../../../src/shared/view-models.js';

const instances = new Map<Language, i18n>();

beforeAll(async () => {
  for (const lng of LANGUAGES) {
    const resources: Record<string, Record<string, string>> = {};
    for (const [ns, strings] of Object.entries(CATALOGUES)) resources[ns] = { ...strings[lng] };
    const inst = i18next.createInstance();
    await inst.init({ resources: { [lng]: resources }, lng, fallbackLng: false, ns: Object.keys(CATALOGUES), defaultNS: 'exchange', keySeparator: false, nsSeparator: ':', interpolation: { escapeValue: false } });
    instances.set(lng, inst);
  }
});

/** The words in a language; a key the catalogue lacks fails the test (i18next would show the key). */
function say(lng: Language, w: Words): string {
  const inst = instances.get(lng) as i18n;
  const key = `exchange:${w.key}`;
  expect(inst.exists(key, w.values ?? {}), `${lng}: no text for ${key}`).toBe(true);
  return inst.t(key, w.values ?? {});
}

const step = (p: Partial<JobProgress> & Pick<JobProgress, 'step'>): JobProgress => ({ phase: 'core’s English, never shown', file: null, fileIndex: null, files: null, done: 0, total: null, ...p });

const NONE: ObjectCounts = { links: 0, linkSignatures: 0, statements: 0, signatures: 0, attachments: 0 };
const counts = (c: Partial<ObjectCounts>): ObjectCounts => ({ ...NONE, ...c });

const KRAS = 'a'.repeat(64);
const IMPOSTOR = 'b'.repeat(64);

function bundle(path: string, patch: Partial<BundleImport> = {}): BundleImport {
  return { path, envelope: 'clear', added: counts({ statements: 1, signatures: 2 }), held: NONE, rejected: [], rejectedCount: 0, newGroups: [], statements: 1, ...patch };
}

const impostor: NewGroup = { groupId: IMPOSTOR, name: 'KR\u0410S-IWA', fingerprint: '1'.repeat(60), lookalikes: [{ groupId: KRAS, name: 'KRAS-IWA', kind: 'confusable' }] };
const stranger: NewGroup = { groupId: 'c'.repeat(64), name: 'Вільний переклад', fingerprint: '2'.repeat(60), lookalikes: [] };

describe('progress in words, from the step', () => {
  it('names the file being read and its place among the files; never core’s phase', () => {
    for (const lng of LANGUAGES) {
      const reading = progressWords('import', step({ step: 'reading', file: 'kras.samizdat', fileIndex: 2, files: 5, done: 4_210, total: 10_000 }));
      expect(reading.amount).toEqual({ unit: 'bytes', done: 4_210, total: 10_000 });
      const text = say(lng, reading.label);
      expect(text).toContain('kras.samizdat');
      expect(text).toContain('2');
      expect(text).toContain('5');
      expect(text).not.toContain('core’s English');
    }
    expect(say('en', progressWords('import', step({ step: 'reading', file: 'kras.samizdat', fileIndex: 2, files: 5, done: 1, total: 2 })).label)).toBe('Reading and checking kras.samizdat (file 2 of 5)');
    expect(say('ru', progressWords('import', step({ step: 'reading', file: 'kras.samizdat', fileIndex: 1, files: 1 })).label)).toBe('Читаем и проверяем kras.samizdat');
    // A sync does not know how many files it will read: the place of the file only, from the second on.
    expect(say('uk', progressWords('sync', step({ step: 'reading', file: 'x.samizdat', fileIndex: 3, files: null })).label)).toBe('Читаємо й перевіряємо x.samizdat (файл 3)');
  });

  it('words every step of every kind of job, with an amount only where there is one', () => {
    const steps: JobProgress[] = [
      step({ step: 'starting' }),
      step({ step: 'finding' }),
      step({ step: 'folder' }),
      step({ step: 'collecting', file: 'out.samizdat' }),
      step({ step: 'writing', file: 'out.samizdat', done: 3, total: 7 }),
      step({ step: 'encrypting', file: 'out.samizdat', done: 3, total: 7 }),
      step({ step: 'writing', done: 1, total: 9 }),
      step({ step: 'encrypting', done: 1, total: 9 }),
    ];
    for (const kind of ['import', 'export', 'sync'] as const) {
      for (const p of steps) for (const lng of LANGUAGES) expect(say(lng, progressWords(kind, p).label).length).toBeGreaterThan(3);
    }
    expect(progressWords('export', steps[4] as JobProgress).amount).toEqual({ unit: 'records', done: 3, total: 7 });
    expect(progressWords('export', steps[3] as JobProgress).amount).toBeNull();
    // A total not known yet: no amount (the bar is indeterminate), and done never exceeds total.
    expect(progressWords('import', step({ step: 'reading', file: 'a.samizdat', done: 10, total: null })).amount).toBeNull();
    expect(progressWords('export', step({ step: 'writing', file: 'a', done: 12, total: 7 })).amount).toEqual({ unit: 'records', done: 7, total: 7 });
  });

  it('counts records with each language’s plural forms', () => {
    const records = (lng: Language, n: number) => say(lng, { key: 'progress.records', values: { done: '1', count: n } });
    expect(records('en', 1)).toBe('1 of 1 record');
    expect(records('en', 10_000)).toBe('1 of 10,000 records');
    expect(records('ru', 2)).toBe('1 из 2 записей');
    expect(records('ru', 21)).toBe('1 из 21 записи');
    expect(records('uk', 5)).toBe('1 з 5 записів');
  });
});

describe('a report’s tone', () => {
  it('a folder import with one broken file is partial (a failure shown), never ok', () => {
    const r: ImportResult = { files: [bundle('/stick/a.samizdat'), bundle('/stick/b.samizdat')], failed: [{ path: '/stick/broken.samizdat', error: { code: 'bundle.b-truncated', kind: 'input', message: 'bundle: …' } }] };
    expect(importTone(r)).toBe('partial');
    expect(importTone({ files: [bundle('/a.samizdat')], failed: [] })).toBe('ok');
    expect(importTone({ files: [], failed: r.failed })).toBe('failed');
  });

  it('a lookalike first seen, or anything rejected, makes it a warning', () => {
    expect(importTone({ files: [bundle('/a.samizdat', { newGroups: [impostor] })], failed: [] })).toBe('warning');
    expect(importTone({ files: [bundle('/a.samizdat', { newGroups: [stranger] })], failed: [] })).toBe('ok');
    expect(importTone({ files: [bundle('/a.samizdat', { rejectedCount: 1, rejected: [{ kind: 'signature', id: 'd'.repeat(64), reason: 'bad-signature', message: '…' }] })], failed: [] })).toBe('warning');
    const sync: SyncResult = { folder: '/drop', bundlesRead: 3, imported: [bundle('/drop/x.samizdat')], notForUs: [], failed: [{ path: '/drop/y.samizdat', error: { code: 'exchange.io', kind: 'io', message: '…' } }], written: [] };
    expect(syncTone(sync)).toBe('partial');
  });

  it('a job that failed, or that the app forgot, is failed; one running has no tone yet', () => {
    const view = (patch: Partial<JobView>): JobView => ({ jobId: 'j', kind: 'import', state: 'running', progress: step({ step: 'starting' }), result: null, error: null, ...patch });
    expect(jobTone(view({ state: 'failed', error: { code: 'bundle.needs-passphrase', kind: 'usage', message: '…' } }), false)).toBe('failed');
    expect(jobTone(null, true)).toBe('failed');
    expect(jobTone(view({}), false)).toBeNull();
    const partial: ImportResult = { files: [bundle('/a')], failed: [{ path: '/b', error: { code: 'bundle.b-magic', kind: 'input', message: '…' } }] };
    expect(jobTone(view({ state: 'done', result: { summary: 'it went well (English, never read)', details: { kind: 'import', import: partial } } }), false)).toBe('partial');
  });
});

describe('what a report says', () => {
  it('a group first seen is unverified, from its file; a lookalike names the group it looks like, never verified', () => {
    expect(firstSeenTrust(stranger, 'lviv.samizdat')).toEqual({ state: 'unverified', firstSeen: { from: 'lviv.samizdat', at: null } });
    expect(firstSeenTrust(impostor, 'x.samizdat')).toEqual({ state: 'lookalike', looksLike: [{ groupId: KRAS, name: 'KRAS-IWA' }] });
    for (const lng of LANGUAGES) {
      expect(say(lng, { key: 'firstSeen.confusable', values: { name: 'KRAS-IWA' } })).toContain('“KRAS-IWA”'.slice(1, -1));
      expect(say(lng, { key: 'firstSeen.same-name', values: { name: 'KRAS-IWA' } })).toContain('KRAS-IWA');
    }
  });

  it('words every rejection reason by its code, and an unknown one without core’s English', () => {
    for (const lng of LANGUAGES) {
      for (const reason of REASONS) expect(say(lng, { key: reasonKey(reason) })).not.toBe(say(lng, { key: 'reason.other' }));
      expect(reasonKey('a-reason-from-a-newer-core')).toBe('reason.other');
      for (const kind of ['link', 'link-signature', 'signature']) say(lng, { key: `rejected.kind.${kind}` });
      for (const envelope of ['clear', 'members', 'passphrase']) say(lng, { key: `envelope.${envelope}` });
    }
  });

  it('counts what came in by kind, with plural forms, leaving out what there is none of', () => {
    const c = sum([counts({ statements: 1, signatures: 2 }), counts({ statements: 3, links: 1 })]);
    expect(c).toEqual(counts({ statements: 4, signatures: 2, links: 1 }));
    expect(countParts(c)).toEqual([
      { key: 'count.statements', count: 4 },
      { key: 'count.signatures', count: 2 },
      { key: 'count.links', count: 1 },
    ]);
    expect(say('ru', { key: 'count.statements', values: { count: 4 } })).toBe('4 заявления');
    expect(say('ru', { key: 'count.statements', values: { count: 5 } })).toBe('5 заявлений');
    expect(say('uk', { key: 'count.signatures', values: { count: 1 } })).toBe('1 підпис');
    expect(say('en', { key: 'count.statements', values: { count: 1 } })).toBe('1 statement');
  });

  it('says why an export got its envelope, in every language', () => {
    const base: ExportResult = { out: '/x.samizdat', bytes: 1, sha256: 'f'.repeat(64), envelope: 'clear', encryptedTo: [], recipients: 0, reason: 'all-released', drafts: 0, counts: { links: 1, statements: 1, signatures: 1, attachments: 0 } };
    for (const reason of ['passphrase', 'groups-named', 'clear-requested', 'all-released', 'drafts'] as const) {
      for (const lng of LANGUAGES) expect(say(lng, sealWords({ ...base, reason, drafts: 2, recipients: 3 })).length).toBeGreaterThan(10);
    }
    expect(say('en', sealWords({ ...base, reason: 'drafts', drafts: 1, recipients: 3 }))).toBe('Encrypted to the members of its groups (member keys: 3): 1 statement in it is not released yet.');
  });
});

describe('the history', () => {
  const entry = (n: number, running: boolean): Entry => ({
    jobId: `job-${n}`,
    kind: 'import',
    source: { kind: 'files', names: [`${n}.samizdat`] },
    paths: [],
    startedAt: 1_000 + n,
    view: { jobId: `job-${n}`, kind: 'import', state: running ? 'running' : 'done', progress: step({ step: 'starting' }), result: null, error: null },
    lost: false,
    download: null,
    delivery: 'none',
    retriedAs: null,
  });

  it('keeps the newest, at most the limit, however many jobs run', () => {
    let h: Entry[] = [];
    for (let n = 0; n < 200; n++) h = added(h, entry(n, false));
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h.map((e) => e.jobId)).toEqual(Array.from({ length: HISTORY_LIMIT }, (_, i) => `job-${199 - i}`));
  });

  it('drops finished reports before a job still running', () => {
    let h: Entry[] = [entry(0, true)];
    for (let n = 1; n <= HISTORY_LIMIT + 5; n++) h = added(h, entry(n, false));
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h.some((e) => e.jobId === 'job-0')).toBe(true);
    expect(h.filter(isRunning).map((e) => e.jobId)).toEqual(['job-0']);
    // The same job seen again replaces its entry; patches touch only theirs.
    const again = added(h, { ...entry(0, false), startedAt: 5_000 });
    expect(again.filter((e) => e.jobId === 'job-0')).toHaveLength(1);
    expect(patched(again, 'job-0', { lost: true }).find((e) => e.jobId === 'job-0')?.lost).toBe(true);
  });

  it('clearing the reports keeps what still runs', () => {
    const h = [entry(1, true), entry(2, false), { ...entry(3, true), lost: true }];
    expect(withoutFinished(h).map((e) => e.jobId)).toEqual(['job-1']);
    expect(bounded([], 5)).toEqual([]);
  });
});

describe('sticks', () => {
  const drive = (path: string, label: string): RemovableDrive => ({ path, label, device: '', fsType: 'vfat', sizeBytes: null, freeBytes: null });

  it('the first look is not news; then plugged in and pulled out, by mount point', () => {
    const a = drive('/media/olga/STICK', 'STICK');
    const b = drive('/media/olga/CARD', 'CARD');
    expect(driveChanges(undefined, [a])).toEqual({ added: [], removed: [] });
    expect(driveChanges([a], [a, b])).toEqual({ added: [b], removed: [] });
    expect(driveChanges([a, b], [b])).toEqual({ added: [], removed: [a] });
    // A stick relabelled in place is the same stick.
    expect(driveChanges([a], [{ ...a, label: 'OTHER' }])).toEqual({ added: [], removed: [] });
  });

  it('a drive export writes <drive>/<name>.samizdat with the drive’s separator, the name cleaned', () => {
    expect(bundlePathIn('/media/olga/STICK', 'Нет войне')).toBe('/media/olga/STICK/Нет войне.samizdat');
    expect(bundlePathIn('E:\\', 'for Olga.samizdat')).toBe('E:\\for Olga.samizdat');
    // A typed name never leaves the drive: no separator survives.
    const sneaky = bundlePathIn('/media/olga/STICK/', '../../etc/passwd');
    expect(sneaky.startsWith('/media/olga/STICK/')).toBe(true);
    expect(sneaky.slice('/media/olga/STICK/'.length)).not.toMatch(/[\\/]/);
    expect(sneaky.endsWith('etc passwd.samizdat')).toBe(true);
    expect(bundleName('  .hidden.samizdat ')).toBe('hidden');
    expect(bundleName('///')).toBe('');
  });
});
