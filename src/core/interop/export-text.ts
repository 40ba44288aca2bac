// `samizdat export-text`: a released statement as statement.txt, with detached signatures in the
// formats of signify (statement.txt.sig) and minisign (statement.txt.minisig) by the exporter's own
// current member key, that key as KEYID.pub, and VERIFY.txt saying how to check them. The exporter
// must be a member whose own signature on the statement counts in its verification report.
import { lstatSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { toHex, utf8 } from '../crypto/bytes.js';
import { SamizdatError, quote } from '../errors.js';
import { errnoCode, ioError } from '../io.js';
import { writeFileAtomic } from '../exchange/atomic.js';
import type { SignatureRole } from '../model/types.js';
import { Verifier, statementOfRecord } from '../service/statements.js';
import type { IdentityRecord, StatementRecord, VaultReader } from '../store/types.js';
import type { GroupReport, VerificationReport } from '../verify/statement.js';
import { renderVerifyText, type SignerGroup } from './instructions.js';
import { minisignSignature } from './minisign.js';
import { keyIdHex, publicKeyFile, signifySignature } from './signify.js';
import { statementTextBytes } from './text.js';

export const STATEMENT_FILE = 'statement.txt';
export const SIGNIFY_FILE = 'statement.txt.sig';
export const MINISIGN_FILE = 'statement.txt.minisig';
export const VERIFY_FILE = 'VERIFY.txt';
/** The files of an export are public: readable by all, as the umask allows. */
const FILE_MODE = 0o644;

export interface TextExportFile {
  name: string;
  bytes: Uint8Array;
}

export interface TextSigner {
  name: string;
  /** Hex of her 32-byte Ed25519 public key. */
  key: string;
  /** Hex of the 8-byte key id: the first 8 bytes of SHA-256 of the key. */
  keyid: string;
  groups: SignerGroup[];
}

export interface PreparedTextExport {
  id: string;
  /** In the order they are written: statement.txt, .sig, .minisig, KEYID.pub, VERIFY.txt. */
  files: TextExportFile[];
  signer: TextSigner;
}

export interface ExportTextResult {
  id: string;
  dir: string;
  /** Full paths of the files written, in the order written. */
  files: string[];
  signer: { name: string; key: string; keyid: string };
}

/** The trusted comment of statement.txt.minisig. */
export function trustedComment(statementId: string, signer: { name: string; groups: readonly { id: string }[] }): string {
  return `samizdat statement ${statementId}${signer.groups.map((g) => ` group ${g.id}`).join('')} signer ${signer.name}`;
}

const roleOf = (report: VerificationReport, g: GroupReport): SignatureRole => (report.groups.includes(g) ? 'release' : 'endorse');

function requireReleased(report: VerificationReport): void {
  if (report.released) return;
  const missing = report.groups.filter((g) => !g.released).map((g) => `${g.name} (${g.signers.length} of ${g.threshold} member signatures)`);
  throw new SamizdatError(
    'interop',
    'verification',
    'interop.not-released',
    `cannot export statement ${report.statement.id.slice(0, 12)} as text: it is not released by ${missing.join(', ')}; only a statement released by every author group can be exported`,
  );
}

/** The groups for which the exporter's own signature counts, and her name there; refuses when there are none. */
function signerOf(vault: VaultReader, verifier: Verifier, report: VerificationReport, identity: IdentityRecord): { name: string; groups: SignerGroup[] } {
  const key = toHex(identity.signPublic);
  const retired = new Set(vault.getRetiredKeys().map((k) => toHex(k.signPublic)));
  const groups: SignerGroup[] = [];
  const others: string[] = [];
  const stale: string[] = [];
  let name: string | undefined;
  for (const g of [...report.groups, ...report.endorsements]) {
    const chain = verifier.chain(g.groupId);
    if (!chain?.head || chain.fork) continue;
    const counted = new Set(g.signers.map((s) => s.memberId));
    for (const m of chain.head.members.values()) {
      if (!counted.has(m.id)) continue;
      if (m.sign === key) {
        groups.push({ id: g.groupId, name: g.name, fingerprint: g.fingerprint, role: roleOf(report, g) });
        name ??= m.name;
      } else if (m.keys.some((k) => retired.has(k))) stale.push(g.name);
      else others.push(`${m.name} (${g.name})`);
    }
  }
  if (name !== undefined) return { name, groups };
  const id = report.statement.id.slice(0, 12);
  const who = others.length ? `it can be exported by a member whose signature counts: ${[...new Set(others)].join(', ')}` : 'no other member can export it either';
  if (stale.length) {
    throw new SamizdatError(
      'interop',
      'verification',
      'interop.stale-key',
      `cannot export statement ${id} as text: your signature counts for ${[...new Set(stale)].join(', ')}, but that group lists you with an older key than your current one (${key.slice(0, 12)}), so a text signed with your current key could not be checked against the group; ${who}`,
    );
  }
  throw new SamizdatError(
    'interop',
    'verification',
    'interop.not-a-signer',
    `cannot export statement ${id} as text: you (${identity.name}) have no signature on it that counts, and the text is signed with your own key; ${who} (a member of an author group or of an endorsing group can sign it first with \`samizdat sign\`)`,
  );
}

/** Everything an export writes, computed without touching the disk. */
export function prepareTextExport(vault: VaultReader, identity: IdentityRecord, id: string): PreparedTextExport {
  const verifier = new Verifier(vault);
  const report = verifier.verify(id);
  requireReleased(report);
  const signer = signerOf(vault, verifier, report, identity);
  const statement = statementOfRecord(vault.getStatement(id) as StatementRecord); // held: verify() refuses an unknown id
  const text = statementTextBytes({ id, statement, groups: report.groups.map((g) => ({ id: g.groupId, name: g.name, fingerprint: g.fingerprint })) });
  const keys = { publicKey: identity.signPublic, secretKey: identity.signSecret };
  const keyid = keyIdHex(identity.signPublic);
  const key = toHex(identity.signPublic);
  return {
    id,
    files: [
      { name: STATEMENT_FILE, bytes: text },
      { name: SIGNIFY_FILE, bytes: utf8(signifySignature(text, keys)) },
      { name: MINISIGN_FILE, bytes: utf8(minisignSignature(text, keys, trustedComment(id, signer))) },
      { name: `${keyid}.pub`, bytes: utf8(publicKeyFile(identity.signPublic)) },
      { name: VERIFY_FILE, bytes: utf8(renderVerifyText({ statementId: id, signerName: signer.name, key, keyid, groups: signer.groups })) },
    ],
    signer: { name: signer.name, key, keyid, groups: signer.groups },
  };
}

function statOrUndefined(path: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw ioError('interop', err, 'look at', path);
  }
}

/**
 * Write the files into `dir` (created if missing), each atomically and read back. Unless `force`,
 * refuses before writing anything when any of them exists already.
 */
export function writeTextExport(dir: string, files: readonly TextExportFile[], options: { force: boolean }): string[] {
  const target = resolve(dir);
  const st = statOrUndefined(target, true);
  if (st && !st.isDirectory()) throw new SamizdatError('interop', 'usage', 'interop.not-a-folder', `${quote(target, 200)} exists and is not a folder`);
  if (st && !options.force) {
    const existing = files.filter((f) => statOrUndefined(join(target, f.name), false)).map((f) => f.name);
    if (existing.length) {
      throw new SamizdatError(
        'interop',
        'usage',
        'interop.files-exist',
        `${quote(target, 200)} already holds ${existing.join(', ')}; nothing was written (overwrite them with --force)`,
      );
    }
  }
  try {
    mkdirSync(target, { recursive: true });
  } catch (err) {
    throw ioError('interop', err, 'create the folder', target);
  }
  return files.map((f) => {
    const path = join(target, f.name);
    writeFileAtomic(path, f.bytes, FILE_MODE);
    return path;
  });
}

/** The whole operation: check, sign, write; the result for the CLI's --json. */
export function exportText(vault: VaultReader, identity: IdentityRecord, id: string, options: { dir: string; force: boolean }): ExportTextResult {
  const prepared = prepareTextExport(vault, identity, id);
  const dir = resolve(options.dir);
  const files = writeTextExport(dir, prepared.files, options);
  const { name, key, keyid } = prepared.signer;
  return { id, dir, files, signer: { name, key, keyid } };
}
