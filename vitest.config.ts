import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every core: Vitest's default leaves one idle, and most files spend their time waiting on the
    // processes they start (the CLI, Chromium, Syncthing). Measured on 2 cores: 13.7 min to 7.6 min.
    maxWorkers: '100%',
  },
});
