// A reader that goes away early (`samizdat statement list | head -c1`) closes the pipe under the
// command: it must end quietly, exit 0 (or the code it would have had), never a stack trace. Run
// through a real shell pipe; the command's own stderr goes to a file so that it can be read.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMIZDAT_BIN, device, tempDir } from '../helpers/cli.js';
import { bigBundle, setUpDevice } from '../torture/helpers.js';

const tmp = tempDir('samizdat-epipe-');
afterAll(() => tmp.remove());
const olga = device(tmp.path, 'olga');

beforeAll(async () => {
  setUpDevice(olga, tmp.path);
  const file = join(tmp.path, 'many.samizdat');
  writeFileSync(file, (await bigBundle(1000, 'to be read through a pipe that closes early, number ', 1)).bytes);
  const r = olga.run(['import', file]);
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

/** `samizdat ARGS | READER` in bash: the command's exit status (PIPESTATUS[0]) and its stderr (from a file). */
function piped(args: string[], reader: string): { status: number; stderr: string } {
  const errFile = join(tmp.path, 'stderr.txt');
  const r = spawnSync('bash', ['-c', `"$@" 2>"$ERR" | ${reader} >/dev/null; echo "\${PIPESTATUS[0]}"`, 'bash', process.execPath, SAMIZDAT_BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...olga.env, ERR: errFile },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return { status: Number(r.stdout.trim()), stderr: readFileSync(errFile, 'utf8') };
}

const outputSize = (args: string[]): number => {
  const r = olga.run(args);
  expect(r.status, r.stderr).toBe(0);
  return Buffer.byteLength(r.stdout);
};

describe('a closed stdout ends the command quietly', () => {
  it('samizdat statement list --limit 1000 | head -c1: exit 0, nothing on stderr (the output is larger than a pipe holds)', () => {
    expect(outputSize(['statement', 'list', '--limit', '1000'])).toBeGreaterThan(96 * 1024);
    const r = piped(['statement', 'list', '--limit', '1000'], 'head -c1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('samizdat --json statement list --limit 1000 | head -c1: exit 0, nothing on stderr', () => {
    expect(outputSize(['--json', 'statement', 'list', '--limit', '1000'])).toBeGreaterThan(96 * 1024);
    const r = piped(['--json', 'statement', 'list', '--limit', '1000'], 'head -c1');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('samizdat statement list | head -c1, and a reader gone before the first byte (| true): exit 0, nothing on stderr', () => {
    for (const reader of ['head -c1', 'true', 'head -c0']) {
      const r = piped(['statement', 'list'], reader);
      expect(r.stderr, reader).toBe('');
      expect(r.status, reader).toBe(0);
    }
  });

  it('a closed stderr does not change the exit code of a failing command (3, no vault), nor crash it', () => {
    const args = ['--vault', join(tmp.path, 'nowhere'), 'statement', 'list'];
    const plain = olga.run(args);
    expect(plain.status).toBe(3);
    // stderr into the pipe that closes, stdout to a file.
    const errFile = join(tmp.path, 'stdout.txt');
    const r = spawnSync('bash', ['-c', `"$@" 2>&1 >"$OUT" | true; echo "\${PIPESTATUS[0]}"`, 'bash', process.execPath, SAMIZDAT_BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...olga.env, OUT: errFile },
      encoding: 'utf8',
    });
    expect(Number(r.stdout.trim())).toBe(3);
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });
});
