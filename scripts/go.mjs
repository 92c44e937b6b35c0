#!/usr/bin/env node
// The one command for a fresh machine: system packages for the local engine, npm install,
// build, start. Uses only Node built-ins until the dependencies are installed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { enginePackages, ensurePackages } from './system-packages.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const step = (label, cmd, args, { stoppedBySignal = false } = {}) => {
  console.log(`\n▸ ${label}`);
  const status = spawnSync(cmd, args, { stdio: 'inherit' }).status;
  // The console exits 130/143 when stopped with Ctrl-C or SIGTERM: that is a normal stop.
  if (stoppedBySignal && (status === 130 || status === 143)) process.exit(0);
  if (status !== 0) {
    console.error(`\n${label} failed (exit ${status}).`);
    process.exit(status ?? 1);
  }
};

if (!ensurePackages(enginePackages, { required: false })) {
  console.warn('The console will start, but deployments to the local data plane need Podman (or GANTRY_DOCKER_HOST pointing at a Docker/Podman socket).');
}
step('Installing dependencies', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
step('Building the console', process.execPath, ['node_modules/next/dist/bin/next', 'build']);
// As `npm run build` does: the migrated empty database a first start copies (db/client.ts).
step('Preparing the embedded database', process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/pglite-seed.ts']);
step('Starting', process.execPath, ['scripts/start.mjs'], { stoppedBySignal: true });
