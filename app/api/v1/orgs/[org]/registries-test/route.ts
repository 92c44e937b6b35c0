import { api } from '@/lib/http/api';
import { testRegistryDraft } from '@/lib/services/registries/test-registry-draft';

type P = { org: string };
/** Test connection for registry details that are not saved yet (the form's "Test connection"). */
export const POST = api<P>(async ({ ctx, params, body }) => testRegistryDraft(ctx, params.org, await body()));
