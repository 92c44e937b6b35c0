import { api } from '@/lib/http/api';
import { getRun } from '@/lib/services/pipelines/runs';

type P = { org: string; pipeline: string; run: string };
/** One run (by id or number) with its steps: every attempt, its group and index, status and exit code. */
export const GET = api<P>(async ({ ctx, params }) => getRun(ctx, params));
