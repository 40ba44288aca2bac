// The three catalogues are complete and alike: every namespace has the same keys in English,
// Russian and Ukrainian, each plural has exactly its language's forms (Russian and Ukrainian: one,
// few, many, other; English: one, other), and every text names the same {{variables}} in each
// language. And the lint rule that keeps words out of components is on.

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../src/renderer/i18n/catalogues.js';
import { LANGUAGES, preferredLanguage } from '../../../src/renderer/i18n/languages.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  for (const [ns, strings] of Object.entries(CATALOGUES)) {
    describe(ns, () => {
      it('has the same keys in every language (plural forms aside)', () => {
        const bases = LANGUAGES.map((lng) => [...new Set(Object.keys(strings[lng]).map(baseKey))].sort());
        expect(bases[1]).toEqual(bases[0]);
        expect(bases[2]).toEqual(bases[0]);
      });

      it("gives each plural exactly its language's forms", () => {
        for (const lng of LANGUAGES) {
          const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories.slice().sort();
          const plurals = new Map<string, string[]>();
          for (const key of Object.keys(strings[lng])) {
            const m = PLURAL.exec(key);
            if (m) plurals.set(baseKey(key), [...(plurals.get(baseKey(key)) ?? []), m[1] as string]);
          }
          for (const [key, forms] of plurals) expect({ key, lng, forms: forms.sort() }).toEqual({ key, lng, forms: categories });
        }
      });

      it('names the same variables in every language, and no text is empty', () => {
        for (const key of Object.keys(strings.en)) {
          const expected = variables(strings.en[key] as string);
          for (const lng of LANGUAGES) {
            const same = Object.keys(strings[lng]).filter((k) => baseKey(k) === baseKey(key));
            for (const k of same) {
              const text = strings[lng][k] as string;
              expect(text.trim().length, `${ns}:${k} (${lng}) is empty`).toBeGreaterThan(0);
              expect({ k, lng, vars: variables(text).filter((v) => v !== 'count') }).toEqual({ k, lng, vars: expected.filter((v) => v !== 'count') });
            }
          }
        }
      });
    });
  }

  it('ru and uk catalogues are not English left untranslated', () => {
    // The same in every language: the product's name, each language's own name, and texts with no words.
    const mayMatch = (key: string, text: string) => key === 'app.name' || key.startsWith('language.') || !/\p{L}{2}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));
    const untranslated: string[] = [];
    for (const [ns, strings] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(strings.en)) {
        if (mayMatch(key, text)) continue;
        if (strings.ru[key] === text) untranslated.push(`${ns}:${key} (ru)`);
        if (strings.uk[key] === text) untranslated.push(`${ns}:${key} (uk)`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});

describe('the language chosen at first', () => {
  it("is the system's when we have it, else English", () => {
    expect(preferredLanguage(['uk-UA', 'ru'])).toBe('uk');
    expect(preferredLanguage(['de-DE', 'ru-RU'])).toBe('ru');
    expect(preferredLanguage(['de-DE'])).toBe('en');
    expect(preferredLanguage([])).toBe('en');
  });
});

describe('no words in components', () => {
  it('eslint refuses a literal in JSX text or in a label a person reads', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const probe = 'export function P() { return <p title="Close">Released <span aria-label="verified" className="badge-x" /></p>; }\n';
    const [result] = await eslint.lintText(probe, { filePath: 'src/renderer/screens/probe/Probe.tsx' });
    const literal = result!.messages.filter((m) => m.ruleId === 'i18next/no-literal-string');
    expect(literal.map((m) => m.message)).toEqual([
      expect.stringContaining('title="Close"'),
      expect.stringContaining('Released'),
      expect.stringContaining('aria-label="verified"'),
    ]);
  }, 60_000);
});
