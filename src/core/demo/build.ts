// `samizdat demo`: a new vault filled with real-looking material for newcomers and screenshots.
//
// Everything is made the way real members make it. Each simulated member is a device of her own:
// a vault in memory (Vault.scratch), with her own keys from createIdentity, that founds groups,
// writes and signs statements with the same core services as the CLI and the app, and passes
// real bundles (bundleChunks, encrypted to the members while they are drafts) that the other
// devices read with the real import. My vault receives other groups' material only through
// importBundle, so what it stores (links, signatures, groups first seen, what was ignored) is
// exactly what an import produces. The simulated members' vaults are never written to disk and
// are closed when the demo is built: their secret keys are in no file, and not in my vault.
import type { Envelope } from '../bundle/envelope.js';
import type { KdfPreset } from '../crypto/kdf.js';
import type { MemberCard } from '../model/card.js';
import type { Relation } from '../model/types.js';
import { allStatementIds, bundleChunks, closureOf, type Selection } from '../exchange/export.js';
import { importBundle, type ImportReport } from '../exchange/import.js';
import { findLookalikes } from '../exchange/lookalike.js';
import { chooseSeal, openersFor } from '../exchange/seal.js';
import { approveLink, createGroup, groupView, listGroupViews, recordFirstSightings, setThresholds, trustGroup } from '../service/groups.js';
import { createIdentity, identityView, memberCard, requireIdentity } from '../service/identity.js';
import { Verifier, createStatement, signStatement } from '../service/statements.js';
import { Vault } from '../store/vault.js';
import { wipeVault } from '../store/wipe.js';
import type { VerificationReport } from '../verify/statement.js';
import { GROUPS, PEOPLE, TEXTS, type DemoText } from './texts.js';

/** A bundle as it would lie on a stick: its file name and its bytes. */
interface Bundle {
  name: string;
  bytes: Uint8Array;
  envelope: Envelope;
}

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** One member's device: her vault, and what she does with it through the core services. */
class Device {
  /** Bundles this device has imported. */
  imported = 0;

  constructor(readonly vault: Vault) {}

  card(): MemberCard {
    return memberCard(this.vault);
  }

  /** Found a group with these members (and me); thresholds as `samizdat group create` takes them. */
  found(name: string, members: readonly Device[], release: number, membership?: number): string {
    return createGroup(this.vault, { name, cards: members.map((m) => m.card()), release, ...(membership === undefined ? {} : { membership }) }).id;
  }

  write(authors: readonly string[], text: DemoText, relations: Relation[] = []): string {
    return createStatement(this.vault, { authors: [...authors], ...text, relations, attachments: [] }).id;
  }

  sign(id: string, endorse = false): void {
    signStatement(this.vault, id, { endorse });
  }

  /** A bundle as `samizdat export` writes it: drafts encrypted to their groups' members, released statements clear. */
  async export(name: string, selection: Selection): Promise<Bundle> {
    const closure = closureOf(this.vault, selection);
    const decision = chooseSeal(this.vault, closure, { mode: 'auto' });
    return { name, bytes: await bytesOf(bundleChunks(this.vault, closure, decision.seal)), envelope: decision.envelope };
  }

  /** Import bundles as `samizdat import` does, with this vault's keys: groups it first brings are first seen in its file. */
  async import(...bundles: Bundle[]): Promise<ImportReport[]> {
    const reports: ImportReport[] = [];
    for (const b of bundles) {
      const report = await importBundle(this.vault, chunksOf(b.bytes), openersFor(this.vault));
      recordFirstSightings(this.vault, report.newGroups, b.name);
      reports.push(report);
      this.imported++;
    }
    return reports;
  }
}

export type DemoStatus = 'released' | 'waiting' | 'problem';

export interface DemoSummary {
  vault: string;
  me: { name: string; sign: string; group: string; members: number };
  groups: {
    total: number;
    /** Groups I am a member of. */
    mine: number;
    verified: number;
    /** First seen on import, fingerprint never compared. */
    unverified: number;
    /** Groups whose name looks like that of another group held. */
    lookalikes: number;
    /** Groups whose chain forks. */
    forked: number;
  };
  statements: {
    total: number;
    released: number;
    waiting: number;
    problem: number;
    languages: Record<string, number>;
    items: Array<{ id: string; title: string; lang: string; date: string; status: DemoStatus }>;
  };
  /** Statement signatures held. */
  signatures: number;
  /** Bundles my vault imported, as from sticks and shared folders. */
  bundles: number;
  /** Simulated members' devices whose keys lived only while the demo was built. */
  simulatedDevices: number;
}

/** The statement's state in one word: released, waiting for signatures (nothing else wrong), or a problem. */
export function demoStatus(report: VerificationReport): DemoStatus {
  if (report.released) return 'released';
  const errors = [...report.problems, ...report.groups.flatMap((g) => g.problems)].filter((p) => p.severity === 'error');
  return errors.every((p) => p.code === 'threshold-not-met') ? 'waiting' : 'problem';
}

/** The steps of the build, for a progress bar. */
export const DEMO_STEPS = 10;

/**
 * Fill `vault`, new and empty, with the demo: my identity and group, four other groups (one
 * verified, one a lookalike of it, one whose chain forks) and ten statements in English, Russian
 * and Ukrainian. `onStep` is called after each of the DEMO_STEPS steps.
 */
export async function fillDemoVault(vault: Vault, onStep: (done: number, label: string) => void = () => {}): Promise<DemoSummary> {
  if (vault.hasIdentity() || vault.listGroups().length > 0 || vault.countStatements() > 0) {
    throw new Error('the demo fills a new, empty vault');
  }
  const me = new Device(vault);
  const simulated: Device[] = [];
  const device = (name: string): Device => {
    const d = new Device(Vault.scratch());
    simulated.push(d);
    createIdentity(d.vault, name);
    return d;
  };
  let done = 0;
  const step = (label: string) => onStep(++done, label);
  const charterOf = (d: Device, group: string, name: string) => d.export(name, { statements: [], groups: [group] });

  try {
    // 1. My keys, and my group of three, founded from my colleagues' member cards: 2 of 3 release.
    createIdentity(vault, PEOPLE.me);
    const anna = device(PEOPLE.anna);
    const dmitri = device(PEOPLE.dmitri);
    const mine = me.found(GROUPS.mine, [anna, dmitri], 2);
    const myCharter = await charterOf(me, mine, 'solidarnost-ekb.samizdat');
    await anna.import(myCharter);
    await dmitri.import(myCharter);
    step('my group');

    // 2. KRAS-IWA: a statement released on its members' devices, imported here, then verified by
    // comparing its fingerprint with Vadim in person.
    const vadim = device(PEOPLE.vadim);
    const irina = device(PEOPLE.irina);
    const sergei = device(PEOPLE.sergei);
    const kras = vadim.found(GROUPS.kras, [irina, sergei], 2);
    const krasCharter = await charterOf(vadim, kras, 'kras-iwa-charter.samizdat');
    await irina.import(krasCharter);
    await sergei.import(krasCharter);
    const threeYears = vadim.write([kras], TEXTS.threeYears);
    vadim.sign(threeYears);
    await irina.import(await vadim.export('kras-iwa-draft.samizdat', { statements: [threeYears] }));
    irina.sign(threeYears);
    await me.import(await irina.export('kras-iwa-2025-02-24.samizdat', { statements: [threeYears] }));
    trustGroup(vault, kras, groupView(vadim.vault, requireGroupRecord(vadim, kras)).fingerprint);
    step('KRAS-IWA, verified');

    // 3. My group's statement and its introduction of KRAS-IWA's, each signed by me and one
    // colleague, the draft carried to her encrypted to the group's members.
    const notForWar = me.write([mine], TEXTS.notForWar);
    await sign2(me, anna, notForWar, 'ne-budem-rabotat-na-voinu');
    const introduction = me.write([mine], TEXTS.introduction, [{ type: 'introduces', id: threeYears }]);
    await sign2(me, dmitri, introduction, 'predislovie-kras-iwa');
    step('my statements');

    // 4. KRAS-IWA endorses my group's statement.
    await sergei.import(await me.export('ne-budem-rabotat-na-voinu.samizdat', { statements: [notForWar] }));
    sergei.sign(notForWar, true);
    await me.import(await sergei.export('ne-budem-rabotat-na-voinu-kras.samizdat', { statements: [notForWar] }));
    step('an endorsement');

    // 5. Translators in Lviv: a Ukrainian translation of my group's statement, and one of their own.
    const oksana = device(PEOPLE.oksana);
    const taras = device(PEOPLE.taras);
    const translators = oksana.found(GROUPS.translators, [taras], 1);
    await taras.import(await charterOf(oksana, translators, 'vilnyi-pereklad-charter.samizdat'));
    await oksana.import(await me.export('ne-budem-rabotat-na-voinu.samizdat', { statements: [notForWar] }));
    const translation = oksana.write([translators], TEXTS.notForWarUk, [{ type: 'translation-of', id: notForWar }]);
    oksana.sign(translation);
    const whyWeTranslate = oksana.write([translators], TEXTS.whyWeTranslate);
    oksana.sign(whyWeTranslate);
    await me.import(await oksana.export('vilnyi-pereklad.samizdat', { statements: [translation, whyWeTranslate], related: true }));
    step('a translation');

    // 6. A joint statement of my group and KRAS-IWA: the draft goes to both groups' members, three
    // of them sign it on their devices, and their signatures come back.
    const joint = me.write([mine, kras], TEXTS.joint);
    me.sign(joint);
    const jointDraft = await me.export('joint-couriers-draft.samizdat', { statements: [joint] });
    for (const [who, file] of [[anna, 'anna'], [vadim, 'vadim'], [irina, 'irina']] as const) {
      await who.import(jointDraft);
      who.sign(joint);
      await me.import(await who.export(`joint-couriers-${file}.samizdat`, { statements: [joint] }));
    }
    step('a joint statement');

    // 7. A draft of my group that only I have signed: 1 of the 2 signatures it needs.
    me.sign(me.write([mine], TEXTS.mayDay));
    step('a draft awaiting signatures');

    // 8. Teachers Against the War: four members who let any two change the group (below the safe
    // majority). A statement released by two of them, then a quarrel: Marina and Pavel raise the
    // thresholds, Elena and Natalia lower them, each pair on its own devices, both from the
    // charter. Two valid rival links: the chain forks, and nothing the group signs counts.
    const marina = device(PEOPLE.marina);
    const pavel = device(PEOPLE.pavel);
    const elena = device(PEOPLE.elena);
    const natalia = device(PEOPLE.natalia);
    const teachers = marina.found(GROUPS.teachers, [pavel, elena, natalia], 2, 2);
    const teachersCharter = await charterOf(marina, teachers, 'uchitelya-charter.samizdat');
    for (const d of [pavel, elena, natalia]) await d.import(teachersCharter);
    const lesson = marina.write([teachers], TEXTS.teachers);
    marina.sign(lesson);
    await elena.import(await marina.export('uchitelya-draft.samizdat', { statements: [lesson] }));
    elena.sign(lesson);
    await me.import(await elena.export('uchitelya-protiv-voiny.samizdat', { statements: [lesson] }));
    const raise = setThresholds(marina.vault, teachers, 3, 3);
    await pavel.import(await charterOf(marina, teachers, 'uchitelya-porogi.samizdat'));
    approveLink(pavel.vault, raise.id);
    const lower = setThresholds(elena.vault, teachers, 1, 2);
    await natalia.import(await charterOf(elena, teachers, 'uchitelya-porogi-2.samizdat'));
    approveLink(natalia.vault, lower.id);
    await me.import(await charterOf(pavel, teachers, 'uchitelya-pavel.samizdat'));
    await me.import(await charterOf(natalia, teachers, 'uchitelya-natalia.samizdat'));
    step('a group whose chain forks');

    // 9. An impostor: "KRАS-IWA" with a Cyrillic А, one member, one forged statement.
    const impostor = device(PEOPLE.impostor);
    const fake = impostor.found(GROUPS.impostor, [], 1);
    const forgery = impostor.write([fake], TEXTS.forgery);
    impostor.sign(forgery);
    const forged = await impostor.export('kras-iwa-statement.samizdat', { statements: [forgery] });
    await me.import(forged);
    step('a lookalike group');

    // 10. KRAS-IWA answers the forgery.
    await vadim.import(forged);
    const notOurs = vadim.write([kras], TEXTS.notOurs, [{ type: 'responds-to', id: forgery }]);
    await sign2(vadim, sergei, notOurs, 'kras-iwa-not-ours');
    await me.import(await sergei.export('kras-iwa-2025-04-22.samizdat', { statements: [notOurs] }));
    step('an answer to the forgery');

    return summarise(vault, me.imported, simulated.length);
  } finally {
    for (const d of simulated) d.vault.close();
  }
}

/** The group's record, which a device holds for every group it founded or imported. */
function requireGroupRecord(d: Device, id: string) {
  const record = d.vault.getGroup(id);
  if (!record) throw new Error(`demo: group ${id.slice(0, 12)} is not held`);
  return record;
}

/**
 * `author` has written `id` and signs it; the draft goes to `colleague` (encrypted to the group's
 * members), who signs it; her release comes back to `author`.
 */
async function sign2(author: Device, colleague: Device, id: string, file: string): Promise<void> {
  author.sign(id);
  await colleague.import(await author.export(`${file}-draft.samizdat`, { statements: [id] }));
  colleague.sign(id);
  await author.import(await colleague.export(`${file}.samizdat`, { statements: [id] }));
}

function summarise(vault: Vault, bundles: number, simulatedDevices: number): DemoSummary {
  const identity = identityView(requireIdentity(vault));
  const groups = listGroupViews(vault);
  const records = vault.listGroups();
  const mine = groups.filter((g) => g.mine);
  const verifier = new Verifier(vault);
  const items: DemoSummary['statements']['items'] = [];
  const languages: Record<string, number> = {};
  let signatures = 0;
  for (const id of allStatementIds(vault)) {
    const report = verifier.verify(id, { detail: false });
    const { title, lang, date } = report.statement;
    items.push({ id, title, lang, date, status: demoStatus(report) });
    languages[lang] = (languages[lang] ?? 0) + 1;
    signatures += vault.getSignatures(id).length;
  }
  const count = (status: DemoStatus) => items.filter((s) => s.status === status).length;
  return {
    vault: vault.dir,
    me: { name: identity.name, sign: identity.sign, group: mine[0]?.name ?? '', members: mine[0]?.members.length ?? 0 },
    groups: {
      total: groups.length,
      mine: mine.length,
      verified: groups.filter((g) => g.trust === 'verified').length,
      unverified: groups.filter((g) => g.trust === 'unverified').length,
      lookalikes: groups.filter((g) => findLookalikes(g.name, records, g.id).length > 0).length,
      forked: groups.filter((g) => g.fork).length,
    },
    statements: { total: items.length, released: count('released'), waiting: count('waiting'), problem: count('problem'), languages, items },
    signatures,
    bundles,
    simulatedDevices,
  };
}

/**
 * Create a new vault at `dir` (refused where one exists, or where the folder is not empty) and fill
 * it with the demo. A demo that fails half-way leaves no vault behind: what was made is wiped.
 */
export async function createDemoVault(dir: string, passphrase: string, preset: KdfPreset, onStep?: (done: number, label: string) => void): Promise<DemoSummary> {
  const vault = await Vault.create(dir, passphrase, preset);
  try {
    const summary = await fillDemoVault(vault, onStep);
    vault.close();
    return summary;
  } catch (err) {
    vault.close();
    await wipeVault(vault.dir).catch(() => undefined);
    throw err;
  }
}
