/**
 * Attach and Test connection against a real cluster, only when GANTRY_TEST_KUBECONFIG names a
 * kubeconfig file with inline credentials (kind and k3d write such files). Excluded from the
 * default run by vitest.config.ts (*.live.test.ts) unless the variable is set.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { testDatabase } from '@/db/testing';
import { dataPlane } from '@/db/schema';
import { useTestApp } from '@/lib/api/testing';
import { orgWithMembers } from '../testing/fixtures';
import { attachDataPlane } from './attach-data-plane';
import { detachDataPlane } from './detach-data-plane';
import { testDataPlane } from './test-data-plane';

const kubeconfigPath = process.env.GANTRY_TEST_KUBECONFIG;

describe.runIf(kubeconfigPath)('a Kubernetes data plane against a live cluster', () => {
  let d: Database;
  let fx: Awaited<ReturnType<typeof orgWithMembers>>;
  beforeAll(async () => {
    d = await testDatabase();
    useTestApp(d);
    fx = await orgWithMembers(d.db, 'live');
  });
  afterAll(() => d?.close());

  it('attaches, reports the server version and what the credentials may do, and detaches', async () => {
    const kubeconfig = readFileSync(kubeconfigPath!, 'utf8');
    const attached = await attachDataPlane(fx.users['platform-engineer'], { org: 'live', name: 'live', kind: 'kubernetes', kubeconfig });
    expect(attached.health.version).toMatch(/^v\d+\.\d+/);
    expect(attached.health.permissions?.map((p) => p.resource)).toEqual(['namespaces', 'deployments', 'secrets', 'networkpolicies', 'cronjobs']);
    const tested = await testDataPlane(fx.users['platform-engineer'], { org: 'live', name: 'live' });
    expect(tested.message).toContain(attached.health.version!);
    const [row] = await d.db.select().from(dataPlane).where(eq(dataPlane.id, attached.id));
    expect(row.secretCiphertext).not.toContain(kubeconfig.slice(0, 40));
    await detachDataPlane(fx.users['platform-engineer'], { org: 'live', name: 'live' });
  });
});
