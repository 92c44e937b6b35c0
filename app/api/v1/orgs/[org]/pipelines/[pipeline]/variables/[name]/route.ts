import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { deleteVariable, setVariable } from '@/lib/services/pipelines/inputs';

type P = { org: string; pipeline: string; name: string };
/** `{ value }`. */
export const PUT = api<P>(async ({ ctx, params, body }) => setVariable(ctx, withPath(await body(), params)));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteVariable(ctx, params);
  return { status: 204, body: null };
});
