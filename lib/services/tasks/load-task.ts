import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { dataPlane, deployment, environment } from '@/db/schema';
import { isScheduled, isTask } from '@/lib/component-types';
import { ServiceError } from '@/lib/errors';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import type { Permission } from '../roles';
import { parse } from '../validation';
import { taskPathOnly } from './schemas';

/** Authorises (before anything else is validated), then loads the component and checks it is a task. */
export async function loadTask(ctx: ServiceContext, input: unknown, permission: Permission, opts: { scheduled?: boolean } = {}) {
  const path = parse(taskPathOnly, input ?? {});
  const loaded = await loadComponent(ctx, path, permission);
  const type = loaded.component.type;
  if (!isTask(type)) throw ServiceError.invalid(`${loaded.component.name} is a ${type}, not a task: only scheduled and manual tasks run as executions.`);
  if (opts.scheduled && !isScheduled(type)) throw ServiceError.invalid(`${loaded.component.name} is a manual task: it has no schedule. Run it with Run Now.`);
  return { ...loaded, label: `${loaded.project.name}/${loaded.component.name}` };
}

/** The named environment of the organisation, with its data plane's driver. */
export async function taskEnvironment(db: Tx, organizationId: string, name: string) {
  const [row] = await db
    .select({ id: environment.id, name: environment.name, driver: dataPlane.driver })
    .from(environment)
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .where(and(eq(environment.organizationId, organizationId), eq(environment.name, name)));
  if (!row) throw ServiceError.notFound(`Environment "${name}"`);
  return row;
}

/** The first environment (promotion order) where the component has an active release. */
export async function firstActiveEnvironment(db: Tx, componentId: string) {
  const [row] = await db
    .select({ id: environment.id, name: environment.name, driver: dataPlane.driver })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(dataPlane, eq(dataPlane.id, environment.dataPlaneId))
    .where(and(eq(deployment.componentId, componentId), eq(deployment.status, 'active')))
    .orderBy(asc(environment.position))
    .limit(1);
  return row;
}
