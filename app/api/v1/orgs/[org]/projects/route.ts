import { withPath } from '@/lib/http/with-path';
import { api } from '@/lib/http/api';
import { createProject } from '@/lib/services/projects/create-project';
import { listProjects } from '@/lib/services/projects/list-projects';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params, query }) => listProjects(ctx, { ...Object.fromEntries(query), org: params.org }));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createProject(ctx, withPath(await body(), { org: params.org })) }));
