// The benchmark's data: bundles and folders made with the project's own builders and writer, so
// that everything in them is what a real Samizdat would write and accept. Each data set is made
// once and kept in .bench-cache/ (git-ignored) under a key of its parameters and of the code that
// writes the format (src/core/model, src/core/bundle, this file): a change to the format makes a
// new one. Only inputs are cached; every measurement starts from a fresh vault.
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateBoxKeyPair } from '../src/core/crypto/box.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../src/core/crypto/ed25519.js';
import { writeBundle, type WriterRecord } from '../src/core/bundle/writer.js';
import { canonicalBytes } from '../src/core/model/canonical.js';
import { makeCharter, makeLaterLink, makeMember, makeStatement, makeStatementSignature, signLink } from '../src/core/model/build.js';
import { linkSigningMessage, objectId, statementSigningMessage } from '../src/core/model/objects.js';
import type { ChainLink, Statement } from '../src/core/model/types.js';
import { minisignSignature } from '../src/core/interop/minisign.js';
import { publicKeyFile } from '../src/core/interop/signify.js';
import { statementTextBytes } from '../src/core/interop/text.js';
import { trustedComment } from '../src/core/interop/export-text.js';
import { groupFingerprint } from '../src/core/verify/statement.js';
import { writeBundles } from '../tests/helpers/syncthing.js';
import { BENCH_DIR, REPO_ROOT, note } from './lib.js';

export const CACHE_DIR = join(REPO_ROOT, '.bench-cache');

/** The code whose change must make new data: the compiled format code and this generator. */
function codeHash(): string {
  const h = createHash('sha256');
  const compiled = join(BENCH_DIR, '..', 'src', 'core');
  for (const folder of ['model', 'bundle', 'interop']) {
    const dir = join(compiled, folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  h.update(readFileSync(join(BENCH_DIR, 'generate.js')));
  return h.digest('hex').slice(0, 12);
}

/**
 * The folder of data set `name` with `params`, made by `make` into a temporary folder and renamed
 * into place when complete (a run killed half-way leaves nothing that looks finished). Older
 * versions of the same data set are removed.
 */
async function cached(name: string, params: Record<string, number>, make: (dir: string) => Promise<void>): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify(params)).update(codeHash()).digest('hex').slice(0, 16);
  const label = `${name}-${Object.entries(params).map(([k, v]) => `${k}${v}`).join('-')}`;
  const final = join(CACHE_DIR, `${label}-${key}`);
  if (existsSync(join(final, 'DONE'))) return final;
  mkdirSync(CACHE_DIR, { recursive: true });
  // Older versions go; a run making this very version at the same time keeps its folder.
  for (const old of readdirSync(CACHE_DIR)) {
    if ((old.startsWith(`${label}-`) || old.startsWith(`.${label}-`)) && !old.includes(`-${key}`)) rmSync(join(CACHE_DIR, old), { recursive: true, force: true });
  }
  const tmp = join(CACHE_DIR, `.${label}-${key}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  note(`making data set ${label} (cached in .bench-cache/ for later runs)`);
  await make(tmp);
  writeFileSync(join(tmp, 'DONE'), new Date().toISOString());
  if (existsSync(join(final, 'DONE'))) {
    rmSync(tmp, { recursive: true, force: true }); // another run finished the same data first: use its copy
  } else {
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
  }
  return final;
}

async function writeFile(file: string, records: WriterRecord[]): Promise<void> {
  await pipeline(Readable.from(writeBundle(records.length, records)), createWriteStream(file));
}

const byId = (a: WriterRecord, b: WriterRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const linkRecord = (link: ChainLink): WriterRecord => ({ kind: 'object', section: 'link', id: objectId(link), bytes: canonicalBytes(link) });

/** A deterministic generator of numbers in [0, 1) (mulberry32): the same texts on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'war peace strike union workers factory mine railway port wages hours safety council assembly federation ' +
  'statement appeal protest mobilisation conscription refusal desertion solidarity fund prisoners trial court ' +
  'censorship press leaflet newspaper translation meeting comrades neighbours families mothers soldiers front ' +
  'border city village region winter spring harvest bread rent debt pension hospital school teachers nurses ' +
  'drivers dockers miners builders students archive memory history future freedom speech assembly organise ' +
  'picket boycott general demand release amnesty ceasefire negotiation withdrawal occupation resistance support'
).split(' ');
const RU_WORDS = 'нет войне забастовка профсоюз рабочие солидарность мир свобода ёлка шахта завод'.split(' ');

/** A short body of `words` words, in the statement's language, with `extra` words mixed in. */
function body(rand: () => number, words: number, lang: string, extra: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const list = lang === 'ru' && rand() < 0.5 ? RU_WORDS : WORDS;
    out.push(list[Math.floor(rand() * list.length)] as string);
  }
  for (const w of extra) out.splice(Math.floor(rand() * out.length), 0, w);
  return `${out.join(' ')}.\n`;
}

const LANGS = ['en', 'ru', 'de', 'uk', 'fr'];
const dateOf = (i: number): string => new Date(Date.UTC(2020, 0, 1) + (i % 2500) * 86_400_000).toISOString().slice(0, 10);

/** One signature as the raw verifiers take it: the signed message, the signature, the key. */
export interface RawSignature {
  message: Uint8Array;
  sig: Uint8Array;
  key: Uint8Array;
}

/** sigs.bin: for each signature, u32le message length, key (32), signature (64), message. */
function packSignatures(items: RawSignature[]): Buffer {
  const size = items.reduce((n, s) => n + 4 + 96 + s.message.length, 0);
  const buf = Buffer.alloc(size);
  let at = 0;
  for (const s of items) {
    buf.writeUInt32LE(s.message.length, at);
    buf.set(s.key, at + 4);
    buf.set(s.sig, at + 36);
    buf.set(s.message, at + 100);
    at += 100 + s.message.length;
  }
  return buf;
}

export function readSignatures(file: string): RawSignature[] {
  const buf = readFileSync(file);
  const out: RawSignature[] = [];
  for (let at = 0; at < buf.length; ) {
    const n = buf.readUInt32LE(at);
    out.push({ key: buf.subarray(at + 4, at + 36), sig: buf.subarray(at + 36, at + 100), message: buf.subarray(at + 100, at + 100 + n) });
    at += 100 + n;
  }
  return out;
}

const fromHexBytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

function linkSignatures(link: ChainLink): RawSignature[] {
  const message = linkSigningMessage(link);
  return link.signatures.map((s) => ({ message, sig: fromHexBytes(s.sig), key: fromHexBytes(s.key) }));
}

export interface ReleaseSet {
  dir: string;
  bundle: string;
  /** Every signature the bundle carries (links' and statements'), for the raw verifiers. */
  signatures: string;
  /** One folder: ID.txt, ID.txt.minisig and ID.pub for every statement, as `samizdat export-text` writes them. */
  minisign: string;
  meta: { groups: number; statements: number; statementSignatures: number; links: number; linkSignatures: number; sampleId: string };
}

/**
 * `statements` released statements of `groups` groups. Each group's chain: a charter of three
 * founders (release 2, membership 2) signed by all three, then a link adding a fourth member
 * signed by two; every statement carries three release signatures by three of the four members,
 * made under the second link. Beside the bundle: the statements as minisign-signed text files.
 */
export async function releaseSet(groups: number, statements: number): Promise<ReleaseSet> {
  const dir = await cached('release', { groups, statements }, async (out) => {
    const rand = prng(1);
    const links: WriterRecord[] = [];
    const statementRecords: WriterRecord[] = [];
    const signatureRecords: WriterRecord[] = [];
    const raw: RawSignature[] = [];
    const minisign = join(out, 'minisign');
    mkdirSync(minisign);
    let linkSigs = 0;
    let sampleId = '';
    const made = Array.from({ length: groups }, (_, g) => {
      const members: SigningKeyPair[] = [0, 1, 2, 3].map(() => generateSigningKeyPair());
      const names = members.map((_, m) => `Member ${m + 1} of union ${g + 1}`);
      const charter = members.slice(0, 3).reduce(
        (link, m) => signLink(link, m),
        makeCharter({
          name: `Union ${g + 1}`,
          members: members.slice(0, 3).map((m, i) => makeMember(names[i] as string, m.publicKey, generateBoxKeyPair().publicKey)),
          thresholds: { release: 2, membership: 2 },
        }),
      );
      const groupId = objectId(charter);
      const add = members.slice(0, 2).reduce(
        (link, m) => signLink(link, m),
        makeLaterLink(groupId, { id: groupId, seq: 0 }, { op: 'add', member: makeMember(names[3] as string, (members[3] as SigningKeyPair).publicKey, generateBoxKeyPair().publicKey) }),
      );
      for (const l of [charter, add]) {
        links.push(linkRecord(l));
        raw.push(...linkSignatures(l));
        linkSigs += l.signatures.length;
      }
      return { groupId, head: objectId(add), members, names, pubs: members.map((m) => publicKeyFile(m.publicKey)), name: `Union ${g + 1}` };
    });
    for (let i = 0; i < statements; i++) {
      const g = made[i % groups] as (typeof made)[number];
      const lang = LANGS[i % LANGS.length] as string;
      const statement: Statement = makeStatement({ authors: [g.groupId], title: `Statement ${i + 1} of ${g.name}`, lang, date: dateOf(i), body: body(rand, 60, lang, []) });
      const id = objectId(statement);
      if (i === Math.floor(statements / 2)) sampleId = id;
      statementRecords.push({ kind: 'object', section: 'statement', id, bytes: canonicalBytes(statement) });
      const leftOut = i % 4;
      for (const [m, member] of g.members.entries()) {
        if (m === leftOut) continue;
        const sig = makeStatementSignature({ statement: id, group: g.groupId, link: g.head, role: 'release' }, member);
        signatureRecords.push({ kind: 'object', section: 'signature', id: objectId(sig), bytes: canonicalBytes(sig) });
        raw.push({ message: statementSigningMessage(sig), sig: fromHexBytes(sig.sig), key: member.publicKey });
      }
      // The text as export-text writes it, signed by one of the members who signed the statement.
      const text = statementTextBytes({ id, statement, groups: [{ id: g.groupId, name: g.name, fingerprint: groupFingerprint(g.groupId) }] });
      const e = leftOut === 0 ? 1 : 0;
      writeFileSync(join(minisign, `${id}.txt`), text);
      writeFileSync(join(minisign, `${id}.txt.minisig`), minisignSignature(text, g.members[e] as SigningKeyPair, trustedComment(id, { name: g.names[e] as string, groups: [{ id: g.groupId }] })));
      writeFileSync(join(minisign, `${id}.pub`), g.pubs[e] as string);
    }
    await writeFile(join(out, 'bundle.samizdat'), [...links.sort(byId), ...statementRecords.sort(byId), ...signatureRecords.sort(byId)]);
    writeFileSync(join(out, 'sigs.bin'), packSignatures(raw));
    const meta: ReleaseSet['meta'] = { groups, statements, statementSignatures: signatureRecords.length, links: links.length, linkSignatures: linkSigs, sampleId };
    writeFileSync(join(out, 'meta.json'), JSON.stringify(meta));
  });
  return { dir, bundle: join(dir, 'bundle.samizdat'), signatures: join(dir, 'sigs.bin'), minisign: join(dir, 'minisign'), meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as ReleaseSet['meta'] };
}

/** Words that the archive holds in exactly five statements each, and the word every statement holds. */
export const RARE_WORDS = ['vorkuta', 'kronstadt', 'zlatoust', 'kengir', 'norilsk'];
export const COMMON_WORD = 'solidarity';

export interface ArchiveSet {
  dir: string;
  bundle: string;
  meta: { groups: number; statements: number; sampleId: string };
}

/**
 * An archive of `statements` small statements from `groups` groups of one founder each (release
 * threshold 1): each statement released by its founder's signature, about 25 words long, with
 * COMMON_WORD in every one and each of RARE_WORDS in exactly five.
 */
export async function archiveSet(groups: number, statements: number): Promise<ArchiveSet> {
  const dir = await cached('archive', { groups, statements }, async (out) => {
    const rand = prng(2);
    const links: WriterRecord[] = [];
    const made = Array.from({ length: groups }, (_, g) => {
      const founder = generateSigningKeyPair();
      const charter = signLink(makeCharter({ name: `Group ${g + 1}`, members: [makeMember(`Founder ${g + 1}`, founder.publicKey, generateBoxKeyPair().publicKey)], thresholds: { release: 1, membership: 1 } }), founder);
      links.push(linkRecord(charter));
      return { founder, groupId: objectId(charter), name: `Group ${g + 1}` };
    });
    const rareAt = new Map<number, string>();
    RARE_WORDS.forEach((w, k) => {
      for (let j = 0; j < 5; j++) rareAt.set((Math.floor((j * statements) / 5) + k * 7 + 3) % statements, w);
    });
    const records: WriterRecord[] = [];
    const sigs: WriterRecord[] = [];
    let sampleId = '';
    for (let i = 0; i < statements; i++) {
      const g = made[i % groups] as (typeof made)[number];
      const lang = LANGS[i % LANGS.length] as string;
      const rare = rareAt.get(i);
      const statement = makeStatement({ authors: [g.groupId], title: `Bulletin ${i + 1} of ${g.name}`, lang, date: dateOf(i * 7), body: body(rand, 22, lang, [COMMON_WORD, ...(rare ? [rare] : [])]) });
      const id = objectId(statement);
      if (i === Math.floor(statements / 2)) sampleId = id;
      records.push({ kind: 'object', section: 'statement', id, bytes: canonicalBytes(statement) });
      const sig = makeStatementSignature({ statement: id, group: g.groupId, link: g.groupId, role: 'release' }, g.founder);
      sigs.push({ kind: 'object', section: 'signature', id: objectId(sig), bytes: canonicalBytes(sig) });
    }
    await writeFile(join(out, 'bundle.samizdat'), [...links.sort(byId), ...records.sort(byId), ...sigs.sort(byId)]);
    writeFileSync(join(out, 'meta.json'), JSON.stringify({ groups, statements, sampleId }));
  });
  return { dir, bundle: join(dir, 'bundle.samizdat'), meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as ArchiveSet['meta'] };
}

const MiB = 1024 * 1024;

/** `size` deterministic bytes, 1 MiB at a time (an AES-CTR key stream): the same on every pass. */
function* pseudoRandom(size: number): Generator<Uint8Array> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const zeros = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) yield cipher.update(zeros.subarray(0, Math.min(MiB, left)));
}

/**
 * One bundle of `bytes` bytes of attachment: a group's charter, a statement referencing one
 * attachment of that size, its release signature, and the attachment's bytes, written as a stream
 * (never whole in memory, here or in the reader).
 */
export async function attachmentSet(bytes: number): Promise<{ bundle: string; bytes: number }> {
  const dir = await cached('attachment', { bytes }, async (out) => {
    const hash = createHash('sha256');
    for (const piece of pseudoRandom(bytes)) hash.update(piece);
    const attachmentId = hash.digest('hex');
    const founder = generateSigningKeyPair();
    const charter = signLink(makeCharter({ name: 'Archive Union', members: [makeMember('Archivist', founder.publicKey, generateBoxKeyPair().publicKey)], thresholds: { release: 1, membership: 1 } }), founder);
    const groupId = objectId(charter);
    const statement = makeStatement({
      authors: [groupId],
      title: 'The archive of the strike',
      lang: 'en',
      date: '2026-01-01',
      body: 'Scans of every leaflet.\n',
      attachments: [{ id: attachmentId, name: 'archive.bin', mediaType: 'application/octet-stream', size: bytes }],
    });
    const id = objectId(statement);
    const sig = makeStatementSignature({ statement: id, group: groupId, link: groupId, role: 'release' }, founder);
    await writeFile(join(out, 'bundle.samizdat'), [
      linkRecord(charter),
      { kind: 'object', section: 'statement', id, bytes: canonicalBytes(statement) },
      { kind: 'object', section: 'signature', id: objectId(sig), bytes: canonicalBytes(sig) },
      { kind: 'attachment', id: attachmentId, size: bytes, chunks: pseudoRandom(bytes) },
    ]);
  });
  return { bundle: join(dir, 'bundle.samizdat'), bytes };
}

/** A drop folder of `bundles` bundle files named by their hash (tests/helpers/syncthing.ts's writeBundles). */
export async function folderSet(bundles: number): Promise<string> {
  const dir = await cached('folder', { bundles }, async (out) => {
    await writeBundles(join(out, 'folder'), bundles);
  });
  return join(dir, 'folder');
}
