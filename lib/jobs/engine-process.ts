/**
 * The console's job engine alone in a process, for tests that kill a console with SIGKILL
 * (started through lib/testing/console-process.ts): it opens the database named by
 * GANTRY_TEST_DB_URL or GANTRY_TEST_DB_DIR (PGlite), runs every kind on the engine in
 * GANTRY_TEST_ENGINE_DIR (label gantry.test-run = GANTRY_TEST_RUN) with this installation's id
 * from the database and, like boot, takes back every in-flight row only on PGlite. It prints
 * "RUNNING <id>" once GANTRY_TEST_WATCH is in flight (GANTRY_TEST_WATCH_KIND):
 * - execution (default): the task execution runs and has logged two lines;
 * - pipeline-run: a step of the run runs and has logged;
 * - deployment: the rollout is health-checking its new container.
 */
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '@/db/client';
import { deployment, pipelineStep, taskExecution } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { installationId } from '@/lib/dataplane/installation';
import { defaultRetry } from '@/lib/jobs/lease';
import { testEngine } from './testing';

export type WatchKind = 'execution' | 'pipeline-run' | 'deployment';

const inFlight: Record<WatchKind, (db: Db, id: string) => Promise<boolean>> = {
  execution: async (db, id) => db.select().from(taskExecution).where(eq(taskExecution.id, id)).then(([row]) => row?.status === 'running' && row.logLines >= 2),
  'pipeline-run': async (db, id) => (await db.select().from(pipelineStep).where(eq(pipelineStep.runId, id))).some((s) => s.status === 'running' && s.logLines >= 1),
  deployment: async (db, id) => db.select().from(deployment).where(eq(deployment.id, id)).then(([row]) => row?.status === 'health-checking'),
};

async function main() {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 7)]));
  const url = process.env.GANTRY_TEST_DB_URL;
  const d = await openDatabase(url ? { url } : { dataDir: process.env.GANTRY_TEST_DB_DIR! });
  await testEngine(d.engineDb, {
    dataDir: process.env.GANTRY_TEST_ENGINE_DIR!,
    run: process.env.GANTRY_TEST_RUN!,
    installation: await installationId(d.db),
    singleProcess: d.kind === 'pglite',
    retry: defaultRetry,
  });
  const watch = process.env.GANTRY_TEST_WATCH!;
  const ready = inFlight[(process.env.GANTRY_TEST_WATCH_KIND || 'execution') as WatchKind];
  while (!(await ready(d.db, watch))) await new Promise((r) => setTimeout(r, 50));
  process.stdout.write(`RUNNING ${watch}\n`);
  // Keep running until killed.
  setInterval(() => undefined, 1 << 30);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
