// Bundle files on disk: which files a path names, and a file as a stream of chunks. A bundle's
// name is never taken from its contents; only the user's paths and the folder listing are used.
import { createReadStream, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { SamizdatError, quote } from '../errors.js';
import { ioError } from '../io.js';

export const BUNDLE_EXTENSION = '.samizdat';

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    throw ioError('exchange', err, 'read', path);
  }
}

/** True for the bundle files of a folder: `*.samizdat`, not hidden (temporary files are hidden). */
export const isBundleName = (name: string): boolean => name.endsWith(BUNDLE_EXTENSION) && !name.startsWith('.');

/** The bundle files in a folder, by name. */
export function bundlesInFolder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw ioError('exchange', err, 'list', dir);
  }
  return names.filter(isBundleName).sort().map((n) => join(dir, n)).filter((p) => statOf(p).isFile());
}

/** Files given on the command line: each file as it is, each folder as its bundle files. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const st = statOf(p);
    if (st.isDirectory()) files.push(...bundlesInFolder(p));
    else if (st.isFile()) files.push(p);
    else throw new SamizdatError('exchange', 'usage', 'exchange.not-a-file', `${quote(p, 200)} is neither a file nor a folder`);
  }
  return files;
}

export interface FileSource {
  size: number;
  chunks: AsyncIterable<Uint8Array>;
}

/**
 * A bundle file as chunks. Its size is not judged here: the reader refuses a bundle past the limit
 * as soon as it reads that far (B-FILE-SIZE), in the order of docs/FORMAT.md's checks, so that a
 * file names the same rule whether it is read from disk or from a stream.
 */
export function openBundleFile(path: string, onBytes?: (read: number) => void): FileSource {
  const st = statOf(path);
  if (!st.isFile()) throw new SamizdatError('exchange', 'usage', 'exchange.not-a-file', `${quote(path, 200)} is not a file`);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let read = 0;
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
        read += (chunk as Buffer).length;
        onBytes?.(read);
        yield chunk as Buffer;
      }
    } catch (err) {
      throw ioError('exchange', err, 'read', path);
    }
  }
  return { size: st.size, chunks: chunks() };
}
