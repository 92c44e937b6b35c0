import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { containerRegistry } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { registryWarnings } from '@/lib/registries/host';
import { audit, type ServiceContext } from '../context';
import { authorizeOrg, idPath } from '../paths';
import { isUniqueViolation, parse } from '../validation';
import { findRegistry, publicColumns } from './find-registry';
import { registryUsage } from './registry-usage';
import { registryInput, updateRegistryInput } from './schemas';
import { registryColumns } from './secret';

// A value no request can carry (unguessable, fixed per process) marks "keep the stored secret".
const keep = `keep-${randomUUID()}`;

/**
 * A stored secret is bound to where it was meant to be sent. Pointing a registry somewhere
 * else (host, or http/https through the insecure flag) and pressing Test would otherwise
 * hand the stored password to whoever listens there, so a move needs the secret retyped.
 */
function requireCredentialsOnMove(
  current: { host: string; insecure: boolean; authType: string },
  data: { authType: string; host?: string; insecure?: boolean },
  patch: { password?: string; dockerConfig?: string },
) {
  if (data.authType !== current.authType) return; // a new type brings its own secret (or none)
  const kept = data.authType === 'basic' ? patch.password === undefined : data.authType === 'docker-config' ? patch.dockerConfig === undefined : false;
  if (!kept) return;
  const moved = (data.authType === 'basic' && data.host !== current.host) || !!data.insecure !== current.insecure;
  if (!moved) return;
  const field = data.authType === 'basic' ? 'password' : 'dockerConfig';
  throw ServiceError.invalid(
    `Re-enter the ${data.authType === 'basic' ? 'password or token' : 'Docker config'}: stored credentials are only sent to the host and scheme they were saved for.`,
    { [field]: 'Required when the host or the plain-HTTP setting changes.' },
  );
}

/**
 * Changes a registry. Fields left out keep their value, so credentials can be rotated
 * without retyping the rest, and the name changed without retyping the password.
 */
export async function updateRegistry(ctx: ServiceContext, input: unknown) {
  const { org, body } = await authorizeOrg(ctx, input, 'registries:manage');
  const { id, ...patch } = parse(updateRegistryInput.extend(idPath), body);
  const current = await findRegistry(ctx.db, org.id, id);
  const authType = patch.authType ?? current.authType;
  const sameType = authType === current.authType;
  const merged: Record<string, unknown> = { authType, displayName: patch.displayName ?? current.displayName };
  if (authType !== 'docker-config') merged.host = patch.host ?? current.host;
  if (authType !== 'vendor') merged.insecure = patch.insecure ?? current.insecure;
  if (authType === 'basic') {
    merged.username = patch.username ?? current.username ?? undefined;
    merged.password = patch.password ?? (sameType ? keep : undefined);
  }
  if (authType === 'docker-config') merged.dockerConfig = patch.dockerConfig ?? (sameType ? keep : undefined);
  const data = parse(registryInput, merged);
  requireCredentialsOnMove(current, data, patch);

  const keepSecret = (data.authType === 'basic' && data.password === keep) || (data.authType === 'docker-config' && data.dockerConfig === keep);
  const columns = keepSecret
    ? data.authType === 'basic'
      ? { host: data.host, username: data.username }
      : {}
    : registryColumns(id, data);
  const newHost = 'host' in columns && columns.host ? columns.host : current.host;
  if (newHost !== current.host) {
    const used = (await registryUsage(ctx.db, [id])).get(id) ?? [];
    if (used.length) throw ServiceError.conflict(`The host cannot change while components pull from this registry: ${used.join(', ')}.`, { fields: { host: 'In use.' } });
  }
  const changed = Object.keys(patch).filter((k) => k !== 'password' && k !== 'dockerConfig');
  const rotated = patch.password !== undefined || patch.dockerConfig !== undefined;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(containerRegistry)
        .set({ displayName: data.displayName, authType: data.authType, insecure: 'insecure' in data ? !!data.insecure : false, ...columns, ...(rotated || !sameType ? { lastTestStatus: null, lastTestMessage: null, lastTestedAt: null } : {}), updatedAt: new Date() })
        .where(and(eq(containerRegistry.id, id), eq(containerRegistry.organizationId, org.id)))
        .returning(publicColumns);
      await audit(tx, ctx, org.id, { action: 'registry.update', targetType: 'registry', targetId: id, targetLabel: row.displayName, data: { changed, credentialsRotated: rotated } });
      return { ...row, warnings: registryWarnings(row.host, row.authType) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw ServiceError.conflict(`A registry named "${data.displayName}" already exists.`, { fields: { displayName: 'This name is taken.' } });
    throw e;
  }
}
