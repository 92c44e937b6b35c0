import { api } from '@/lib/http/api';
import { withPath } from '@/lib/http/with-path';
import { testRegistryDraft } from '@/lib/services/registries/test-registry-draft';

type P = { org: string };
/** Test connection for registry details that are not saved yet (the form's "Test connection"). */
export const POST = api<P>(async ({ ctx, params, body }) => testRegistryDraft(ctx, withPath(await body(), { org: params.org })));
