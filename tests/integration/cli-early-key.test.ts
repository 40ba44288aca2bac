// The CLI derives the vault key while a command loads (context.ts, startEarlyKey) when the command
// opens the vault and the passphrase comes from SAMIZDAT_PASSPHRASE or a regular file. Whatever it
// started, the vault and passphrase the command settles on decide: a passphrase piped on stdin is
// read once (by the command), a file given with the option wins over the variable, --vault after
// the command word opens that vault, and a wrong passphrase is refused as before.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, runCli, tempDir } from '../helpers/cli.js';
import { setUpDevice } from '../torture/helpers.js';

describe('the vault key derived while the command loads', () => {
  const tmp = tempDir('samizdat-early-key-');
  const olga = device(tmp.path, 'olga');
  const other = device(tmp.path, 'other');
  let id = '';
  afterAll(() => tmp.remove());

  beforeAll(() => {
    id = setUpDevice(olga, tmp.path);
    expect(other.run(['init', '--kdf', 'interactive']).status).toBe(0);
  });

  const released = (r: { status: number; stdout: string; stderr: string }) => {
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/released/i);
  };

  it('from the variable and from a regular file', () => {
    released(olga.run(['verify', id]));
    const file = join(tmp.path, 'pass.txt');
    writeFileSync(file, `${olga.env.SAMIZDAT_PASSPHRASE}\n`);
    released(runCli(['--passphrase-file', file, 'verify', id], { SAMIZDAT_VAULT: olga.vault }));
    // The file wins over a wrong variable, early as late.
    released(runCli(['--passphrase-file', file, 'verify', id], { SAMIZDAT_VAULT: olga.vault, SAMIZDAT_PASSPHRASE: 'not the passphrase' }));
  });

  it('from a named pipe: read once, by the command', () => {
    const fifo = join(tmp.path, 'pass.fifo');
    execFileSync('mkfifo', [fifo]);
    // The writer waits for the one reader; a second read of the pipe would find nothing.
    const writer = spawn('sh', ['-c', 'printf "%s\\n" "$1" > "$2"', 'sh', olga.env.SAMIZDAT_PASSPHRASE, fifo], { stdio: 'ignore' });
    try {
      released(runCli(['--passphrase-file', fifo, 'verify', id], { SAMIZDAT_VAULT: olga.vault }));
    } finally {
      writer.kill();
    }
  });

  it('--vault after the command word opens that vault, not the one of SAMIZDAT_VAULT', () => {
    const r = runCli(['verify', id, '--vault', olga.vault], { SAMIZDAT_VAULT: other.vault, SAMIZDAT_PASSPHRASE: olga.env.SAMIZDAT_PASSPHRASE });
    released(r);
  });

  it('a wrong passphrase is refused, exit 3', () => {
    const r = runCli(['verify', id], { SAMIZDAT_VAULT: olga.vault, SAMIZDAT_PASSPHRASE: 'not the passphrase' });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^samizdat: vault: wrong passphrase/);
  });
});
