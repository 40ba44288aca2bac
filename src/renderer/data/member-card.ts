// Saving my member card (identity:card) where the person chooses: the system's save dialog under
// Electron, a download in browser mode. The first run and My groups both offer it.

import { useState } from 'react';
import { cardFileName, fileNameOf } from '../screens/firstrun/card.js';
import { useAction } from './query.js';

export type SavedCard = { file: string; downloaded: boolean };

export function useSaveMemberCard(myName: string | null) {
  const [saved, setSaved] = useState<SavedCard | null>(null);
  /** This window has no file dialogs (window.samizdatFiles absent): said in words by the screen. */
  const [noFiles, setNoFiles] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const card = useAction('identity:card');

  const save = async () => {
    const files = window.samizdatFiles;
    setFailure(null);
    setSaved(null);
    if (!files) {
      setNoFiles(true);
      return;
    }
    setSaving(true);
    try {
      const target = await files.save({ purpose: 'card', suggestedName: cardFileName(myName ?? '') });
      if (target === null) return; // the person cancelled the dialog
      const written = await card.mutateAsync({ out: target.path });
      await files.deliver(target);
      setSaved({ file: fileNameOf(written.out), downloaded: target.download !== null });
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };

  return { save, saved, noFiles, failure, saving, available: window.samizdatFiles !== undefined };
}
