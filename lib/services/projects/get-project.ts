import type { ServiceContext } from '../context';
import { noFields } from '../paths';
import { parse } from '../validation';
import { loadProject } from './find-project';

export async function getProject(ctx: ServiceContext, input: unknown) {
  const { project, body } = await loadProject(ctx, input, 'org:read');
  parse(noFields, body);
  return project;
}
