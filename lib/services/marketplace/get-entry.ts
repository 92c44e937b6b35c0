import { asc, eq, inArray } from 'drizzle-orm';
import { component, connection, environment, marketplaceCredential, project } from '@/db/schema';
import { ServiceError } from '@/lib/errors';
import { ENDPOINT_KEYS, endpointEntries, parseEndpointEntryName } from '@/lib/marketplace/endpoint-entries';
import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { storedVersions } from './find-entry';
import { authorizeOrg } from './locate';
import { entryRefInput } from './schemas';

/** A credential parameter as anyone may see it: a secret's value never leaves the server, only that it is set. */
export interface ParameterView {
  key: string;
  isSecret: boolean;
  value?: string;
  set: true;
}

/**
 * One entry with all its versions: description, properties, per-environment availability and
 * parameters (secret values only as "set"), the keys a connection provides (How to use) and
 * the connections using each version.
 */
export async function getMarketplaceEntry(ctx: ServiceContext, input: unknown) {
  const { org } = await authorizeOrg(ctx, input, 'org:read');
  const data = parse(entryRefInput, input);
  const envs = await ctx.db.select({ id: environment.id, name: environment.name }).from(environment).where(eq(environment.organizationId, org.id)).orderBy(asc(environment.position));

  const ep = parseEndpointEntryName(data.entry);
  if (ep) {
    const found = (await endpointEntries(ctx.db, org.id)).find((e) => e.name === data.entry);
    if (!found) throw ServiceError.notFound(`Marketplace entry "${data.entry}"`);
    return {
      name: found.name,
      source: 'endpoint' as const,
      keys: [...ENDPOINT_KEYS],
      versions: [
        {
          version: found.version,
          category: found.category,
          description: found.description,
          tags: found.tags,
          properties: { project: found.projectName, component: found.componentName, endpoint: found.endpointName },
          sourceRunId: null,
          revision: 1,
          updatedAt: null,
          updatedBy: null,
          keys: [...ENDPOINT_KEYS],
          environments: envs.map((e) => {
            const at = found.environments.find((x) => x.environmentId === e.id);
            return { environment: e.name, available: !!at, parameters: at ? [{ key: 'URL', isSecret: false, value: at.url, set: true as const }] : [] };
          }),
          usedBy: await usedBy(ctx, { endpointComponentId: found.componentId, endpointName: found.endpointName }),
        },
      ],
    };
  }

  const versions = await storedVersions(ctx.db, org.id, data.entry);
  const shown = data.version ? versions.filter((v) => v.version === data.version) : versions;
  if (!shown.length) throw ServiceError.notFound(`Marketplace entry "${data.entry}"${data.version ? ` version ${data.version}` : ''}`);
  const creds = await ctx.db
    // Never the ciphertext: this is a finder, not the data-plane path.
    .select({ entryId: marketplaceCredential.entryId, environmentId: marketplaceCredential.environmentId, key: marketplaceCredential.key, isSecret: marketplaceCredential.isSecret, value: marketplaceCredential.value })
    .from(marketplaceCredential)
    .where(inArray(marketplaceCredential.entryId, shown.map((v) => v.id)))
    .orderBy(asc(marketplaceCredential.key));
  const out = [];
  for (const v of shown) {
    const mine = creds.filter((c) => c.entryId === v.id);
    out.push({
      version: v.version,
      category: v.category,
      description: v.description,
      tags: v.tags,
      properties: v.properties,
      source: v.source,
      sourceRunId: v.sourceRunId,
      revision: v.revision,
      updatedAt: v.updatedAt.toISOString(),
      updatedBy: v.updatedByLabel,
      keys: [...new Set(mine.map((c) => c.key))],
      environments: envs.map((e) => {
        const params = mine.filter((c) => c.environmentId === e.id).map((c): ParameterView => (c.isSecret ? { key: c.key, isSecret: true, set: true } : { key: c.key, isSecret: false, value: c.value ?? '', set: true }));
        return { environment: e.name, available: params.length > 0, parameters: params };
      }),
      usedBy: await usedBy(ctx, { entryId: v.id }),
    });
  }
  return { name: data.entry, source: shown[0].source, keys: out[0].keys, versions: out };
}

async function usedBy(ctx: ServiceContext, by: { entryId: string } | { endpointComponentId: string; endpointName: string }) {
  const rows = await ctx.db
    .select({ name: connection.name, project: project.name, component: component.name, endpointName: connection.endpointName })
    .from(connection)
    .innerJoin(project, eq(project.id, connection.projectId))
    .leftJoin(component, eq(component.id, connection.componentId))
    .where('entryId' in by ? eq(connection.entryId, by.entryId) : eq(connection.endpointComponentId, by.endpointComponentId));
  return rows.filter((r) => 'entryId' in by || r.endpointName === by.endpointName).map((r) => ({ project: r.project, component: r.component, connection: r.name }));
}
