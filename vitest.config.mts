import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['{lib,db,app,components,scripts}/**/*.test.ts'],
    // Live tests need a real cluster, *.postgres tests a real Postgres server (several processes on one database): they run only when one is given.
    exclude: ['**/node_modules/**', ...(process.env.GANTRY_TEST_KUBECONFIG ? [] : ['**/*.live.test.ts']), ...(process.env.TEST_DATABASE_URL ? [] : ['**/*.postgres.test.ts'])],
    environment: 'node',
    globalSetup: ['lib/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
