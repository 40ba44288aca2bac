// An error as the person's next step, in her language: by its code (the screen's own words first,
// then the shared `errors` namespace), else by its kind. Never core's English, never a stack.

import { useTranslation } from 'react-i18next';
import { ApiError } from '../data/api.js';
import type { Namespace } from '../i18n/catalogues.js';

export function errorKeys(err: unknown, screen?: Namespace): string[] {
  const code = err instanceof ApiError ? err.code : 'internal';
  const kind = err instanceof ApiError ? err.kind : 'internal';
  return [...(screen ? [`${screen}:error.${code}`] : []), `errors:${code}`, `errors:kind.${kind}`];
}

export function useErrorWords(screen?: Namespace) {
  const { t } = useTranslation();
  return (err: unknown): string => t(errorKeys(err, screen));
}

/** `role="alert"`: read out when it appears. */
export function ErrorText({ error, screen, id }: { error: unknown; screen?: Namespace; id?: string }) {
  const words = useErrorWords(screen)(error);
  return (
    <p className="error" role="alert" id={id} data-code={error instanceof ApiError ? error.code : 'internal'}>
      {words}
    </p>
  );
}
