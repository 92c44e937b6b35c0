import { api } from '@/lib/http/api';
import { deleteSchemaFile } from '@/lib/services/endpoints/delete-schema-file';
import { getSchemaFile } from '@/lib/services/endpoints/get-schema-file';

type P = { org: string; project: string; component: string; name: string };
export const GET = api<P>(async ({ ctx, params }) => getSchemaFile(ctx, params));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteSchemaFile(ctx, params);
  return { status: 204, body: null };
});
