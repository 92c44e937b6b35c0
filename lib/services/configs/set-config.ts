import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { componentConfig } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { audit, type ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { findEnvironment } from '../deployments/find-environment';
import { wake } from '@/lib/jobs/signal';
import { parse } from '../validation';
import { configSecretLabel } from './config-secret';
import { activeEnvironments, assertRedeployChoice, redeployActive } from './redeploy-active';
import { normaliseMountPath } from './mount-path';
import { setConfigInput } from './schemas';

/** Sets an environment variable or file mount; a secret value is encrypted and never shown again. */
export async function setConfig(ctx: ServiceContext, input: unknown) {
  const { org, project, component, body } = await loadComponent(ctx, input, 'components:manage');
  const parsed = parse(setConfigInput, body);
  // "//etc//app.conf" and "/etc/app.conf" are one file: store the folded form.
  const { redeploy, ...data } = parsed.kind === 'file' ? { ...parsed, key: normaliseMountPath(parsed.key) } : parsed;
  const env = data.environment ? await findEnvironment(ctx.db, org.id, data.environment) : undefined;
  const label = `${project.name}/${component.name}`;
  const result = await ctx.db.transaction(async (tx) => {
    const scope = and(eq(componentConfig.componentId, component.id), eq(componentConfig.kind, data.kind), eq(componentConfig.key, data.key), env ? eq(componentConfig.environmentId, env.id) : isNull(componentConfig.environmentId));
    const [existing] = await tx.select({ id: componentConfig.id }).from(componentConfig).where(scope);
    const id = existing?.id ?? randomUUID();
    const values = {
      value: data.secret ? null : data.value,
      secret: data.secret,
      valueCiphertext: data.secret ? keyRing().encrypt(data.value, configSecretLabel(id)) : null,
      updatedAt: new Date(),
    };
    if (existing) await tx.update(componentConfig).set(values).where(eq(componentConfig.id, id));
    else await tx.insert(componentConfig).values({ id, componentId: component.id, environmentId: env?.id ?? null, kind: data.kind, key: data.key, ...values });
    await audit(tx, ctx, org.id, { action: 'config.set', targetType: 'component', targetId: component.id, targetLabel: label, data: { kind: data.kind, key: data.key, secret: data.secret, environment: env?.name ?? 'all' } });
    const applies = await activeEnvironments(tx, component.id, env?.id);
    assertRedeployChoice(redeploy, applies);
    const redeployed = await redeployActive(tx, ctx, { organizationId: org.id, componentId: component.id, componentLabel: label, environmentId: env?.id }, redeploy);
    // Where it applies but was not redeployed, the running release keeps its old configuration until the next deployment.
    return { id, kind: data.kind, key: data.key, secret: data.secret, environment: env?.name ?? null, redeployed, pending: applies.filter((e) => !redeployed.includes(e)) };
  });
  if (result.redeployed.length) wake('deployment');
  return result;
}
