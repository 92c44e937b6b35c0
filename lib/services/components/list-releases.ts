import { desc, eq } from 'drizzle-orm';
import { release } from '@/db/schema';
import type { ServiceContext } from '../context';
import { loadComponent } from './find-component';

/** "Previous Images": every release ever made for the component, newest first. */
export async function listReleases(ctx: ServiceContext, orgSlug: string, projectName: string, name: string) {
  const { component } = await loadComponent(ctx, orgSlug, projectName, name, 'org:read');
  return ctx.db.select().from(release).where(eq(release.componentId, component.id)).orderBy(desc(release.createdAt), desc(release.id)).limit(500);
}
