// Builds the three parts of the Electron app:
//   main     src/main/index.ts     -> out/main/index.js    (ESM, as package.json says "type": "module")
//   preload  src/preload/index.ts  -> out/preload/index.cjs (CommonJS: a sandboxed preload cannot be ESM)
//   renderer src/renderer          -> out/renderer          (also what browser mode serves)
// (`electron-vite build --outDir DIR` puts the three under DIR instead; the e2e tests use that.)
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'src/main/index.ts'), formats: ['es'] },
      // Dependencies stay in node_modules (packaged by electron-builder); the native SQLite module
      // must never be bundled.
      externalizeDeps: true,
      rolldownOptions: { external: ['better-sqlite3-multiple-ciphers'] },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'src/preload/index.ts'), formats: ['cjs'] },
      // The sandbox gives the preload no access to node_modules: everything it uses is bundled in.
      externalizeDeps: false,
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
      // No data: URLs: the CSP and the request filter refuse them, so every asset is a file.
      assetsInlineLimit: 0,
      sourcemap: false,
    },
  },
});
