import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { dataPlane } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { planeSecretLabel } from '@/lib/dataplane/drivers';
import { checkKubeconfig } from '@/lib/dataplane/kubernetes/kubeconfig';
import { DEFAULT_NAMESPACE_PREFIX, checkNamespacePrefix } from '@/lib/dataplane/kubernetes/names';
import { probeCluster } from '@/lib/dataplane/kubernetes/probe';
import { ServiceError } from '@/lib/errors';
import { egressPolicy } from '@/lib/net/egress';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg } from '../paths';
import { isUniqueViolation, parse } from '../validation';
import { attachDataPlaneInput } from './schemas';

/**
 * Attaches a Kubernetes cluster (input: `{ org, name, kind: "kubernetes", kubeconfig, namespacePrefix? }`).
 * The kubeconfig must name one usable context with inline credentials only (no exec or
 * auth-provider plugins, no local files, no proxy); its server is reached through the egress
 * policy, and only a cluster that answers is stored — sealed with the key ring, never returned.
 * Credentials that may not create everything a rollout needs are stored with that said.
 */
export async function attachDataPlane(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'data-planes:manage');
  const data = parse(attachDataPlaneInput, input);
  const { server, context } = checkKubeconfig(data.kubeconfig);
  const namespacePrefix = checkNamespacePrefix(data.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX);
  const [taken] = await ctx.db.select({ id: dataPlane.id }).from(dataPlane).where(and(eq(dataPlane.organizationId, org.id), eq(dataPlane.name, data.name)));
  if (taken) throw nameTaken(data.name);

  const probe = await probeCluster(data.kubeconfig, { egress: egressPolicy() });
  // No field: the sentence (which server, why) is the whole answer and is shown as it is.
  if (!probe.reachable) throw ServiceError.unavailable(`${probe.message} Nothing was saved.`);

  const id = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(dataPlane)
      .values({
        id,
        organizationId: org.id,
        name: data.name,
        driver: 'kubernetes',
        settings: { server, context, namespacePrefix },
        secretCiphertext: keyRing().encrypt(data.kubeconfig, planeSecretLabel(id)),
        healthOk: probe.ok,
        healthMessage: probe.message,
        healthCheckedAt: new Date(),
        healthDetails: { version: probe.version, permissions: probe.permissions },
      })
      .returning({ id: dataPlane.id, name: dataPlane.name, driver: dataPlane.driver, settings: dataPlane.settings, createdAt: dataPlane.createdAt })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? nameTaken(data.name) : e;
      });
    await audit(tx, ctx, org.id, { action: 'data-plane.attach', targetType: 'data-plane', targetId: id, targetLabel: data.name, data: { driver: 'kubernetes', server, context, version: probe.version, ok: probe.ok } });
    return { ...row, environments: [] as string[], health: { ok: probe.ok, message: probe.message, version: probe.version, permissions: probe.permissions } };
  });
}

function nameTaken(name: string) {
  return new ServiceError('conflict', `There is already a data plane "${name}". Choose another name.`, { fields: { name: 'This name is taken.' } });
}
