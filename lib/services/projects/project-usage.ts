import type { Tx } from '@/db/client';

/**
 * Refuses to delete a project that still holds components.
 * Components arrive with the components area; until then a project is always empty.
 */
export async function assertProjectEmpty(_tx: Tx, _projectId: string): Promise<void> {}
