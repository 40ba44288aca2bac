// me create | show | export: this member's own keys.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { writeMemberCard } from '../../core/exchange/member-card.js';
import { createIdentity, identityView, requireIdentity } from '../../core/service/identity.js';
import type { CommandContext, Runner } from '../context.js';

export function meCommands(program: Command, run: Runner): void {
  const me = program.command('me').description("this member's own keys");

  me.command('create')
    .description('create my member keys (a signing and an encryption key pair), kept inside the vault')
    .requiredOption('--name <name>', 'my name as my group knows me')
    .action(
      run(async (ctx: CommandContext, opts: { name: string }) => {
        const view = await ctx.withVault((vault) => createIdentity(vault, opts.name));
        ctx.out.result({ id: view.sign, ...view }, () => `created member keys for ${view.name}\nsigning key ${view.sign}\nnext: samizdat me export --out ${view.name.replace(/\s+/g, '-').toLowerCase()}.member`);
      }),
    );

  me.command('show')
    .description('show my name and public keys')
    .action(
      run(async (ctx: CommandContext) => {
        const view = await ctx.withVault((vault) => identityView(requireIdentity(vault)));
        ctx.out.result(view, () => `${view.name}\nsigning key    ${view.sign}\nencryption key ${view.box}`);
      }),
    );

  me.command('export')
    .description('write my public keys as a self-signed member card, for a group founder')
    .requiredOption('--out <file>', 'where to write the card (a new file: an existing one is never replaced)')
    .action(
      run(async (ctx: CommandContext, opts: { out: string }) => {
        const card = await ctx.withVault((vault) => writeMemberCard(vault, resolve(opts.out)));
        ctx.out.result({ id: card.sign, out: card.out, name: card.name }, () => `wrote the member card of ${card.name} to ${card.out}\n(public keys only: give it to the founder of your group)`);
      }),
    );
}
