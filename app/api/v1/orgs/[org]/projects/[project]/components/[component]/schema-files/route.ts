import { api } from '@/lib/http/api';
import { readJson } from '@/lib/http/body';
import { withParams } from '@/lib/http/with-params';
import { listSchemaFiles } from '@/lib/services/endpoints/list-schema-files';
import { uploadSchemaFile } from '@/lib/services/endpoints/upload-schema-file';

type P = { org: string; project: string; component: string };
/** Room for a schema file at its limit (1 MiB) even when JSON escaping grows it, so the verb can say the limit. */
const uploadBodyBytes = 6 * 1024 * 1024;

export const GET = api<P>(async ({ ctx, params }) => ({ items: await listSchemaFiles(ctx, params) }));
export const POST = api<P>(async ({ ctx, params, req }) => ({ status: 201, body: await uploadSchemaFile(ctx, withParams(params, await readJson(req, uploadBodyBytes))) }));
