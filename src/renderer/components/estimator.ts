// The passphrase estimator, zxcvbn-ts with its common and English dictionaries, loaded only when a
// screen first needs it (they weigh more than the rest of the app together): a separate chunk of
// the build, fetched from the app's own origin. Loaded once; every later call reuses it.

import { strengthOf, type Strength } from './strength.js';

export type Estimate = (passphrase: string) => Strength;

/** Words of the app itself: a passphrase built from them is easy to guess. */
const APP_WORDS = ['samizdat', 'vault', 'passphrase', 'statement', 'group'];

let loading: Promise<Estimate> | null = null;

export function loadEstimator(): Promise<Estimate> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      // Levenshtein matching costs about a second a check: too slow to follow typing.
      useLevenshteinDistance: false,
    });
    return (passphrase: string) => strengthOf(zxcvbn.check(passphrase, APP_WORDS).guesses);
  })();
  // A failed load (the chunk missing) is tried again next time rather than remembered.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
