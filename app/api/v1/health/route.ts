import { sql } from 'drizzle-orm';
import { getDb } from '@/db';

export const dynamic = 'force-dynamic';

/** Liveness, without authentication: no organisation data is disclosed. */
export async function GET() {
  let db: 'ok' | 'down' = 'down';
  try {
    await (await getDb()).execute(sql`select 1`);
    db = 'ok';
  } catch {
    db = 'down';
  }
  const body = { status: db === 'ok' ? 'ok' : 'degraded', db, dataPlanes: [] as { name: string; ok: boolean }[] };
  return Response.json(body, { status: db === 'ok' ? 200 : 503 });
}
