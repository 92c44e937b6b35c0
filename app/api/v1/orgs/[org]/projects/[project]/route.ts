import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { deleteProject } from '@/lib/services/projects/delete-project';
import { getProject } from '@/lib/services/projects/get-project';
import { updateProject } from '@/lib/services/projects/update-project';

type P = { org: string; project: string };
export const GET = api<P>(async ({ ctx, params }) => getProject(ctx, { org: params.org, project: params.project }));
export const PATCH = api<P>(async ({ ctx, params, body }) => updateProject(ctx, withPath(await body(), { org: params.org, project: params.project })));
export const DELETE = api<P>(async ({ ctx, params }) => {
  await deleteProject(ctx, { org: params.org, project: params.project });
  return { status: 204, body: null };
});
