// samizdat ui: browser mode. The renderer and the same handler table as Electron's, over HTTP on
// loopback, guarded by a per-run token; Ctrl-C stops it and locks the vault.
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SamizdatError } from '../../core/errors.js';
import { createVaultCore } from '../../app/vault-core.js';
import { idleLockMs } from '../../app/idle-lock.js';
import { browserSession, pageGraceMs, startServer, closeOnSignals } from '../../server/index.js';
import { parseCount, type CommandContext, type Runner } from '../context.js';

/** The built renderer, beside the compiled CLI: out/node/src/cli/commands -> out/renderer. */
const RENDERER_DIR = fileURLToPath(new URL('../../../../renderer', import.meta.url));

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser opener here: the printed URL is enough
    child.unref();
  } catch {
    // as above
  }
}

export function uiCommands(program: Command, run: Runner): void {
  program
    .command('ui')
    .description('browser mode: serve the app on 127.0.0.1 for this vault, guarded by a per-run token')
    .option('--port <n>', 'listen on this port (default: a random free one)')
    .option('--no-open', 'do not open a browser; just print the address')
    .action(
      run(async (ctx: CommandContext, opts: { port?: string; open: boolean }) => {
        const port = opts.port === undefined ? 0 : parseCount(opts.port, '--port');
        if (port > 65535) throw new SamizdatError('cli', 'usage', 'cli.bad-port', `--port ${port} is above 65535`);
        const core = createVaultCore(ctx.vaultDir);
        // The idle lock, and the lock soon after the last page is closed (server/session.ts).
        const session = browserSession(core, {
          idleLockMinutes: idleLockMs(ctx.env.SAMIZDAT_IDLE_LOCK_MINUTES) / 60_000,
          pageGraceMs: pageGraceMs(ctx.env.SAMIZDAT_PAGE_GRACE_SECONDS),
        });
        let server;
        try {
          server = await startServer({
            handlers: session.handlers,
            rendererDir: RENDERER_DIR,
            port,
            onClose: () => session.close(),
            onActivity: () => session.activity(),
          });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          throw new SamizdatError('cli', 'io', 'cli.ui-failed', `cannot start browser mode: ${message}`);
        }
        session.start();
        closeOnSignals(server);
        ctx.out.result({ url: server.url, port: server.port, vault: ctx.vaultDir }, () =>
          [`Samizdat is running in browser mode for the vault at ${ctx.vaultDir}`, `open: ${server.url}`, '(only this machine can reach it; Ctrl-C stops it and locks the vault)'].join('\n'),
        );
        if (opts.open) openInBrowser(server.url);
        await new Promise<never>(() => undefined); // serve until a signal closes the server
      }),
    );
}
