// group create | list | show | add-member | remove-member | rotate | compromised | approve | ...
import type { Command } from 'commander';
import QRCode from 'qrcode';
import type { MemberCard } from '../../core/model/card.js';
import {
  addMember,
  approveLink,
  createGroup,
  fingerprintQrText,
  groupView,
  listGroupViews,
  markCompromised,
  memberCardOf,
  removeMember,
  renameGroup,
  rotateMyKeys,
  setThresholds,
  trustGroup,
  type GroupView,
  type LinkResult,
} from '../../core/service/groups.js';
import { resolveGroup } from '../../core/service/resolve.js';
import type { GroupRecord } from '../../core/store/types.js';
import type { Vault } from '../../core/store/vault.js';
import { parseCount, readInputFile, type CommandContext, type Runner } from '../context.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A card file, or `-` for standard input; the card itself is read by core (memberCardOf), as the app reads it. */
const readCard = (path: string): MemberCard => memberCardOf(readInputFile(path, '--member'), path);

function linkText(r: LinkResult): string {
  return r.applied
    ? `${r.op}: applied (link ${r.id})`
    : `${r.op}: proposed as link ${r.id}; it has ${r.signatures} of the ${r.needed} member signatures it needs.\nOther members approve it with: samizdat group approve ${r.id}`;
}

export function groupText(g: GroupView): string {
  const lines = [
    `${g.name}${g.mine ? ' (you are a member)' : ''}`,
    `  group        ${g.id}`,
    `  fingerprint  ${g.fingerprint}`,
    `  trust        ${g.trust === 'verified' ? 'verified' : 'NOT verified (compare the fingerprint in person, then: samizdat trust)'}`,
    g.thresholds ? `  thresholds   release ${g.thresholds.release}, membership changes ${g.thresholds.membership}, of ${g.members.length} member(s)` : '  chain        not valid',
    '  members:',
    ...g.members.map((m) => `    ${m.name}${m.me ? ' (me)' : ''}  ${m.id}${m.sign === null ? '  (key compromised, awaiting rotation)' : m.sign !== m.id ? `  key ${m.sign}` : ''}`),
  ];
  if (g.removed.length) lines.push('  removed:', ...g.removed.map((m) => `    ${m.name}  ${m.id}`));
  if (g.pending.length) lines.push('  pending changes:', ...g.pending.map((p) => `    ${p.op} ${p.id}  (${p.signatures} of ${p.needed} signatures)`));
  if (g.branches.length) {
    lines.push('  FORKED between these branches (no statement of the group is released until the members end the fork):');
    for (const b of g.branches) lines.push(`    ${b.id}  starts with ${b.op}, reaches seq ${b.seq}; to keep it, act on it with --branch ${b.id.slice(0, 12)}`);
  }
  for (const p of g.problems) lines.push(`  ${p.severity === 'error' ? 'ERROR' : 'warning'}: ${p.message}`);
  return lines.join('\n');
}

export function groupCommands(program: Command, run: Runner): void {
  const group = program.command('group').description('groups and their chains of member keys');
  const withGroup = async <T>(ctx: CommandContext, ref: string, fn: (vault: Vault, id: string) => T) =>
    ctx.withVault((vault) => fn(vault, resolveGroup(vault, ref)));

  group
    .command('create')
    .description('found a group: its charter lists the founding members and thresholds; you are always a member')
    .requiredOption('--name <name>', "the group's name")
    .option('--member <file...>', "founding members' cards (from `samizdat me export`)", collect)
    .requiredOption('--threshold <n>', 'members who must sign to release a statement')
    .option('--membership-threshold <n>', 'members who must sign a membership change (default: a majority of the members, and at least --threshold)')
    .action(
      run(async (ctx: CommandContext, opts: { name: string; member?: string[]; threshold: string; membershipThreshold?: string }) => {
        const cards = (opts.member ?? []).map(readCard);
        const release = parseCount(opts.threshold, '--threshold');
        const membership = opts.membershipThreshold === undefined ? undefined : parseCount(opts.membershipThreshold, '--membership-threshold');
        const created = await ctx.withVault((vault) => createGroup(vault, { name: opts.name, cards, release, ...(membership === undefined ? {} : { membership }) }));
        for (const w of created.warnings) ctx.out.note(`warning: ${w}`);
        ctx.out.result(created, () => `${created.id}\nfounded group ${opts.name}\nthresholds: release ${created.thresholds.release}, membership changes ${created.thresholds.membership}\nfingerprint ${created.fingerprint}`);
      }),
    );

  group
    .command('list')
    .description('the groups this vault holds')
    .action(
      run(async (ctx: CommandContext) => {
        const groups = await ctx.withVault((vault) => listGroupViews(vault));
        ctx.out.result({ groups }, () =>
          groups.length === 0
            ? 'no groups yet'
            : groups.map((g) => `${g.id.slice(0, 16)}  ${g.name}  ${g.members.length} members, release ${g.thresholds?.release ?? '?'}  ${g.trust}${g.mine ? '  (member)' : ''}${g.fork ? '  FORKED' : ''}`).join('\n'),
        );
      }),
    );

  group
    .command('show <group>')
    .description("a group's members, thresholds, fingerprint, pending changes and problems")
    .option('--qr', 'also print the fingerprint as a QR code')
    .action(
      run(async (ctx: CommandContext, ref: string, opts: { qr?: boolean }) => {
        const view = await withGroup(ctx, ref, (vault, id) => groupView(vault, vault.getGroup(id) as GroupRecord));
        const qr = opts.qr ? await QRCode.toString(fingerprintQrText(view.fingerprint), { type: 'terminal', small: true }) : '';
        ctx.out.result(view, () => groupText(view) + (qr ? `\n${qr}` : ''));
      }),
    );

  const linkCommand = (name: string, description: string, configure: (c: Command) => Command, act: (vault: Vault, id: string, opts: Record<string, string>) => LinkResult) =>
    configure(group.command(`${name} <group>`).description(description))
      .option('--branch <link>', 'at a fork: the branch to build on (its first link id), to end the fork')
      .action(
      run(async (ctx: CommandContext, ref: string, opts: Record<string, string>) => {
        const result: LinkResult & { warnings?: string[] } = await withGroup(ctx, ref, (vault, id) => act(vault, id, opts));
        for (const w of result.warnings ?? []) ctx.out.note(`warning: ${w}`);
        ctx.out.result(result, () => linkText(result));
      }),
    );

  linkCommand('add-member', 'propose adding a member (signed by you; applies once enough members sign)', (c) => c.requiredOption('--member <file>', "the new member's card"), (vault, id, o) =>
    addMember(vault, id, readCard(o.member as string), o.branch),
  );
  linkCommand('remove-member', 'propose removing a member', (c) => c.requiredOption('--member <member>', 'member id, key or name'), (vault, id, o) => removeMember(vault, id, o.member as string, o.branch));
  linkCommand('rotate', 'replace your own keys in the group with new ones (the old ones are kept, retired)', (c) => c, (vault, id, o) => rotateMyKeys(vault, id, o.branch));
  linkCommand('compromised', "mark a member's signing key compromised: signatures by it stop counting", (c) => c.requiredOption('--key <key>', 'the signing key (64 hex characters)'), (vault, id, o) =>
    markCompromised(vault, id, o.key as string, o.branch),
  );
  linkCommand(
    'set-thresholds',
    'propose new thresholds',
    (c) => c.requiredOption('--release <n>', 'members to release a statement').requiredOption('--membership <n>', 'members to change membership'),
    (vault, id, o) => setThresholds(vault, id, parseCount(o.release as string, '--release'), parseCount(o.membership as string, '--membership'), o.branch),
  );
  linkCommand('rename', 'propose a new name for the group', (c) => c.requiredOption('--name <name>', 'the new name'), (vault, id, o) => renameGroup(vault, id, o.name as string, o.branch));

  group
    .command('approve <link>')
    .description('add your signature to a pending change of a group chain')
    .action(
      run(async (ctx: CommandContext, link: string) => {
        const result = await ctx.withVault((vault) => approveLink(vault, link.trim().toLowerCase()));
        ctx.out.result(result, () => linkText(result));
      }),
    );

  program
    .command('trust <group>')
    .description("mark a group verified after comparing its fingerprint with its members in person")
    .requiredOption('--fingerprint <digits>', 'the 60 digits you compared (spaces allowed)')
    .action(
      run(async (ctx: CommandContext, ref: string, opts: { fingerprint: string }) => {
        const result = await withGroup(ctx, ref, (vault, id) => trustGroup(vault, id, opts.fingerprint));
        ctx.out.result(result, () =>
          [
            `group ${result.id} is now verified`,
            ...result.lookalikes.map((g) => `WARNING: group "${g.name}" (${g.id.slice(0, 12)}, ${g.trust}) has a name that looks like this one's: if you did not expect it, it may be an impostor`),
          ].join('\n'),
        );
      }),
    );
}
