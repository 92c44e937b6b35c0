import type { Db } from '@/db/client';
import { publishResource, type PublishResource } from './spec';

/**
 * What the publish step (gantry/marketplace-publish@v1) does with its resource. The engine
 * resolves the resource's references (variables, parameters, earlier outputs and secrets —
 * by the control plane, never in a container or a log) and calls the hook. The default
 * records it on the step's outputs with secret values masked; the marketplace replaces it
 * with its publish verb (setPublishHook at boot).
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

export const defaultPublishHook: PublishHook = async (_ctx, { resource }) => ({
  resource: {
    ...resource,
    connectionCredentials: resource.connectionCredentials.map((c) => ({
      ...c,
      parameters: c.parameters.map((p) => (p.isSecret ? { ...p, value: '***' } : p)),
    })),
  },
});

let hook: PublishHook = defaultPublishHook;

export function setPublishHook(h: PublishHook | undefined) {
  hook = h ?? defaultPublishHook;
}

export function publishResourceHook(ctx: PublishContext, input: PublishInput): Promise<PublishResult> {
  return hook(ctx, input);
}

export { publishResource };
