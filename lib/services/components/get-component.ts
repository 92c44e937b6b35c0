import type { ServiceContext } from '../context';
import { noFields } from '../paths';
import { parse } from '../validation';
import { loadComponent } from './find-component';

export async function getComponent(ctx: ServiceContext, input: unknown) {
  const { component, body } = await loadComponent(ctx, input, 'org:read');
  parse(noFields, body);
  return component;
}
