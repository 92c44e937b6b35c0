import { api } from '@/lib/http/api';
import { createProject } from '@/lib/services/projects/create-project';
import { listProjects } from '@/lib/services/projects/list-projects';

type P = { org: string };
export const GET = api<P>(async ({ ctx, params, query }) => listProjects(ctx, params.org, Object.fromEntries(query)));
export const POST = api<P>(async ({ ctx, params, body }) => ({ status: 201, body: await createProject(ctx, params.org, await body()) }));
