import { api } from '@/lib/http/api';
import { renderArgo } from '@/lib/services/pipelines/render-argo';

type P = { org: string; pipeline: string };
/** `{ yaml, secretKeys }`: the Argo Workflow (and its prerequisites) the current version compiles to; secret values redacted. */
export const GET = api<P>(async ({ ctx, params }) => renderArgo(ctx, params));
