#!/usr/bin/env node
// Starts the built console (Next's request handler in our own HTTP server) with Gantry's own signal handling, and says where it is.
import fs from 'node:fs';
import http from 'node:http';
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

// In-process custom server rather than `next start`: route handlers cannot see the TCP peer,
// and Next only fills X-Forwarded-For when a client did not. The peer is stamped on every
// request, replacing anything a client sent under that name; lib/http/client-address.ts
// decides from it (and GANTRY_TRUSTED_PROXIES) whom to believe.
process.env.NODE_ENV = 'production';
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';
process.env.NEXT_TELEMETRY_DISABLED = '1';
// The configuration the build resolved (as Next's own standalone server does): without it Next
// compiles next.config.ts again at every start, loading its native compiler (SWC) for good —
// about 25 MB of the idle console and part of its start time (npm run bench:console).
const built = JSON.parse(fs.readFileSync('.next/required-server-files.json', 'utf8'));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(built.config);
const next = require('next');
const app = next({ dev: false, dir: root, hostname: host, port: Number(port) });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers['x-gantry-peer'] = req.socket.remoteAddress ?? '';
  handle(req, res);
});
server.listen(Number(port), host, () => {
  console.log(`
  Gantry console: ${baseUrl}
  Database:       ${process.env.DATABASE_URL ? 'Postgres (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}

  First run: open ${baseUrl} and create the first admin and organisation,
  or headless (with the console stopped): npm run admin:create -- --email you@example.com --password '…' --org acme
`);
});

// lib/boot.ts owns SIGINT/SIGTERM (it closes the database, then exits); here the listener
// only stops taking new connections, with a last-resort exit should boot never have run.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    server.close();
    setTimeout(() => process.exit(sig === 'SIGINT' ? 130 : 143), 15_000).unref();
  });
}
