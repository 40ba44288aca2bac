// The passphrase: --passphrase-file, else SAMIZDAT_PASSPHRASE, else a no-echo prompt on the terminal.
import { readFileSync } from 'node:fs';
import { SamizdatError } from '../core/errors.js';
import { ioError } from '../core/io.js';

export const MIN_PASSPHRASE_CHARS = 8;

export interface PassphraseSource {
  file?: string;
  env?: string;
  /** Name of the environment variable, for messages. */
  envName: string;
  /** Option name, for messages. */
  fileOption: string;
}

function readPassphraseFile(file: string, fileOption: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw ioError('cli', err, `read ${fileOption}`, file);
  }
  // One trailing newline is the file's, not the passphrase's.
  return text.replace(/\r?\n$/, '');
}

/** Read a line from the terminal without echoing it. */
export function promptHidden(prompt: string, source: Pick<PassphraseSource, 'envName' | 'fileOption'> = { envName: 'SAMIZDAT_PASSPHRASE', fileOption: '--passphrase-file' }): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    return Promise.reject(
      new SamizdatError('cli', 'vault', 'cli.no-passphrase', `no passphrase given and no terminal to ask on: use ${source.fileOption} FILE or ${source.envName}`),
    );
  }
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new SamizdatError('cli', 'usage', 'cli.interrupted', 'interrupted'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The passphrase from the first source given. */
export async function readPassphrase(source: PassphraseSource, prompt = 'Vault passphrase: '): Promise<string> {
  if (source.file !== undefined) return readPassphraseFile(source.file, source.fileOption);
  if (source.env !== undefined && source.env !== '') return source.env;
  return promptHidden(prompt, source);
}

/** A new passphrase: asked twice on a terminal; at least MIN_PASSPHRASE_CHARS characters. */
export async function readNewPassphrase(source: PassphraseSource, what = 'New vault passphrase'): Promise<string> {
  let passphrase: string;
  if (source.file !== undefined || (source.env !== undefined && source.env !== '')) {
    passphrase = await readPassphrase(source);
  } else {
    passphrase = await promptHidden(`${what}: `, source);
    const again = await promptHidden(`${what} (again): `, source);
    if (again !== passphrase) throw new SamizdatError('cli', 'usage', 'cli.passphrase-mismatch', 'the two passphrases differ; nothing was changed');
  }
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new SamizdatError(
      'cli',
      'usage',
      'cli.passphrase-short',
      `the passphrase is ${[...passphrase].length} characters; use at least ${MIN_PASSPHRASE_CHARS} (a few words is best)`,
    );
  }
  return passphrase;
}
