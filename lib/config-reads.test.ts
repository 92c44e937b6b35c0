import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Gantry's settings are read through lib/config.ts (config() or setting()), so each has one
 * schema, one default and one error text. Test helpers, test child processes, benchmarks and
 * scripts may read their own GANTRY_TEST_* knobs; app code may not read GANTRY_* directly.
 */
const roots = ['app', 'components', 'lib', 'db'];
const allowed = [
  /\.test\.tsx?$/,
  /^lib\/config\.ts$/,
  /^lib\/testing\//,
  /^lib\/pipelines\/testing\.ts$/,
  /-process\.ts$/, // test child processes (lib/jobs/engine-process.ts, scheduler-process.ts, lib/api/route-server-process.ts)
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('GANTRY_* settings', () => {
  it('are read only through lib/config.ts in app code', () => {
    const readers = roots
      .flatMap((r) => files(r))
      .filter((f) => !allowed.some((a) => a.test(f.split(path.sep).join('/'))))
      .filter((f) => /process\.env(\.GANTRY_|\[['"`]GANTRY_)/.test(fs.readFileSync(f, 'utf8')));
    expect(readers).toEqual([]);
  });
});
