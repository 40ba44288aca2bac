// Exchange: import bundles, export the open statement, sync with a drop folder, and the removable
// drives to do it with. Each starts a job whose progress and outcome the jobs panel shows.
//
// Paths are typed: in browser mode the page has no way to name a file on this machine (a browser's
// file picker hands over contents, not paths, and the core reads the file itself). In the desktop
// app a native open/save dialog could fill these fields; that dialog has to come from main (a
// contract channel such as `dialog:open`), since the sandboxed renderer cannot open one. Not built yet.
//
// Nothing a bundle carries is rendered here; drive labels are text.

import { useEffect, useState, type FormEvent } from 'react';
import type { ExportArgs } from '../shared/contract.js';
import type { ExportMode, GroupSummary, RemovableDrive } from '../shared/view-models.js';
import { call, messageOf } from './api.js';
import { formatBytes } from '../shared/format.js';


/** A file in a folder, with the folder's own separator (`E:\` on Windows, `/media/...` elsewhere). */
function inFolder(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

const exportName = (id: string): string => `statement-${id.slice(0, 12)}.samizdat`;

const MODES: ReadonlyArray<[ExportMode, string]> = [
  ['auto', 'Automatic: drafts encrypted to their groups, released in clear'],
  ['clear', 'In clear (anyone can read it)'],
  ['members', 'Encrypted to the members of groups I choose'],
  ['passphrase', 'Sealed with a passphrase'],
];

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function NoticeLine({ notice }: { notice: Notice }) {
  if (notice === null) return null;
  return notice.kind === 'error' ? (
    <p role="alert" className="error">
      {notice.text}
    </p>
  ) : (
    <p className="muted">{notice.text}</p>
  );
}

export function ExchangePanel(props: { selectedId: string | null; onVaultError: (err: unknown) => void; onJobStarted: () => void }) {
  const { selectedId, onVaultError, onJobStarted } = props;

  const [importPath, setImportPath] = useState('');
  const [importPassphrase, setImportPassphrase] = useState('');
  const [importNotice, setImportNotice] = useState<Notice>(null);

  const [exportFolder, setExportFolder] = useState<string | null>(null);
  const [exportPath, setExportPath] = useState('');
  const [mode, setMode] = useState<ExportMode>('auto');
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [groups, setGroups] = useState<GroupSummary[] | null>(null);
  const [to, setTo] = useState<string[]>([]);
  const [exportNotice, setExportNotice] = useState<Notice>(null);

  const [syncDir, setSyncDir] = useState('');
  const [syncNotice, setSyncNotice] = useState<Notice>(null);

  const [drives, setDrives] = useState<RemovableDrive[] | null>(null);
  const [drivesNotice, setDrivesNotice] = useState<Notice>(null);

  const start = async (what: string, run: () => Promise<unknown>, setNotice: (n: Notice) => void): Promise<boolean> => {
    setNotice(null);
    try {
      await run();
      setNotice({ kind: 'ok', text: `${what} started: see its progress below.` });
      onJobStarted();
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: messageOf(err) });
      onVaultError(err);
      return false;
    }
  };

  const submitImport = async (event: FormEvent) => {
    event.preventDefault();
    const passphrase = importPassphrase;
    setImportPassphrase('');
    await start('Import', () => call('bundles:import', { paths: [importPath.trim()], ...(passphrase === '' ? {} : { passphrase }) }), setImportNotice);
  };

  const submitExport = async (event: FormEvent) => {
    event.preventDefault();
    if (selectedId === null) return;
    const base = { ids: [selectedId], out: exportPath.trim() };
    const args: ExportArgs =
      mode === 'members' ? { ...base, mode, to } : mode === 'passphrase' ? { ...base, mode, passphrase: exportPassphrase } : { ...base, mode };
    setExportPassphrase('');
    await start('Export', () => call('bundles:export', args), setExportNotice);
  };

  const submitSync = async (event: FormEvent) => {
    event.preventDefault();
    await start('Sync', () => call('bundles:sync', { dir: syncDir.trim() }), setSyncNotice);
  };

  const findDrives = () => {
    setDrivesNotice(null);
    call('drives:list', {}).then(setDrives, (err: unknown) => setDrivesNotice({ kind: 'error', text: messageOf(err) }));
  };
  useEffect(findDrives, []);

  // The groups to encrypt to, once that mode is chosen.
  useEffect(() => {
    if (mode !== 'members' || groups !== null) return;
    call('groups:list', {}).then(setGroups, (err: unknown) => {
      setExportNotice({ kind: 'error', text: messageOf(err) });
      onVaultError(err);
    });
  }, [mode, groups, onVaultError]);

  // A drive chosen for exports names the file after the open statement.
  useEffect(() => {
    if (exportFolder !== null && selectedId !== null) setExportPath(inFolder(exportFolder, exportName(selectedId)));
  }, [exportFolder, selectedId]);

  const chooseDrive = (drive: RemovableDrive) => {
    setSyncDir(drive.path);
    setImportPath(drive.path);
    setExportFolder(drive.path);
    if (selectedId === null) setExportPath(inFolder(drive.path, 'statement.samizdat'));
  };

  const exportReady =
    selectedId !== null &&
    exportPath.trim() !== '' &&
    (mode !== 'members' || to.length > 0) &&
    (mode !== 'passphrase' || [...exportPassphrase].length >= 8);

  return (
    <details className="exchange" open>
      <summary>
        <h2>Exchange</h2> <span className="muted note">import, export, sync: type full paths (for example /media/you/STICK or E:\); choosing files with a dialog is not available yet</span>
      </summary>
      <div className="exchange-grid">
        <form className="exchange-form" onSubmit={submitImport} aria-label="Import bundles">
          <h3>Import</h3>
          <label htmlFor="import-path">Bundle file or folder</label>
          <input id="import-path" type="text" spellCheck={false} value={importPath} onChange={(e) => setImportPath(e.target.value)} placeholder="/media/you/STICK/kras.samizdat" />
          <label htmlFor="import-passphrase">Bundle passphrase (only for bundles sealed with one)</label>
          <input id="import-passphrase" type="password" autoComplete="off" value={importPassphrase} onChange={(e) => setImportPassphrase(e.target.value)} />
          <button type="submit" disabled={importPath.trim() === ''}>
            Import
          </button>
          <NoticeLine notice={importNotice} />
        </form>

        <form className="exchange-form" onSubmit={submitExport} aria-label="Export the open statement">
          <h3>Export</h3>
          {selectedId === null ? (
            <p className="muted">Open a statement below to export it.</p>
          ) : (
            <p className="muted">
              The open statement, <code>{selectedId.slice(0, 12)}</code>, with its signatures and its groups’ chains.
            </p>
          )}
          <label htmlFor="export-path">Export to file</label>
          <input id="export-path" type="text" spellCheck={false} value={exportPath} onChange={(e) => setExportPath(e.target.value)} placeholder="/media/you/STICK/statement.samizdat" />
          <label htmlFor="export-mode">Envelope</label>
          <select id="export-mode" value={mode} onChange={(e) => setMode(e.target.value as ExportMode)}>
            {MODES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {mode === 'members' && (
            <fieldset>
              <legend>Encrypt to the members of</legend>
              {groups === null && <p className="muted">Loading groups…</p>}
              {groups?.map((g) => (
                <label key={g.groupId} className="check">
                  <input
                    type="checkbox"
                    checked={to.includes(g.groupId)}
                    onChange={(e) => setTo(e.target.checked ? [...to, g.groupId] : to.filter((x) => x !== g.groupId))}
                  />
                  {g.name} <span className="muted">({g.fingerprint})</span>
                </label>
              ))}
            </fieldset>
          )}
          {mode === 'passphrase' && (
            <>
              <label htmlFor="export-passphrase">Passphrase for the bundle (at least 8 characters)</label>
              <input id="export-passphrase" type="password" autoComplete="new-password" value={exportPassphrase} onChange={(e) => setExportPassphrase(e.target.value)} />
            </>
          )}
          <button type="submit" disabled={!exportReady}>
            Export
          </button>
          <NoticeLine notice={exportNotice} />
        </form>

        <form className="exchange-form" onSubmit={submitSync} aria-label="Sync with a folder">
          <h3>Sync</h3>
          <p className="muted">Imports what is new in the folder and writes what it lacks. Nothing is ever deleted.</p>
          <label htmlFor="sync-dir">Sync folder</label>
          <input id="sync-dir" type="text" spellCheck={false} value={syncDir} onChange={(e) => setSyncDir(e.target.value)} placeholder="/media/you/STICK" />
          <button type="submit" disabled={syncDir.trim() === ''}>
            Sync
          </button>
          <NoticeLine notice={syncNotice} />
        </form>

        <section className="drives" aria-label="Removable drives">
          <h3>Removable drives</h3>
          <button type="button" onClick={findDrives}>
            Find drives
          </button>
          <NoticeLine notice={drivesNotice} />
          {drives !== null && drives.length === 0 && <p className="muted">No removable drive is mounted (plug in a USB stick or SD card, and open it once if your system does not).</p>}
          {drives !== null && drives.length > 0 && (
            <ul>
              {drives.map((d) => (
                <li key={d.path}>
                  <span className="title">{d.label}</span> <span className="muted">{d.path}</span>{' '}
                  <span className="muted">
                    {d.freeBytes === null ? 'free space unknown' : `${formatBytes(d.freeBytes)} free${d.sizeBytes === null ? '' : ` of ${formatBytes(d.sizeBytes)}`}`}
                  </span>{' '}
                  <button type="button" onClick={() => chooseDrive(d)}>
                    Use this drive
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </details>
  );
}
