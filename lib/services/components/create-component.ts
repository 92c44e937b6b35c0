import { isLongRunning } from '@/lib/component-types';
import { component } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { audit, type ServiceContext } from '../context';
import { findEnvironment } from '../deployments/find-environment';
import { makeRelease } from '../deployments/make-release';
import { queueDeployment, triggerOf } from '../deployments/queue-deployment';
import { wakeReconciler } from '../deployments/wake';
import { can } from '../roles';
import { loadProject } from '../projects/find-project';
import { registryWithCredentials } from '../registries/registry-credentials';
import { isUniqueViolation, parse } from '../validation';
import { resolveImage, repositoryOf } from './resolve-image';
import { createComponentInput } from './schemas';

/**
 * Creates a component from a full image URL. The image is resolved against the chosen
 * registry first (tag → digest), so a missing image or no pull access is an error
 * here and nothing is written. The first release is recorded; with `deploy: true` ("Create
 * and deploy") it is also queued to the first environment, all or nothing.
 */
export async function createComponent(ctx: ServiceContext, input: unknown) {
  const { org, role, project: proj, body } = await loadProject(ctx, input, 'components:manage');
  const { deploy, ...data } = parse(createComponentInput, body);
  if (deploy && !can(role, 'deployments:manage')) throw ServiceError.forbidden('Your role may create components but not deploy them: create it without deploying.');
  const firstEnv = deploy ? await findEnvironment(ctx.db, org.id) : undefined;
  const registry = await registryWithCredentials(ctx.db, org.id, data.registryId).catch((e) => {
    if (e instanceof ServiceError && e.code === 'not_found') throw ServiceError.invalid('Choose one of this organization\'s container registries.', { registryId: 'Unknown registry.' });
    throw e;
  });
  const resolved = await resolveImage(registry, data.image, { withConfig: true });
  const isServer = isLongRunning(data.type);
  let ports = data.ports?.map((p, i) => ({ name: p.name ?? `port-${i + 1}`, port: p.port, protocol: p.protocol }));
  if (isServer && !ports?.length) {
    ports = resolved.exposedPorts.map((p, i) => ({ name: `port-${i + 1}`, port: p.port, protocol: p.protocol.toUpperCase() as 'TCP' | 'UDP' }));
    if (!ports.length) throw ServiceError.invalid('The image declares no port (EXPOSE). Enter the port the container listens on.', { ports: 'Enter the container port.' });
  }
  try {
    const created = await ctx.db.transaction(async (tx) => {
      const [comp] = await tx
        .insert(component)
        .values({
          organizationId: org.id,
          projectId: proj.id,
          name: data.name,
          displayName: data.displayName,
          description: data.description,
          type: data.type,
          registryId: registry.id,
          repository: repositoryOf(resolved.ref),
          ports: ports ?? [],
          healthPath: data.healthPath ?? null,
          schedule: data.schedule ?? null,
        })
        .returning();
      const rel = await makeRelease(tx, ctx, comp, resolved.ref, resolved.digest);
      const label = `${proj.name}/${comp.name}`;
      await audit(tx, ctx, org.id, { action: 'component.create', targetType: 'component', targetId: comp.id, targetLabel: label, data: { type: comp.type, image: rel.image, digest: rel.digest } });
      const dep = firstEnv
        ? await queueDeployment(tx, ctx, { organizationId: org.id, componentId: comp.id, componentLabel: label, environmentId: firstEnv.id, environmentName: firstEnv.name, releaseId: rel.id, image: rel.image, digest: rel.digest, trigger: triggerOf(ctx.actor) })
        : undefined;
      return { ...comp, release: rel, deployment: dep ? { id: dep.id, status: dep.status, environment: firstEnv!.name } : null };
    });
    if (created.deployment) wakeReconciler();
    return created;
  } catch (e) {
    if (isUniqueViolation(e)) throw ServiceError.conflict(`A component named "${data.name}" already exists in this project.`, { fields: { name: 'This name is taken.' } });
    throw e;
  }
}
