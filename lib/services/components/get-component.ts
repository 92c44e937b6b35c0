import type { ServiceContext } from '../context';
import { loadComponent } from './find-component';

export async function getComponent(ctx: ServiceContext, orgSlug: string, projectName: string, name: string) {
  return (await loadComponent(ctx, orgSlug, projectName, name, 'org:read')).component;
}
