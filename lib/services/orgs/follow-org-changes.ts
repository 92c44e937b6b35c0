import { and, count, eq, gt, max, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { component, deployment, environment, project, promotionRequest } from '@/db/schema';
import { nextAnyDeploymentChange } from '@/lib/events/deployment-changes';
import { authorize, type ServiceContext } from '../context';
import { parse } from '../validation';

/**
 * The organisation's change feed: what the console needs to refetch, as it happens.
 *
 * A deployment's row is the truth, so the feed reads the database rather than trusting
 * in-process notices: the job engine may run in another process (Postgres with several
 * consoles). The in-process notice only makes it look sooner; otherwise it looks every
 * `pollMs`. Each look is two small indexed queries per open console.
 */
export const followOrgChangesInput = z.strictObject({
  org: z.string().max(63),
  /** The last cursor the client saw (`Last-Event-ID`): milliseconds since the epoch. Changes after it are sent first. */
  since: z.coerce.number().finite().min(0).max(8.64e15).optional(),
});

export interface DeploymentChange {
  id: string;
  project: string;
  component: string;
  environment: string;
  status: string;
  observedStatus: string | null;
}

export type OrgChange = { kind: 'deployments'; cursor: number; changes: DeploymentChange[] } | { kind: 'components' };

/**
 * A row committed late may carry an `updated_at` a little older than a newer row already seen
 * (the engine stamps the time before its commit): each look reaches back this far and skips
 * what it has already sent.
 */
const LOOKBACK_MS = 10_000;

export async function followOrgChanges(ctx: ServiceContext, input: unknown, signal: AbortSignal, opts: { pollMs?: number } = {}): Promise<AsyncIterable<OrgChange>> {
  const slug = (input as { org?: unknown } | null)?.org;
  const { org } = await authorize(ctx, typeof slug === 'string' ? slug : '', 'org:read');
  const data = parse(followOrgChangesInput, input);
  const db = ctx.db;
  const pollMs = opts.pollMs ?? 2000;
  // Milliseconds since the epoch, as the database counts them (fractions keep its microseconds).
  let cursor = data.since ?? Date.now();
  const sent = new Map<string, number>(); // deployment id → the change time last sent

  async function deploymentChanges() {
    const at = sql<string>`greatest(${deployment.updatedAt}, coalesce(${deployment.observedAt}, ${deployment.updatedAt}))`;
    const from = sql`to_timestamp(${(cursor - LOOKBACK_MS) / 1000}::float8)`;
    const rows = await db
      .select({ id: deployment.id, status: deployment.status, observedStatus: deployment.observedStatus, project: project.name, component: component.name, environment: environment.name, at: sql<number>`(extract(epoch from ${at}) * 1000)::float8`.mapWith(Number) })
      .from(deployment)
      .innerJoin(component, eq(component.id, deployment.componentId))
      .innerJoin(project, eq(project.id, component.projectId))
      .innerJoin(environment, eq(environment.id, deployment.environmentId))
      .where(and(eq(deployment.organizationId, org.id), or(gt(deployment.updatedAt, from), gt(deployment.observedAt, from))))
      .orderBy(at)
      .limit(500);
    const fresh = rows.filter((r) => sent.get(r.id) !== r.at);
    for (const r of fresh) sent.set(r.id, r.at);
    if (rows.length) cursor = Math.max(cursor, rows[rows.length - 1].at);
    // What is older than the look-back can no longer come back: forget it.
    for (const [id, t] of sent) if (t < cursor - 2 * LOOKBACK_MS) sent.delete(id);
    return fresh.map(({ at: _at, ...c }) => c);
  }

  // Creating, renaming or deleting a component or project changes these (listings, the overview);
  // so does a promotion asked for approval or decided (the Deploy page's Approve / Reject, Settings › Promotions).
  async function componentsSignature() {
    const [c] = await db.select({ n: count(), at: max(component.updatedAt) }).from(component).where(eq(component.organizationId, org.id));
    const [p] = await db.select({ n: count(), at: max(project.updatedAt) }).from(project).where(eq(project.organizationId, org.id));
    const [r] = await db
      .select({ n: count(), at: sql<string | null>`max(coalesce(${promotionRequest.decidedAt}, ${promotionRequest.createdAt}))::text` })
      .from(promotionRequest)
      .where(eq(promotionRequest.organizationId, org.id));
    return `${c.n}:${c.at?.toISOString()}:${p.n}:${p.at?.toISOString()}:${r.n}:${r.at}`;
  }

  // Taken now, not at the first read: a change between connecting and reading is a change.
  let signature = await componentsSignature();
  async function* changes(): AsyncIterable<OrgChange> {
    while (!signal.aborted) {
      // Listen before looking: a notice that comes while the queries run (or while a change is
      // being yielded) still ends the wait below, instead of being lost until the next poll.
      const woken = nextAnyDeploymentChange(pollMs, signal);
      const found = await deploymentChanges();
      if (found.length) yield { kind: 'deployments', cursor, changes: found };
      const now = await componentsSignature();
      if (now !== signature) {
        signature = now;
        yield { kind: 'components' };
      }
      await woken;
    }
  }
  return changes();
}
