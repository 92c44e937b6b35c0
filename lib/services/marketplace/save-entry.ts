import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { environment, marketplaceCredential, marketplaceEntry } from '@/db/schema';
import { keyRing } from '@/lib/crypto';
import { ServiceError } from '@/lib/errors';
import { credentialSecretLabel } from '@/lib/marketplace/credential-label';
import type { MarketplaceResource } from '@/lib/marketplace/resource';
import { actorLabel, audit, type OrgRef, type ServiceContext } from '../context';
import { isUniqueViolation } from '../validation';

export interface SaveSource {
  source: 'manual' | 'pipeline';
  runId?: string;
}

/**
 * Creates the (name, version) entry, or replaces what an existing one says (its revision goes
 * up, so consumers show "redeploy to apply"). Credentials are replaced as a whole; secrets are
 * encrypted under the key ring. One transaction with its audit entry, which names keys only.
 */
export async function saveEntry(ctx: ServiceContext, org: OrgRef, r: MarketplaceResource, from: SaveSource) {
  const envNames = [...new Set(r.connectionCredentials.flatMap((c) => c.environments))];
  const envs = envNames.length
    ? await ctx.db.select({ id: environment.id, name: environment.name }).from(environment).where(and(eq(environment.organizationId, org.id), inArray(environment.name, envNames)))
    : [];
  const unknown = envNames.filter((n) => !envs.some((e) => e.name === n));
  if (unknown.length) throw ServiceError.invalid(`There is no environment ${unknown.map((n) => `"${n}"`).join(', ')} in this organisation.`, { connectionCredentials: `Unknown environment: ${unknown.join(', ')}.` });
  const envId = new Map(envs.map((e) => [e.name, e.id]));
  try {
    const saved = await ctx.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: marketplaceEntry.id, revision: marketplaceEntry.revision })
        .from(marketplaceEntry)
        .where(and(eq(marketplaceEntry.organizationId, org.id), eq(marketplaceEntry.name, r.name), eq(marketplaceEntry.version, r.version)))
        .for('update');
      const fields = {
        category: r.category,
        description: r.description,
        tags: r.tags,
        properties: r.properties,
        source: from.source,
        sourceRunId: from.runId ?? null,
        updatedByLabel: actorLabel(ctx.actor),
        updatedAt: new Date(),
      };
      let id: string;
      if (existing) {
        id = existing.id;
        await tx.update(marketplaceEntry).set({ ...fields, revision: sql`${marketplaceEntry.revision} + 1` }).where(eq(marketplaceEntry.id, id));
        await tx.delete(marketplaceCredential).where(eq(marketplaceCredential.entryId, id));
      } else {
        id = randomUUID();
        await tx.insert(marketplaceEntry).values({ id, organizationId: org.id, name: r.name, version: r.version, ...fields });
      }
      const rows = r.connectionCredentials.flatMap((set) =>
        set.environments.flatMap((envName) =>
          set.parameters.map((p) => {
            const credId = randomUUID();
            return {
              id: credId,
              entryId: id,
              environmentId: envId.get(envName)!,
              key: p.key,
              isSecret: p.isSecret,
              value: p.isSecret ? null : p.value,
              valueCiphertext: p.isSecret ? keyRing().encrypt(p.value, credentialSecretLabel(credId)) : null,
            };
          }),
        ),
      );
      if (rows.length) await tx.insert(marketplaceCredential).values(rows);
      const revision = existing ? existing.revision + 1 : 1;
      await audit(tx, ctx, org.id, {
        action: from.source === 'pipeline' ? 'marketplace.publish' : 'marketplace.register',
        targetType: 'marketplace-entry',
        targetId: id,
        targetLabel: `${r.name}@${r.version}`,
        data: {
          category: r.category,
          revision,
          ...(from.runId ? { runId: from.runId } : {}),
          credentials: r.connectionCredentials.map((c) => ({ environments: c.environments, keys: c.parameters.map((p) => ({ key: p.key, isSecret: p.isSecret })) })),
        },
      });
      return { id, revision };
    });
    return { id: saved.id, name: r.name, version: r.version, category: r.category, revision: saved.revision, created: saved.revision === 1 };
  } catch (e) {
    // Two first publishes of one (name, version) at once: the loser is told to repeat it.
    if (isUniqueViolation(e)) throw ServiceError.conflict(`"${r.name}" version ${r.version} was published at the same moment; publish again to update it.`);
    throw e;
  }
}
