// A vault's key derived ahead of opening it, so that the KDF (a quarter of a second of scrypt on
// libuv's thread pool) runs while the rest of a command is still loading: the CLI starts it as
// soon as it knows the vault and the passphrase, and Vault.open takes the key if it was derived
// from the same passphrase, salt and parameters as the header it reads then. Loads no SQLite.
//
// It never throws: when the header cannot be read or parsed here, there is no early key, and
// Vault.open reads the header again and says what is wrong, as it always has.
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import { wipe } from '../crypto/bytes.js';
import { deriveKey, type KdfParams } from '../crypto/kdf.js';
import { HEADER_FILE, MAX_HEADER_SIZE, headerSalt, parseHeader } from './header.js';

export interface EarlyKey {
  /** The vault folder, resolved, and the passphrase the key was derived from. */
  dir: string;
  passphrase: string;
  salt: Uint8Array;
  kdf: KdfParams;
  key: Uint8Array;
}

/** The key of the vault in `dir` under `passphrase`, from its header as it is now; undefined when there is none to read. */
export async function deriveEarlyKey(dir: string, passphrase: string): Promise<EarlyKey | undefined> {
  try {
    const root = resolve(dir);
    const path = join(root, HEADER_FILE);
    const st = await fsp.stat(path);
    if (!st.isFile() || st.size > MAX_HEADER_SIZE) return undefined;
    const header = parseHeader(await fsp.readFile(path, 'utf8'), root);
    const salt = headerSalt(header);
    return { dir: root, passphrase, salt, kdf: { ...header.kdf }, key: await deriveKey(passphrase, salt, header.kdf) };
  } catch {
    return undefined;
  }
}

/** Whether `early` was derived from `passphrase`, `salt` and `kdf`: then its key is the one deriveKey would give. */
export function earlyKeyFits(early: EarlyKey, passphrase: string, salt: Uint8Array, kdf: KdfParams): boolean {
  return (
    early.passphrase === passphrase &&
    Buffer.from(early.salt).equals(Buffer.from(salt)) &&
    JSON.stringify(Object.entries(early.kdf).sort()) === JSON.stringify(Object.entries(kdf).sort())
  );
}

/** Wipes an early key that was not used. */
export function dropEarlyKey(early: EarlyKey | undefined): void {
  if (early) wipe(early.key);
}
