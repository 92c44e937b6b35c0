import { and, asc, eq } from 'drizzle-orm';
import { component, deployment, deploymentEvent, environment, project, release } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { z } from 'zod';
import type { ServiceContext } from '../context';
import { authorizeOrg, idPath } from '../paths';
import { deploymentColumns } from './list-deployments';
import { isUuid, parse } from '../validation';

/** One deployment with its status history and failure reason. */
export async function getDeployment(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'org:read');
  const { id } = parse(z.strictObject(idPath), body);
  return findDeploymentWithEvents(ctx, org.id, id);
}

export async function findDeploymentWithEvents(ctx: ServiceContext, organizationId: string, id: string) {
  if (!isUuid(id)) throw ServiceError.notFound('Deployment');
  const [row] = await ctx.db
    .select({ ...deploymentColumns, component: component.name, componentId: component.id, project: project.name, lastLogLines: deployment.lastLogLines })
    .from(deployment)
    .innerJoin(environment, eq(environment.id, deployment.environmentId))
    .innerJoin(release, eq(release.id, deployment.releaseId))
    .innerJoin(component, eq(component.id, deployment.componentId))
    .innerJoin(project, eq(project.id, component.projectId))
    .where(and(eq(deployment.id, id), eq(deployment.organizationId, organizationId)));
  if (!row) throw ServiceError.notFound('Deployment');
  const events = await ctx.db
    .select({ status: deploymentEvent.status, message: deploymentEvent.message, at: deploymentEvent.at })
    .from(deploymentEvent)
    .where(eq(deploymentEvent.deploymentId, id))
    .orderBy(asc(deploymentEvent.at), asc(deploymentEvent.id));
  return { ...row, events };
}
