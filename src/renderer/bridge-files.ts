// Browser mode's `window.samizdatFiles` (src/shared/files.ts), the file half of bridge.ts: the
// browser's own picker and download, carried to the loopback server's file endpoints
// (src/server/files.ts). Each chosen file is sent as its own body (a File is read from disk as it
// is sent, never whole in memory); a file to save is written by a handler into a path the server
// reserved, then fetched by the browser as a download with a one-time ticket.
//
// Nothing here touches the DOM: the picker and the download are handed in (bridge-files-dom.ts),
// so that this logic runs in Node against the real server in tests.

import { FILE_ENDPOINTS, MAX_UPLOAD_BYTES, PURPOSE_EXTENSIONS, type FilePurpose, type FilesApi, type SaveTarget } from '../shared/files.js';
import type { WireErrorKind } from '../shared/view-models.js';

const TOKEN_HEADER = 'X-Samizdat-Token';

/** A file as the picker or a drop gives it: its name, and its bytes read as they are sent. */
export type ChosenFile = Blob & { readonly name: string };

export interface FilesTransport {
  /** Prefix of the endpoints: '' in the page (its own origin), the server's origin in tests. */
  base: string;
  token: string | null;
  fetch: typeof fetch;
  /**
   * Shows the browser's file picker; null when the person cancelled. Called synchronously from
   * `open`, so that the click that called `open` still counts as the person's gesture.
   */
  pick(options: { accept: string; multiple: boolean }): Promise<readonly ChosenFile[] | null>;
  /** Makes the browser follow a download link. */
  download(url: string): void;
  /** The error a failed call rejects with (the renderer's ApiError). */
  fail(code: string, kind: WireErrorKind, message: string): Error;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; kind: WireErrorKind; message: string } };

/** The picker's filter for a purpose: its extension, or any file. */
export function acceptFor(purpose: FilePurpose): string {
  return PURPOSE_EXTENSIONS[purpose] ?? '';
}

export function createHttpFiles(t: FilesTransport): FilesApi {
  const noFolders = (): Error =>
    t.fail('files.use-folders', 'usage', 'browser mode: a browser cannot hand over a folder; choose one from the list of folders instead');

  async function request<T>(endpoint: string, init: { body: string | Blob; contentType: string }): Promise<T> {
    if (t.token === null) throw t.fail('bridge.no-token', 'usage', 'browser mode: no access token; open the link that `samizdat ui` printed');
    let response: Response;
    try {
      response = await t.fetch(`${t.base}${endpoint}`, {
        method: 'POST',
        headers: { 'Content-Type': init.contentType, [TOKEN_HEADER]: t.token },
        body: init.body,
        credentials: 'omit', // POSTs are never cached; the server says no-store as well
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw t.fail('bridge.unreachable', 'unavailable', 'browser mode: the Samizdat server is not answering (was it stopped?)');
    }
    let outcome: Outcome<T>;
    try {
      outcome = (await response.json()) as Outcome<T>;
    } catch {
      throw t.fail('bridge.bad-response', 'internal', `browser mode: unexpected answer from the server (HTTP ${response.status})`);
    }
    if (!outcome.ok) throw t.fail(outcome.error.code, outcome.error.kind, outcome.error.message);
    return outcome.value;
  }

  const json = <T>(endpoint: string, args: unknown): Promise<T> => request<T>(endpoint, { body: JSON.stringify(args), contentType: 'application/json' });

  /** One file at a time, in the order given; the first failure stops the rest. */
  async function uploadAll(files: readonly ChosenFile[]): Promise<string[]> {
    const paths: string[] = [];
    for (const file of files) {
      if (file.size > MAX_UPLOAD_BYTES) {
        throw t.fail('files.too-large', 'usage', `files: the file is larger than ${MAX_UPLOAD_BYTES} bytes, the most browser mode takes in one file (no bundle is larger)`);
      }
      const endpoint = `${FILE_ENDPOINTS.upload}?name=${encodeURIComponent(file.name)}`;
      paths.push((await request<{ path: string }>(endpoint, { body: file, contentType: 'application/octet-stream' })).path);
    }
    return paths;
  }

  const api: FilesApi = {
    open({ purpose, multiple }) {
      if (purpose === 'text') return Promise.reject(noFolders());
      return t.pick({ accept: acceptFor(purpose), multiple }).then((chosen) => (chosen === null || chosen.length === 0 ? null : uploadAll(chosen)));
    },
    async save({ purpose, suggestedName }) {
      if (purpose === 'text') throw noFolders();
      const reserved = await json<{ path: string; download: string }>(FILE_ENDPOINTS.reserve, { purpose, suggestedName });
      return { path: reserved.path, download: reserved.download };
    },
    async deliver(target: SaveTarget) {
      if (target.download === null) return;
      const { url } = await json<{ url: string }>(FILE_ENDPOINTS.ticket, { download: target.download });
      t.download(`${t.base}${url}`);
    },
    async folder() {
      return null;
    },
    async dropped(files) {
      return uploadAll(files);
    },
  };
  return Object.freeze(api);
}
