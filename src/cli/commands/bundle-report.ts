// What import and sync say about a bundle, and what opens encrypted ones.
import type { Openers } from '../../core/bundle/envelope.js';
import type { ImportReport } from '../../core/exchange/import.js';
import { boxSecretsOf } from '../../core/exchange/seal.js';
import type { VaultReader } from '../../core/store/types.js';
import { readPassphrase } from '../passphrase.js';
import type { CommandContext } from '../context.js';

/** The bundle passphrase, from --bundle-passphrase-file, $SAMIZDAT_BUNDLE_PASSPHRASE or a prompt: asked once, when first needed. */
export function bundlePassphrase(ctx: CommandContext, passphraseFile?: string): () => Promise<string> {
  let asked: Promise<string> | undefined;
  return () =>
    (asked ??= readPassphrase(
      { file: passphraseFile, env: ctx.env.SAMIZDAT_BUNDLE_PASSPHRASE, envName: 'SAMIZDAT_BUNDLE_PASSPHRASE', fileOption: '--bundle-passphrase-file' },
      'Bundle passphrase: ',
    ));
}

/** The vault's X25519 secret keys (current and retired) and the bundle passphrase, asked only if needed. */
export function openersOf(ctx: CommandContext, vault: VaultReader, passphraseFile?: string): Openers {
  return { boxSecrets: boxSecretsOf(vault), passphrase: bundlePassphrase(ctx, passphraseFile) };
}

const IGNORED_LISTED = 10;

const COUNT_NAMES = { link: 'chain link', 'link-signature': 'link signature', statement: 'statement', signature: 'signature', attachment: 'attachment' } as const;

function counts(c: ImportReport['added']): string {
  const parts = (Object.keys(COUNT_NAMES) as Array<keyof typeof COUNT_NAMES>).filter((k) => c[k] > 0).map((k) => `${c[k]} ${COUNT_NAMES[k]}${c[k] === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

export function importText(path: string, r: ImportReport): string {
  const lines = [`${path}${r.envelope === 'clear' ? '' : ` (${r.envelope === 'members' ? 'encrypted to members' : 'sealed with a passphrase'})`}`, `  new: ${counts(r.added)}`, `  already held: ${counts(r.held)}`];
  // What does not count is ignored, not kept: anyone can make it, so it is reported, never a failure.
  // A hostile bundle may carry thousands: the first few are listed, the rest counted by reason.
  if (r.rejected.length > 0) {
    const byReason = new Map<string, number>();
    for (const x of r.rejected) byReason.set(x.reason, (byReason.get(x.reason) ?? 0) + 1);
    lines.push(`  ignored (does not count, not kept): ${[...byReason].map(([reason, n]) => `${n} ${reason}`).join(', ')}`);
    for (const x of r.rejected.slice(0, IGNORED_LISTED)) lines.push(`    ${x.kind} ${x.id.slice(0, 12)} (${x.reason}): ${x.message}`);
    if (r.rejected.length > IGNORED_LISTED) lines.push(`    … and ${r.rejected.length - IGNORED_LISTED} more`);
  }
  for (const g of r.newGroups) {
    lines.push(`  first seen: group "${g.name}" ${g.id}`, `    fingerprint ${g.fingerprint} — unverified (first seen on import): compare it in person, then \`samizdat trust\``);
    for (const l of g.lookalikes) {
      lines.push(`    WARNING: its name ${l.kind === 'same-name' ? 'is the same as' : 'looks like'} that of group "${l.name}" (${l.id.slice(0, 12)}), which you already hold: it may be an impostor`);
    }
  }
  return lines.join('\n');
}
