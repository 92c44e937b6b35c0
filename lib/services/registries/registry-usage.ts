import type { Tx } from '@/db/client';

/**
 * Components that pull from each registry, by registry id. Components arrive with the
 * components area; until then no registry is in use.
 */
export async function registryUsage(_db: Tx, _registryIds: string[]): Promise<Map<string, string[]>> {
  return new Map();
}
