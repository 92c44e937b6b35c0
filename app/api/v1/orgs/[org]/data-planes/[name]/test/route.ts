import { api } from '@/lib/http/api';
import { testDataPlane } from '@/lib/services/environments/test-data-plane';

type P = { org: string; name: string };
/** Test connection → `{ ok, message, checkedAt, version?, permissions? }`, recorded as the plane's health. */
export const POST = api<P>(async ({ ctx, params }) => testDataPlane(ctx, params));
