import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { baseURL, e2ePort } from './e2e/support';

const artifacts = path.join(__dirname, 'e2e', '.artifacts');

// Every run starts from an empty embedded database: the first test is the first-run setup.
delete process.env.DATABASE_URL;

export default defineConfig({
  testDir: 'e2e',
  outputDir: path.join(artifacts, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    // GANTRY_E2E_PREBUILT=1 serves the build already in .next (a rerun of the same tree).
    command: process.env.GANTRY_E2E_PREBUILT ? 'node scripts/start.mjs' : 'npm run build && node scripts/start.mjs',
    url: `${baseURL}/sign-in`,
    // next build alone took 6.7 min on a shared 2-core machine (load 18): a slow build is not a failed test.
    timeout: 900_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(e2ePort),
      HOST: '127.0.0.1',
      GANTRY_BASE_URL: baseURL,
      GANTRY_DATA_DIR: path.join(artifacts, `data-${Date.now()}`),
      GANTRY_E2E: '1',
      // Each worktree's server gets its own gateway port next to its console port.
      GANTRY_GATEWAY_LISTEN: `127.0.0.1:${e2ePort + 1000}`,
      GANTRY_LOG_LEVEL: 'warn',
    },
  },
});
