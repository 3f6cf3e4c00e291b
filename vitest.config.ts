import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node 24: the whole core, both stores and the transports.
export default defineConfig({
  plugins: [svelte({ configFile: './svelte.config.js' })],
  test: {
    include: [
      'src-main/**/*.test.ts',
      'src-renderer/**/*.test.ts',
      'graph/**/*.test.ts',
      'resources/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
