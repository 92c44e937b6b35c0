/**
 * A console's scheduler alone in a process, for the test of two schedulers on one Postgres:
 * it opens its own pool on GANTRY_TEST_DB_URL and runs the production scheduler kind on a
 * fast clock shared with its twin — virtual time GANTRY_TEST_T0 at the wall-clock instant
 * the parent writes on stdin ("GO <ms>"), running GANTRY_TEST_SPEED times faster, skewed by
 * GANTRY_TEST_SKEW_MS, firing GANTRY_TEST_AHEAD_MS ahead of the slot — so that many slots come due in a few seconds. Prints READY; stops
 * cleanly on SIGTERM.
 */
import { openDatabase } from '@/db/client';
import { startEngine } from './engine';
import { schedulerKind } from './executions/kind';

async function main() {
  const d = await openDatabase({ url: process.env.GANTRY_TEST_DB_URL! });
  const t0 = Number(process.env.GANTRY_TEST_T0);
  // Until the parent says GO (both twins ready), the clock stands a day before t0.
  let real0 = Infinity;
  process.stdin.on('data', (b: Buffer) => {
    const go = /GO (\d+)/.exec(b.toString());
    if (go) real0 = Number(go[1]);
  });
  const speed = Number(process.env.GANTRY_TEST_SPEED);
  const skew = Number(process.env.GANTRY_TEST_SKEW_MS ?? 0);
  const now = () => new Date(real0 === Infinity ? t0 - 86_400_000 : t0 + (Date.now() - real0) * speed + skew);
  const engine = await startEngine({ kinds: [schedulerKind({ db: d.db, now, everyMs: 20, aheadMs: Number(process.env.GANTRY_TEST_AHEAD_MS ?? 0) })], singleProcess: false });
  process.stdout.write('READY\n');
  process.on('SIGTERM', () => {
    void engine
      .stop()
      .then(() => d.close())
      .then(() => process.exit(0));
  });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
