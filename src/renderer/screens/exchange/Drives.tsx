// The removable drives mounted now, asked every few seconds while the place is open: a stick
// plugged in or pulled out shows (and is announced) within moments, with no button to press.

import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovableDrive } from '../../../shared/view-models.js';
import { useChannel } from '../../data/query.js';
import { useFormat } from '../../i18n/format.js';
import { DRIVES_EVERY_MS, driveChanges } from './drives.js';
import { useAnnounce } from './jobs.js';

export function useDrives() {
  const { t } = useTranslation('exchange');
  const announce = useAnnounce();
  const drives = useChannel('drives:list', {}, { refetchInterval: DRIVES_EVERY_MS, staleTime: 0 });
  const before = useRef<RemovableDrive[] | undefined>(undefined);
  useEffect(() => {
    if (!drives.data) return;
    const { added, removed } = driveChanges(before.current, drives.data);
    before.current = drives.data;
    const news = [...added.map((d) => t('drives.plugged', { label: d.label })), ...removed.map((d) => t('drives.pulled', { label: d.label }))];
    if (news.length > 0) announce(news.join(' '));
  }, [drives.data, announce, t]);
  return drives;
}

/** A drive as people know it: its label, where it is, how much room is left. */
export function DriveText({ drive }: { drive: RemovableDrive }) {
  const { t } = useTranslation('exchange');
  const format = useFormat();
  return (
    <span className="drive-text">
      <bdi className="drive-label">{drive.label}</bdi>{' '}
      <span className="muted">
        <bdi>{drive.path}</bdi>
        {drive.freeBytes !== null && (
          <>
            {' · '}
            {drive.sizeBytes !== null ? t('drives.freeOf', { free: format.bytes(drive.freeBytes), size: format.bytes(drive.sizeBytes) }) : t('drives.free', { free: format.bytes(drive.freeBytes) })}
          </>
        )}
      </span>
    </span>
  );
}

/** What to say when no drive is there (or they cannot be listed). */
export function NoDrives({ error }: { error: unknown }) {
  const { t } = useTranslation('exchange');
  return <p className="muted no-drives">{error ? t('drives.unavailable') : t('drives.none')}</p>;
}
