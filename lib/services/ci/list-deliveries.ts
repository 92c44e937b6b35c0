import { desc, eq } from 'drizzle-orm';
import { ciToken, webhookDelivery } from '@/db/schema';
import type { ServiceContext } from '../context';
import { loadComponent } from '../components/find-component';
import { noFields } from '../paths';
import { parse } from '../validation';

/** Recent webhook deliveries, newest first: what each push did, or why it did not deploy. */
export async function listDeliveries(ctx: ServiceContext, input: unknown) {
  const { component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  return ctx.db
    .select({ id: webhookDelivery.id, at: webhookDelivery.createdAt, source: webhookDelivery.source, image: webhookDelivery.image, result: webhookDelivery.result, message: webhookDelivery.message, deploymentId: webhookDelivery.deploymentId, commit: webhookDelivery.commit, buildUrl: webhookDelivery.buildUrl, token: ciToken.name })
    .from(webhookDelivery)
    .leftJoin(ciToken, eq(ciToken.id, webhookDelivery.tokenId))
    .where(eq(webhookDelivery.componentId, component.id))
    .orderBy(desc(webhookDelivery.createdAt), desc(webhookDelivery.id))
    .limit(100);
}
