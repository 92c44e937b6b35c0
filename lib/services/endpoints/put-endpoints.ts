import type { ServiceContext } from '../context';
import { parse } from '../validation';
import { locateComponent } from './locate';
import { saveEndpoints } from './save-endpoints';
import { putEndpointsInput } from './schemas';

/** Replaces the endpoints.yaml; on any problem answers 422 with line and column, and saves nothing. */
export async function putEndpoints(ctx: ServiceContext, input: unknown) {
  const loc = await locateComponent(ctx, input, 'endpoints:manage');
  const data = parse(putEndpointsInput, input);
  return saveEndpoints(ctx, loc, data.yaml);
}
