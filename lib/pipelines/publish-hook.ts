import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organization } from '@/db/schema';
import { publishMarketplaceEntry } from '@/lib/services/marketplace/publish-entry';
import { publishResource, type PublishResource } from './spec';

/**
 * What the publish step (gantry/marketplace-publish@v1) does with its resource. The engine
 * resolves the resource's references (variables, parameters, earlier outputs and secrets —
 * by the control plane, never in a container or a log) and calls the hook. The default
 * publishes it to the organisation's marketplace through the marketplace's own verb (as
 * the system, on behalf of who started the run); tests may swap it with setPublishHook.
 */
export interface PublishContext {
  db: Db;
  orgId: string;
  runId: string;
  /** For an audit entry: who started the run. */
  actorLabel: string;
}

export interface PublishInput {
  orgId: string;
  runId: string;
  /** Resolved, secrets included: handle only through encrypted storage. */
  resource: PublishResource;
}

/** What the step records as its outputs (must hold no secret values). */
export type PublishResult = Record<string, unknown>;
export type PublishHook = (ctx: PublishContext, input: PublishInput) => Promise<PublishResult>;

/** Records the resource on the step's outputs, secret values masked (no marketplace involved). */
export const recordOnlyPublishHook: PublishHook = async (_ctx, { resource }) => ({
  resource: {
    ...resource,
    connectionCredentials: resource.connectionCredentials.map((c) => ({
      ...c,
      parameters: c.parameters.map((p) => (p.isSecret ? { ...p, value: '***' } : p)),
    })),
  },
});

/** Publishes to the marketplace; the step's outputs name the entry (never a credential value). */
export const defaultPublishHook: PublishHook = async (ctx, { orgId, runId, resource }) => {
  const [org] = await ctx.db.select({ slug: organization.slug }).from(organization).where(eq(organization.id, orgId));
  const saved = await publishMarketplaceEntry({ db: ctx.db, actor: { type: 'system', label: `pipeline run (${ctx.actorLabel})` } }, { org: org.slug, runId, resource });
  return { entry: saved.name, version: saved.version, revision: saved.revision, category: saved.category };
};

let hook: PublishHook = defaultPublishHook;

export function setPublishHook(h: PublishHook | undefined) {
  hook = h ?? defaultPublishHook;
}

export function publishResourceHook(ctx: PublishContext, input: PublishInput): Promise<PublishResult> {
  return hook(ctx, input);
}

export { publishResource };
