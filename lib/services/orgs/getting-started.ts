import { and, asc, eq, exists } from 'drizzle-orm';
import { z } from 'zod';
import { component, containerRegistry, deployment, deploymentEvent, project } from '@/db/schema';
import type { ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { parse } from '../validation';

export type StepState = 'done' | 'next' | 'todo';

/**
 * The three first steps of an organisation — register a registry, create a component,
 * deploy it — and where each stands (input: `{ org }`). `done` is null until all three are.
 * A deploy counts once a release has run (become active), not merely been requested.
 */
export async function gettingStarted(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  parse(z.strictObject({ org: z.string().max(200) }), input);
  const [[registry], [first], [deployed]] = await Promise.all([
    ctx.db.select({ id: containerRegistry.id }).from(containerRegistry).where(eq(containerRegistry.organizationId, org.id)).limit(1),
    ctx.db
      .select({ project: project.name, component: component.name })
      .from(component)
      .innerJoin(project, eq(project.id, component.projectId))
      .where(eq(component.organizationId, org.id))
      .orderBy(asc(component.createdAt))
      .limit(1),
    ctx.db
      .select({ id: deployment.id })
      .from(deployment)
      .where(and(eq(deployment.organizationId, org.id), exists(ctx.db.select({ one: deploymentEvent.id }).from(deploymentEvent).where(and(eq(deploymentEvent.deploymentId, deployment.id), eq(deploymentEvent.status, 'active'))))))
      .limit(1),
  ]);
  const [firstProject] = first ? [] : await ctx.db.select({ name: project.name }).from(project).where(eq(project.organizationId, org.id)).orderBy(asc(project.createdAt)).limit(1);
  const done = [Boolean(registry), Boolean(first), Boolean(deployed)];
  const next = done.indexOf(false);
  const state = (i: number): StepState => (done[i] ? 'done' : i === next ? 'next' : 'todo');
  return {
    complete: next === -1,
    steps: [
      { key: 'registry' as const, state: state(0) },
      { key: 'component' as const, state: state(1), project: first?.project ?? firstProject?.name ?? null },
      { key: 'deploy' as const, state: state(2), component: first ? { project: first.project, name: first.component } : null },
    ],
  };
}
