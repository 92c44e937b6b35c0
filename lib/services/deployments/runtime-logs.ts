import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { dataPlane, deployment } from '@/db/schema';
import { driverForPlane } from '@/lib/dataplane/runtime';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { parse } from '../validation';
import { findEnvironment } from './find-environment';

const logsInput = z.strictObject({
  environment: z.string({ message: 'Environment is required.' }).min(1, 'Environment is required.').max(100),
  tail: z.coerce.number().int().min(1).max(5000).default(200),
  follow: z.boolean().default(false),
  q: z.string().max(200).optional(),
});

/** Runtime logs of what runs in an environment (the active release), optionally followed. */
export async function runtimeLogs(ctx: ServiceContext, input: unknown, signal?: AbortSignal) {
  const { org, project, component, body } = await loadComponent(ctx, input, 'org:read');
  const { environment: envName, ...opts } = parse(logsInput, body);
  const env = await findEnvironment(ctx.db, org.id, envName).catch(() => {
    throw ServiceError.notFound(`Environment "${envName}"`);
  });
  const [active] = await ctx.db.select({ id: deployment.id }).from(deployment).where(and(eq(deployment.componentId, component.id), eq(deployment.environmentId, env.id), eq(deployment.status, 'active')));
  if (!active) throw ServiceError.conflict(`Nothing is running in ${env.name} yet.`);
  const [plane] = await ctx.db.select().from(dataPlane).where(eq(dataPlane.id, env.dataPlaneId));
  const driver = await driverForPlane(plane);
  const lines = driver.logs({ org: org.slug, project: project.name, component: component.name, environment: env.name }, { tail: opts.tail, follow: opts.follow, signal });
  const q = opts.q?.toLowerCase();
  return (async function* () {
    for await (const line of lines) if (!q || line.toLowerCase().includes(q)) yield line;
  })();
}
