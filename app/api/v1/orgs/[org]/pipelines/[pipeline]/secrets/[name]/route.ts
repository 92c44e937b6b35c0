import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { deleteSecret, setSecret } from '@/lib/services/pipelines/inputs';

type P = { org: string; pipeline: string; name: string };
/** `{ value }`; the value is write-only (only the name comes back). */
export const PUT = api<P>(async ({ ctx, params, body }) => setSecret(ctx, withPath(await body(), params)));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteSecret(ctx, params);
  return { status: 204, body: null };
});
