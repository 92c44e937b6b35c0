// npm run bench:deploy — deploy request → new container serving, against the raw engine floor
// (`podman run -d` of the same image → first HTTP byte), plus listing/Deploy-page server times
// with 5,000 components and 50,000 deployments.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { component, deployment, deploymentEvent, environment, release } from '@/db/schema';
import { KeyRing, setKeyRingForTests } from '@/lib/crypto';
import { containersConfPath } from '@/lib/dataplane/engine/podman-service';
import { measureRawFloor } from '@/lib/dataplane/engine/raw-floor';
import { settled, testReconciler } from '@/lib/reconciler/testing';
import { listComponents } from '@/lib/services/components/list-components';
import { componentEnvironments } from '@/lib/services/deployments/component-environments';
import { deploy } from '@/lib/services/deployments/deploy';
import { listDeployments } from '@/lib/services/deployments/list-deployments';
import { listReleases } from '@/lib/services/components/list-releases';
import { firstServe, median, seedDeployWorld } from './fixtures';

const runs = Number(process.env.BENCH_RUNS ?? 12);
process.env.GANTRY_LOG_LEVEL ??= 'warn';

async function timeIt(fn: () => Promise<unknown>, n = 10) {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main() {
  setKeyRingForTests(new KeyRing([Buffer.alloc(32, 9)]));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-deploy-'));
  const d = await openDatabase({ dataDir: path.join(dataDir, 'db') });
  const world = await seedDeployWorld(d.db);
  const rec = await testReconciler(d.db);
  const ctx = { db: d.db, actor: { type: 'user' as const, userId: world.user.id, email: world.user.email, via: 'console' as const } };
  try {
    // Warm: both images present in the engine, as they are for the raw floor.
    for (const tag of ['a', 'b']) await settled(d.db, (await deploy(ctx, { org: 'bench', project: 'shop', component: 'hello', tag })).id);

    const gantry: number[] = [];
    const phases: Record<string, number[]> = {};
    for (let i = 0; i < runs; i++) {
      const tag = i % 2 ? 'b' : 'a';
      const t0 = performance.now();
      const accepted = await deploy(ctx, { org: 'bench', project: 'shop', component: 'hello', tag });
      const row = await settled(d.db, accepted.id);
      if (row.status !== 'active') throw new Error(`deploy ${i} ${row.status}: ${row.reason}`);
      gantry.push((await firstServe(row.endpoints![0].url, `bench ${tag}`)) - t0);
      const events = await d.db.select().from(deploymentEvent).where(eq(deploymentEvent.deploymentId, accepted.id)).orderBy(deploymentEvent.at);
      for (let k = 1; k < events.length; k++) (phases[`${events[k - 1].status} → ${events[k].status}`] ??= []).push(+events[k].at - +events[k - 1].at);
    }
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) raw.push((await measureRawFloor(world.pinned[i % 2 ? 'b' : 'a'], { tlsVerify: false })).firstByteMs);

    // Listing and Deploy page data at scale: 5,000 components, 50,000 deployments.
    const [comp] = await d.db.select().from(component).where(eq(component.name, 'hello'));
    const [env] = await d.db.select().from(environment).where(eq(environment.organizationId, world.org.id)).orderBy(environment.position);
    const [rel] = await d.db.select().from(release).where(eq(release.componentId, comp.id)).limit(1);
    await d.db.execute(sql`insert into ${component} (organization_id, project_id, name, display_name, type, registry_id, repository, created_at)
      select ${world.org.id}, ${comp.projectId}, 'c-' || g, 'Component ' || g, 'service', ${world.registryId}, ${comp.repository}, now() - (g || ' seconds')::interval from generate_series(1, 4999) g`);
    await d.db.execute(sql`insert into ${deployment} (organization_id, component_id, environment_id, release_id, status, triggered_by_type, triggered_by_label, created_at)
      select ${world.org.id}, ${comp.id}, ${env.id}, ${rel.id}, 'superseded', 'system', 'bench', now() - (g || ' seconds')::interval from generate_series(1, 50000) g`);
    await d.db.execute(sql`analyze`);
    const listing = await timeIt(() => listComponents(ctx, { org: 'bench', project: 'shop', limit: 50 }));
    const deployPage = await timeIt(() => Promise.all([componentEnvironments(ctx, { org: 'bench', project: 'shop', component: 'hello' }), listDeployments(ctx, { org: 'bench', project: 'shop', component: 'hello' }), listReleases(ctx, { org: 'bench', project: 'shop', component: 'hello' })]));

    const g = median(gantry);
    const r = median(raw);
    console.log(`\nGantry deploy benchmark (${os.cpus().length} cores, ${runs} runs each, images cached, registry on loopback)\n`);
    console.log(`Deploy request → serving, p50     ${g.toFixed(0).padStart(6)} ms   (min ${Math.min(...gantry).toFixed(0)}, max ${Math.max(...gantry).toFixed(0)})`);
    console.log(`podman run -d → first byte, p50   ${r.toFixed(0).padStart(6)} ms   (min ${Math.min(...raw).toFixed(0)}, max ${Math.max(...raw).toFixed(0)})`);
    console.log(`Ratio                              ${(g / r).toFixed(2).padStart(6)}      target ≤ 2.00  ${g / r <= 2 ? 'OK' : 'OVER'}`);
    for (const [name, values] of Object.entries(phases)) console.log(`  ${name.padEnd(32)} ${median(values).toFixed(0).padStart(6)} ms`);
    console.log(`Component listing (5,000), p50    ${listing.toFixed(0).padStart(6)} ms   target < 300 ms  ${listing < 300 ? 'OK' : 'OVER'}`);
    console.log(`Deploy page data (50,000 deps)    ${deployPage.toFixed(0).padStart(6)} ms   target < 300 ms  ${deployPage < 300 ? 'OK' : 'OVER'}`);
  } finally {
    await rec.stop();
    try {
      execFileSync('sh', ['-c', `podman ps -aq --filter label=gantry.test-run=${rec.run} | xargs -r podman rm -f -t 0`], { env: { ...process.env, CONTAINERS_CONF: containersConfPath() }, stdio: 'ignore' });
    } catch {
      /* nothing left */
    }
    await d.close();
    await world.registry.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
