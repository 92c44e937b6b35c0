import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { createPipeline } from '@/lib/services/pipelines/create-pipeline';
import { listPipelines } from '@/lib/services/pipelines/get-pipeline';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params }) => ({ items: await listPipelines(ctx, params) }));
/** `{ name, displayName?, description?, source: { kind: "inline", yaml } }` → 201; YAML errors → 422 with `details.errors[{ message, line, column, path }]`. */
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createPipeline(ctx, withPath(await body(), params)) }));
