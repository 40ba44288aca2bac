// An in-memory AppCore for the shells' tests (unit, and browser mode e2e until the real adapter
// exists). Its objects deliberately carry fields a view model must never expose (a secret key, raw
// bundle bytes), so the tests can prove that the handler table drops them.

import { createHash } from 'node:crypto';
import { SamizdatError } from '../../../src/core/errors.js';
import type { AppCore } from '../../../src/app/ports.js';
import type { ExportResult, GroupSummary, ImportResult, RemovableDrive, StatementView, SyncResult, VerificationReport } from '../../../src/shared/view-models.js';

export const FAKE_PASSPHRASE = 'correct horse battery staple';

/** A body that would run script if it were ever treated as HTML. */
export const HOSTILE_BODY = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> plain words';

export const hexId = (seed: string): string => createHash('sha256').update(seed).digest('hex');

const GROUPS: GroupSummary[] = [
  { groupId: hexId('group:kras'), name: 'KRAS-IWA', fingerprint: '12345 67890 12345 67890', trust: 'verified', state: { state: 'verified' }, mine: false, members: 3, releaseThreshold: 2, membershipThreshold: 2, pending: 0, fork: false },
  { groupId: hexId('group:fed'), name: 'Federation', fingerprint: '55555 44444 33333 22222', trust: 'unverified', state: { state: 'unverified', firstSeen: { from: 'fed.samizdat', at: null } }, mine: false, members: 5, releaseThreshold: 3, membershipThreshold: 3, pending: 0, fork: false },
];

/** A group name from a bundle that would run script if it were ever treated as HTML. */
export const HOSTILE_GROUP_NAME = '<img src=x onerror="window.__pwned=3">KRAS-IWA';

const SECRET = { secretKey: 'SECRET-KEY-MATERIAL', rawBundle: new Uint8Array([1, 2, 3]) };

/** The drives the fake sees: one stick. */
export const FAKE_DRIVES: RemovableDrive[] = [
  { path: '/media/anna/STICK', label: 'STICK', device: '/dev/sdb1', fsType: 'vfat', sizeBytes: 16_000_000_000, freeBytes: 12_000_000_000 },
];

export interface FakeCore extends AppCore {
  readonly calls: string[];
  readonly statements: StatementView[];
  /** While set, exchange operations wait for it before finishing (to watch them run). */
  gate: Promise<void> | null;
}

const counts = (statements: number, signatures: number, links: number) => ({ links, linkSignatures: links, statements, signatures, attachments: 0 });

function fakeImport(path: string): ImportResult['files'][number] {
  return Object.assign(
    {
      path,
      envelope: 'clear' as const,
      added: counts(1, 2, 1),
      held: counts(0, 0, 0),
      rejected: [Object.assign({ kind: 'signature' as const, id: hexId('bad'), reason: 'bad-signature', message: 'the signature of key abc is not valid' }, SECRET)],
      rejectedCount: 1,
      newGroups: [
        Object.assign(
          {
            groupId: hexId('group:impostor'),
            name: HOSTILE_GROUP_NAME,
            fingerprint: '99999 88888 77777 66666',
            lookalikes: [Object.assign({ groupId: hexId('group:kras'), name: 'KRAS-IWA', kind: 'confusable' as const }, SECRET)],
          },
          SECRET,
        ),
      ],
      statements: 1,
    },
    SECRET,
  );
}

export function createFakeCore(options: { statements?: number } = {}): FakeCore {
  const count = options.statements ?? 120;
  let unlocked = false;
  const calls: string[] = [];
  const statements: StatementView[] = Array.from({ length: count }, (_, i) => {
    const group = GROUPS[i % GROUPS.length] as GroupSummary;
    return Object.assign(
      {
        id: hexId(`statement:${i}`),
        title: `Statement ${i + 1} against the war`,
        lang: i % 3 === 0 ? 'ru' : 'en',
        date: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`,
        authors: [{ groupId: group.groupId, name: group.name, trust: group.state }],
        released: i % 2 === 0,
        status: i % 2 === 0 ? ('released' as const) : ('waiting' as const),
        signatures: i % 2 === 0 ? null : { have: 1, need: group.releaseThreshold },
        outgoing: [],
        incoming: [],
        attachments: [],
        canSign: false,
        canEndorse: false,
        body: i === 0 ? HOSTILE_BODY : `Body of statement ${i + 1}.`,
        relations: [],
      },
      // What a careless adapter might pass along: never to be seen by a renderer.
      { secretKey: 'SECRET-KEY-MATERIAL', rawBundle: new Uint8Array([1, 2, 3]) },
    );
  });

  const report = (s: StatementView): VerificationReport => ({
    statementId: s.id,
    released: s.released,
    ok: s.released,
    groups: s.authors.map((a) => ({
      groupId: a.groupId,
      name: a.name,
      fingerprint: '12345 67890',
      trust: 'verified',
      threshold: 2,
      members: 3,
      fork: false,
      signers: [Object.assign({ memberId: hexId('m1'), name: 'Anna', key: hexId('k1') }, { secretKey: 'SECRET-KEY-MATERIAL' })],
      released: s.released,
      problems: s.released ? [] : [{ code: 'threshold-not-met', severity: 'error', message: '1 of 2 signatures', subject: null }],
    })),
    endorsements: [],
    problems: [],
  });

  const requireUnlocked = () => {
    if (!unlocked) throw new SamizdatError('vault', 'vault', 'vault.locked', 'the vault is locked');
  };

  const core: FakeCore = {
    calls,
    statements,
    gate: null,
    isUnlocked: () => unlocked,
    exists: () => true,
    create: async () => {
      throw new SamizdatError('vault', 'usage', 'vault.exists', 'the fake core always has a vault');
    },
    changePassphrase: async () => requireUnlocked(),
    wipe: async () => {
      throw new SamizdatError('vault', 'vault', 'vault.unavailable', 'the fake core cannot be wiped');
    },
    withVault: async () => {
      requireUnlocked();
      throw new SamizdatError('vault', 'vault', 'vault.unavailable', 'the fake core holds no vault: test these channels with a real one');
    },
    async unlock(passphrase) {
      calls.push('unlock');
      if (passphrase !== FAKE_PASSPHRASE) {
        throw new SamizdatError('vault', 'vault', 'vault.wrong-passphrase', 'wrong passphrase');
      }
      unlocked = true;
    },
    async lock() {
      calls.push('lock');
      unlocked = false;
    },
    async listStatements(after, limit) {
      calls.push(`list ${after} ${limit}`);
      // A cursor of its own kind ("at" and the index to start from), opaque to the handlers.
      const from = after === null ? 0 : Number(after.slice(2));
      const items = statements.slice(from, from + limit);
      return { total: statements.length, items, next: from + limit < statements.length ? `at${from + limit}` : null };
    },
    async getStatement(id) {
      calls.push(`show ${id}`);
      return statements.find((s) => s.id === id) ?? null;
    },
    async verifyStatement(id) {
      calls.push(`verify ${id}`);
      const s = statements.find((x) => x.id === id);
      return s ? report(s) : null;
    },
    async listGroups() {
      calls.push('groups');
      return GROUPS.map((g) => Object.assign({ ...g }, { secretKey: 'SECRET-KEY-MATERIAL' }));
    },
    async importBundles(paths, passphrase, report) {
      calls.push(`import ${paths.join(' ')}${passphrase === undefined ? '' : ' with passphrase'}`);
      requireUnlocked();
      report({ phase: 'reading bundle', step: 'reading', file: 'bundle.samizdat', fileIndex: 1, files: paths.length, done: 512, total: 1024 });
      await core.gate;
      const files: ImportResult['files'] = [];
      const failed: ImportResult['failed'] = [];
      for (const path of paths) {
        if (path.includes('missing')) failed.push({ path, error: { code: 'exchange.io', kind: 'io', message: `exchange: cannot read "${path}": no such file or folder` } });
        else if (path.includes('sealed') && passphrase === undefined) failed.push({ path, error: { code: 'bundle.needs-passphrase', kind: 'usage', message: 'bundle: this bundle is sealed with a passphrase' } });
        else files.push(fakeImport(path));
      }
      if (files.length === 0) throw new SamizdatError('exchange', 'io', 'exchange.io', `exchange: ${failed[0]?.error.message ?? 'nothing to import'}`);
      report({ phase: 'reading bundle', step: 'reading', file: 'bundle.samizdat', fileIndex: paths.length, files: paths.length, done: 1024, total: 1024 });
      return Object.assign({ files, failed }, SECRET);
    },
    async exportBundle(request, report) {
      calls.push(`export ${request.ids.join(' ')} ${request.mode} ${request.out}`);
      requireUnlocked();
      report({ phase: 'writing records', step: 'writing', file: 'out.samizdat', fileIndex: null, files: null, done: 3, total: 7 });
      await core.gate;
      const members = request.mode === 'members';
      const result: ExportResult = {
        out: request.out,
        bytes: 4096,
        sha256: hexId('bundle'),
        envelope: members ? 'members' : request.mode === 'passphrase' ? 'passphrase' : 'clear',
        encryptedTo: members ? request.to : [],
        recipients: members ? 3 : 0,
        reason: members ? 'groups-named' : request.mode === 'passphrase' ? 'passphrase' : request.mode === 'clear' ? 'clear-requested' : 'all-released',
        drafts: 0,
        counts: { links: 4, statements: request.ids.length, signatures: 2, attachments: 0 },
      };
      return Object.assign(result, SECRET);
    },
    async syncFolder(dir, report) {
      calls.push(`sync ${dir}`);
      requireUnlocked();
      report({ phase: 'reading the folder', step: 'folder', file: null, fileIndex: null, files: null, done: 0, total: null });
      await core.gate;
      const result: SyncResult = {
        folder: dir,
        bundlesRead: 2,
        imported: [fakeImport(`${dir}/a.samizdat`)],
        notForUs: [`${dir}/theirs.samizdat`],
        failed: [],
        written: [Object.assign({ path: `${dir}/${hexId('written')}.samizdat`, bytes: 2048, sha256: hexId('written'), envelope: 'clear' as const, records: 5 }, SECRET)],
      };
      return Object.assign(result, SECRET);
    },
    async listDrives() {
      calls.push('drives');
      return FAKE_DRIVES.map((d) => Object.assign({ ...d }, SECRET));
    },
  };
  return core;
}
