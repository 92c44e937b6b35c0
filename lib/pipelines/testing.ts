/**
 * Test helpers for pipelines on real Podman: a busybox image with a shell (sh and the usual
 * applets as links, a world-writable /tmp), pushed to a test registry and used by digest so
 * steps never pull from the internet; and a poll for a run's final status.
 */
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pipelineRun, type PipelineRunRow } from '@/db/schema';
import { podman, pushImage } from '@/lib/testing/images';

const BUSYBOX = process.env.GANTRY_TEST_BUSYBOX ?? '/bin/busybox';
const applets = ['sh', 'echo', 'cat', 'sleep', 'mkdir', 'ls', 'base64', 'printf', 'test', 'true', 'false', 'env', 'wc', 'sed', 'touch', 'rm', 'id', 'grep', 'tr', 'head', 'cp', 'stat', 'whoami'];

let built: Promise<string> | undefined;

/** The local shell image ("localhost/gantry-test/pipeline-shell:1"), built once per process. */
export function buildShellImage(): Promise<string> {
  built ??= (async () => {
    const ref = 'localhost/gantry-test/pipeline-shell:1';
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-shell-'));
    try {
      const root = path.join(dir, 'root');
      await mkdir(path.join(root, 'bin'), { recursive: true });
      await copyFile(BUSYBOX, path.join(root, 'bin', 'busybox'));
      for (const a of applets) await symlink('busybox', path.join(root, 'bin', a));
      await mkdir(path.join(root, 'tmp'));
      await writeFile(path.join(root, 'tmp', '.keep'), '');
      await chmod(path.join(root, 'tmp'), 0o1777);
      // `COPY root/ /` keeps /tmp's mode (COPY tmp/ /tmp/ would make it 0755: steps run as nobody).
      await writeFile(path.join(dir, 'Containerfile'), ['FROM scratch', 'COPY root/ /', 'ENV PATH=/bin', ''].join('\n'));
      await podman(['build', '--quiet', '--timestamp', '0', '--pull=never', '-f', path.join(dir, 'Containerfile'), '-t', ref, dir]);
      return ref;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return built;
}

/** Pushes the shell image to `registryHost` and returns its digest reference. */
export async function shellImageIn(registryHost: string): Promise<string> {
  const local = await buildShellImage();
  const { digest } = await pushImage(local, `${registryHost}/pipelines/shell:1`);
  return `${registryHost}/pipelines/shell@${digest}`;
}

const FINAL = ['succeeded', 'failed', 'stopped', 'timed_out'];

/** Polls until the run is final (or `until` says so). */
export async function runSettled(db: Db, id: string, until: (r: PipelineRunRow) => boolean = (r) => FINAL.includes(r.status), timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.select().from(pipelineRun).where(eq(pipelineRun.id, id));
    if (row && until(row)) return row;
    if (Date.now() > deadline) throw new Error(`Pipeline run ${id} still ${row?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
