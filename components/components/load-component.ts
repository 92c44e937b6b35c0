import { cache } from 'react';
import { loadProject, orNotFound } from '@/lib/console/guard';
import { getComponent } from '@/lib/services/components/get-component';

/** The component in the URL, with its project, organization and the caller's role; 404 when not visible. */
export const loadComponentPage = cache(async (orgSlug: string, projectName: string, componentName: string) => {
  const loaded = await loadProject(orgSlug, projectName);
  const component = await orNotFound(getComponent(loaded.ctx, { org: orgSlug, project: projectName, component: componentName }));
  return { ...loaded, component };
});
