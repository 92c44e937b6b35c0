/**
 * The job engine alone in a process, for tests that kill a console with SIGKILL: it opens the
 * database named by GANTRY_TEST_DB_URL or GANTRY_TEST_DB_DIR (PGlite), runs the deployment and
 * execution kinds on the engine in GANTRY_TEST_ENGINE_DIR (label gantry.test-run =
 * GANTRY_TEST_RUN), and prints "RUNNING <id>" once execution GANTRY_TEST_WATCH runs and has logged
 * (with GANTRY_TEST_WATCH_KIND=pipeline-run: once a step of pipeline run GANTRY_TEST_WATCH runs and has logged).
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { pipelineStep, taskExecution } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { testEngine } from './testing';

async function main() {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  const url = process.env.GANTRY_TEST_DB_URL;
  const d = await openDatabase(url ? { url } : { dataDir: process.env.GANTRY_TEST_DB_DIR! });
  await testEngine(d.db, { dataDir: process.env.GANTRY_TEST_ENGINE_DIR!, run: process.env.GANTRY_TEST_RUN! });
  const watch = process.env.GANTRY_TEST_WATCH!;
  for (;;) {
    const ready =
      process.env.GANTRY_TEST_WATCH_KIND === 'pipeline-run'
        ? (await d.db.select().from(pipelineStep).where(eq(pipelineStep.runId, watch))).some((s) => s.status === 'running' && s.logLines >= 1)
        : await d.db
            .select()
            .from(taskExecution)
            .where(eq(taskExecution.id, watch))
            .then(([row]) => row?.status === 'running' && row.logLines >= 2);
    if (ready) {
      process.stdout.write(`RUNNING ${watch}\n`);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // Keep running until killed.
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
