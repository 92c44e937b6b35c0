import { api } from '@/lib/http/api';
import { getExecution } from '@/lib/services/tasks/get-execution';

type P = { org: string; project: string; component: string; id: string };
export const GET = api<P>(async ({ ctx, params }) => getExecution(ctx, params));
