#!/usr/bin/env node
// Starts the built console (`next start`) with Gantry's own signal handling, and says where it is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

if (fs.existsSync('.env')) process.loadEnvFile('.env');
if (!fs.existsSync('.next/BUILD_ID')) {
  console.error('The console is not built yet. Run `npm run build` first (or `npm run go`, which installs, builds and starts).');
  process.exit(1);
}

const host = process.env.HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
const baseUrl = process.env.GANTRY_BASE_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const dataDir = path.resolve(process.env.GANTRY_DATA_DIR ?? '.gantry/data');

const next = require.resolve('next/dist/bin/next');
const child = spawn(process.execPath, [next, 'start', '-H', host, '-p', port], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production', NEXT_MANUAL_SIG_HANDLE: 'true', NEXT_TELEMETRY_DISABLED: '1' },
});

console.log(`
  Gantry console: ${baseUrl}
  Database:       ${process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}

  First run: open ${baseUrl} and create the first admin and organisation,
  or headless (with the console stopped): npm run admin:create -- --email you@example.com --password '…' --org acme
`);

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
