import { api } from '@/lib/http/api';
import { revokeApiKey } from '@/lib/services/api-keys/revoke-api-key';

type P = { org: string; id: string };
export const DELETE = api<P>(async ({ ctx, params }) => {
  await revokeApiKey(ctx, { org: params.org, id: params.id });
  return { status: 204, body: null };
});
