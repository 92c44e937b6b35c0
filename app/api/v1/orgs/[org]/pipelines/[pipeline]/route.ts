import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { deletePipeline } from '@/lib/services/pipelines/delete-pipeline';
import { getPipeline } from '@/lib/services/pipelines/get-pipeline';
import { updatePipeline } from '@/lib/services/pipelines/update-pipeline';

type P = { org: string; pipeline: string };
export const GET = api<P>(async ({ ctx, params }) => getPipeline(ctx, params));
/** `{ yaml?, displayName?, description? }`: new YAML saves Version + 1. */
export const PATCH = api<P>(async ({ ctx, params, body }) => updatePipeline(ctx, withPath(await body(), params)));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deletePipeline(ctx, params);
  return { status: 204, body: null };
});
