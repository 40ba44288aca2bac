// The export-text operation over a real vault: who may export (a member whose own signature counts,
// for an author group or an endorsing group), what is refused, and what is written.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBoxKeyPair } from '../../../src/core/crypto/box.js';
import { toHex } from '../../../src/core/crypto/bytes.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../src/core/crypto/ed25519.js';
import { SamizdatError } from '../../../src/core/errors.js';
import { exportText, prepareTextExport, trustedComment, writeTextExport, type PreparedTextExport } from '../../../src/core/interop/export-text.js';
import { verifyMinisign } from '../../../src/core/interop/minisign.js';
import { verifySignify } from '../../../src/core/interop/signify.js';
import { parseStatementText } from '../../../src/core/interop/text.js';
import { canonicalBytes } from '../../../src/core/model/canonical.js';
import { makeMemberCard, type MemberCard } from '../../../src/core/model/card.js';
import { makeCharter, makeMember, makeStatementSignature, signLink } from '../../../src/core/model/build.js';
import { objectId } from '../../../src/core/model/objects.js';
import { createGroup, rotateMyKeys } from '../../../src/core/service/groups.js';
import { createIdentity, requireIdentity } from '../../../src/core/service/identity.js';
import { heldChain, recordOfLink } from '../../../src/core/service/links.js';
import { createStatement, signStatement } from '../../../src/core/service/statements.js';
import type { IdentityRecord } from '../../../src/core/store/types.js';
import { Vault } from '../../../src/core/store/vault.js';
import { groupFingerprint } from '../../../src/core/verify/statement.js';
import { PASS, tempRoot } from '../store/helpers.js';

interface Outsider {
  identity: IdentityRecord;
  keys: SigningKeyPair;
  card: MemberCard;
}

function outsider(name: string): Outsider {
  const keys = generateSigningKeyPair();
  const box = generateBoxKeyPair();
  return {
    identity: { name, signPublic: keys.publicKey, signSecret: keys.secretKey, boxPublic: box.publicKey, boxSecret: box.secretKey },
    keys,
    card: makeMemberCard(name, { signPublic: keys.publicKey, signSecret: keys.secretKey, boxPublic: box.publicKey }),
  };
}

/** What importing a signature made on another device would do. */
function putSignatureBy(vault: Vault, who: Outsider, statement: string, group: string, role: 'release' | 'endorse'): void {
  const sig = makeStatementSignature({ statement, group, link: heldChain(vault, group).head?.linkId as string, role }, who.keys);
  vault.putSignature({ ...sig, id: objectId(sig), canonical: canonicalBytes(sig) });
}

function caught(fn: () => unknown): SamizdatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SamizdatError) return e;
    throw e;
  }
  throw new Error('expected a SamizdatError');
}

const text = (p: PreparedTextExport, name: string) => Buffer.from(p.files.find((f) => f.name === name)?.bytes ?? []).toString('utf8');

describe('export-text over a vault', () => {
  const tmp = tempRoot();
  const ivan = outsider('Ivan');
  let vault: Vault;
  let me: IdentityRecord;
  let solo = '';
  let pair = '';
  let ivanUnion = '';
  const statement = (authors: string[], title: string) => createStatement(vault, { authors, title, lang: 'en', date: '2026-02-24', body: `${title}.\n`, relations: [], attachments: [] }).id;

  beforeAll(async () => {
    vault = await Vault.create(join(tmp.root, 'olga'), PASS, 'interactive');
    createIdentity(vault, 'Olga');
    me = requireIdentity(vault);
    solo = createGroup(vault, { name: 'Solo', cards: [], release: 1 }).id;
    pair = createGroup(vault, { name: 'Pair', cards: [], release: 1 }).id;
    // A group Olga is not a member of, as an import would bring it.
    const charter = recordOfLink(signLink(makeCharter({ name: 'Ivan Union', members: [makeMember('Ivan', ivan.keys.publicKey, ivan.identity.boxPublic)], thresholds: { release: 1, membership: 1 } }), ivan.keys));
    vault.putLink(charter);
    vault.upsertGroup({ id: charter.id, name: 'Ivan Union', origin: 'imported' });
    ivanUnion = charter.id;
  });
  afterAll(() => {
    vault.close();
    tmp.cleanup();
  });

  it('a member who released it exports five files; both signatures check, and the bytes are the same every time', () => {
    const id = statement([solo], 'Released by Olga');
    signStatement(vault, id, { endorse: false });
    const prepared = prepareTextExport(vault, me, id);
    const keyid = prepared.signer.keyid;
    expect(prepared.files.map((f) => f.name)).toEqual(['statement.txt', 'statement.txt.sig', 'statement.txt.minisig', `${keyid}.pub`, 'VERIFY.txt']);
    expect(prepared.signer).toMatchObject({ name: 'Olga', key: toHex(me.signPublic), groups: [{ id: solo, name: 'Solo', role: 'release', fingerprint: groupFingerprint(solo) }] });
    const bytes = prepared.files[0]?.bytes as Uint8Array;
    expect(verifySignify(bytes, text(prepared, 'statement.txt.sig'), text(prepared, `${keyid}.pub`))).toBe(true);
    expect(verifyMinisign(bytes, text(prepared, 'statement.txt.minisig'), text(prepared, `${keyid}.pub`))).toEqual({
      trustedComment: `samizdat statement ${id} group ${solo} signer Olga`,
    });
    const footer = parseStatementText(text(prepared, 'statement.txt')).footer;
    expect(footer).toContainEqual(['Group', `Solo ${solo}`]);
    expect(footer).toContainEqual(['Fingerprint', groupFingerprint(solo)]);
    const again = prepareTextExport(vault, me, id);
    expect(again.files.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual(prepared.files.map((f) => Buffer.from(f.bytes).toString('hex')));
    const verify = text(prepared, 'VERIFY.txt');
    expect(verify).toContain(`  signify-openbsd -V -p ${keyid}.pub -m statement.txt`);
    expect(verify).toContain(`  signify -V -p ${keyid}.pub -m statement.txt`);
    expect(verify).toContain(`  minisign -V -p ${keyid}.pub -m statement.txt`);
    expect(verify).toContain(`Group: Solo ${solo} (author group, release signature)\nFingerprint: ${groupFingerprint(solo)}\n`);
    expect(verify.endsWith(`Statement: ${id}\n`)).toBe(true);
  });

  it('refuses a statement that is not released, naming the group (a verification error)', () => {
    const twoOfTwo = createGroup(vault, { name: 'Two of two', cards: [ivan.card], release: 2 }).id;
    const id = statement([twoOfTwo], 'Half signed');
    signStatement(vault, id, { endorse: false });
    const err = caught(() => prepareTextExport(vault, me, id));
    expect(err.code).toBe('interop.not-released');
    expect(err.kind).toBe('verification');
    expect(err.message).toMatch(/not released by Two of two \(1 of 2 member signatures\)/);
  });

  it('refuses an exporter whose own signature is not among those that count, naming who may export', () => {
    const joint = createGroup(vault, { name: 'With Ivan', cards: [ivan.card], release: 1 }).id;
    const id = statement([joint], 'Released by Ivan');
    putSignatureBy(vault, ivan, id, joint, 'release');
    const err = caught(() => prepareTextExport(vault, me, id));
    expect(err.code).toBe('interop.not-a-signer');
    expect(err.kind).toBe('verification');
    expect(err.message).toContain('you (Olga) have no signature on it that counts');
    expect(err.message).toContain('Ivan (With Ivan)');
    // Ivan himself may: the key is his, the signature counts.
    expect(prepareTextExport(vault, ivan.identity, id).signer).toMatchObject({ name: 'Ivan', key: toHex(ivan.keys.publicKey) });
  });

  it('an endorsing member may export: her group is named as endorsing, the footer names the authors only', () => {
    const id = statement([ivanUnion], 'Endorsed by Olga');
    putSignatureBy(vault, ivan, id, ivanUnion, 'release');
    expect(caught(() => prepareTextExport(vault, me, id)).code).toBe('interop.not-a-signer');
    signStatement(vault, id, { endorse: true, groupId: pair });
    const prepared = prepareTextExport(vault, me, id);
    expect(prepared.signer.groups).toEqual([{ id: pair, name: 'Pair', fingerprint: groupFingerprint(pair), role: 'endorse' }]);
    const footer = parseStatementText(text(prepared, 'statement.txt')).footer;
    expect(footer.filter(([k]) => k === 'Group')).toEqual([['Group', `Ivan Union ${ivanUnion}`]]);
    expect(text(prepared, 'statement.txt.minisig')).toContain(`trusted comment: ${trustedComment(id, { name: 'Olga', groups: [{ id: pair }] })}\n`);
    expect(text(prepared, 'VERIFY.txt')).toContain(`Group: Pair ${pair} (endorsing group, endorse signature)`);
  });

  it('after a key rotation: her old signature still counts for the group that knows her new key; another group that lists her old key is refused', () => {
    const inPair = statement([pair], 'Signed in Pair before rotating');
    const inSolo = statement([solo], 'Signed in Solo before rotating');
    signStatement(vault, inPair, { endorse: false });
    signStatement(vault, inSolo, { endorse: false });
    const before = prepareTextExport(vault, me, inSolo).signer.keyid;
    rotateMyKeys(vault, solo);
    const rotated = requireIdentity(vault);
    const exported = prepareTextExport(vault, rotated, inSolo);
    expect(exported.signer.key).toBe(toHex(rotated.signPublic));
    expect(exported.signer.keyid).not.toBe(before);
    const err = caught(() => prepareTextExport(vault, rotated, inPair));
    expect(err.code).toBe('interop.stale-key');
    expect(err.kind).toBe('verification');
    expect(err.message).toContain('your signature counts for Pair');
  });

  describe('writing', () => {
    const files = [
      { name: 'statement.txt', bytes: new Uint8Array(Buffer.from('new text\n')) },
      { name: 'VERIFY.txt', bytes: new Uint8Array(Buffer.from('new verify\n')) },
    ];

    it('creates the folder, writes each file readable by all, and refuses to overwrite without force', () => {
      const dir = join(tmp.root, 'out', 'nested');
      const paths = writeTextExport(dir, files, { force: false });
      expect(paths).toEqual([join(dir, 'statement.txt'), join(dir, 'VERIFY.txt')]);
      expect(readFileSync(join(dir, 'statement.txt'), 'utf8')).toBe('new text\n');
      writeFileSync(join(dir, 'VERIFY.txt'), 'mine\n');
      const err = caught(() => writeTextExport(dir, [{ ...files[0]!, bytes: new Uint8Array(Buffer.from('other\n')) }, files[1]!], { force: false }));
      expect(err.kind).toBe('usage');
      expect(err.code).toBe('interop.files-exist');
      expect(err.message).toContain('statement.txt, VERIFY.txt');
      expect(readFileSync(join(dir, 'statement.txt'), 'utf8')).toBe('new text\n');
      expect(readFileSync(join(dir, 'VERIFY.txt'), 'utf8')).toBe('mine\n');
      writeTextExport(dir, files, { force: true });
      expect(readFileSync(join(dir, 'VERIFY.txt'), 'utf8')).toBe('new verify\n');
      expect(readdirSync(dir).sort()).toEqual(['VERIFY.txt', 'statement.txt']);
    });

    it('refuses an --out that is a file', () => {
      const file = join(tmp.root, 'a-file');
      writeFileSync(file, 'x');
      expect(caught(() => writeTextExport(file, files, { force: true })).code).toBe('interop.not-a-folder');
    });

    it('exportText returns the id, the folder, the paths and the signer', () => {
      const id = statement([solo], 'Exported whole');
      signStatement(vault, id, { endorse: false });
      const dir = join(tmp.root, 'whole');
      mkdirSync(dir);
      const rotated = requireIdentity(vault);
      const result = exportText(vault, rotated, id, { dir, force: false });
      const keyid = result.signer.keyid;
      expect(result).toEqual({
        id,
        dir,
        files: ['statement.txt', 'statement.txt.sig', 'statement.txt.minisig', `${keyid}.pub`, 'VERIFY.txt'].map((f) => join(dir, f)),
        signer: { name: 'Olga', key: toHex(rotated.signPublic), keyid },
      });
    });
  });
});
