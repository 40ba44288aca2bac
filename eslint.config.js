// Lint, including the layer rule of DESIGN.md: each folder of src/ may import only what its layer allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

const layer = (name) => `**/${name}/**`;
const forbid = (files, groups, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bin/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // No user-visible literal in a component: every word comes from a catalogue (src/renderer/i18n,
    // screens/*/strings.ts) in English, Russian and Ukrainian. JSX text and the attributes people
    // read or hear are checked; class names, ids, roles and the like are not words.
    files: ['src/renderer/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['aria-label', 'aria-description', 'aria-valuetext', 'title', 'alt', 'placeholder', 'label', 'valueLabel'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·—–…▾←→×]+'] },
        },
      ],
    },
  },
  forbid(
    ['src/core/**'],
    [layer('main'), layer('preload'), layer('renderer'), layer('shared'), layer('app'), layer('server'), layer('cli'), 'electron', 'react', 'react-dom'],
    'core is pure domain code: it imports nothing of the other layers, nor electron or the DOM (DESIGN.md, Architecture).',
  ),
  forbid(
    ['src/shared/**'],
    [layer('core'), layer('app'), layer('main'), layer('preload'), layer('renderer'), layer('server'), layer('cli'), 'electron', 'node:*'],
    'shared is the IPC contract only: types, channel names and schemas, no runtime dependencies on other layers.',
  ),
  forbid(
    ['src/renderer/**'],
    [layer('core'), layer('app'), layer('main'), layer('preload'), layer('server'), layer('cli'), 'electron', 'node:*'],
    'the renderer talks only to the preload API (src/shared types): it never holds keys or parses bundles.',
  ),
  forbid(
    ['src/preload/**'],
    [layer('core'), layer('app'), layer('main'), layer('renderer'), layer('server'), layer('cli'), 'node:*'],
    'preload forwards the contract of src/shared and nothing else.',
  ),
  forbid(
    ['src/app/**'],
    [layer('main'), layer('preload'), layer('renderer'), layer('server'), layer('cli'), 'electron'],
    'app is the handler table: the contract of shared implemented over core, knowing nothing of Electron or HTTP.',
  ),
  forbid(
    ['src/main/**'],
    [layer('renderer'), layer('preload'), layer('server'), layer('cli')],
    'main may import app, core and shared only.',
  ),
  forbid(
    ['src/server/**'],
    [layer('main'), layer('renderer'), layer('preload'), layer('cli'), 'electron'],
    'server may import app, core and shared only.',
  ),
  forbid(
    ['src/cli/**'],
    [layer('main'), layer('renderer'), layer('preload'), 'electron'],
    'the CLI may import core, shared, app and server only.',
  ),
);
