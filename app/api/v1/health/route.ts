import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { resolveActor } from '@/lib/auth';
import { planesHealth } from '@/lib/services/environments/planes-health';

export const dynamic = 'force-dynamic';

/**
 * Liveness, without authentication. Every data plane is reported from its last background
 * check (nothing connects anywhere because someone asked); an anonymous caller learns no
 * organisation's data: planes are named only to a signed-in caller or API key of their org.
 */
export async function GET(req: Request) {
  let db: 'ok' | 'down' = 'down';
  let dataPlanes: Awaited<ReturnType<typeof planesHealth>> = [];
  try {
    const handle = await getDb();
    await handle.execute(sql`select 1`);
    db = 'ok';
    const actor = await resolveActor(handle, req.headers, 'api').catch(() => null);
    dataPlanes = await planesHealth(handle, actor ?? null);
  } catch {
    // db stays "down" when the first query failed; a failure after it leaves the planes unknown
  }
  // A plane not checked yet (just attached, the console just started) does not degrade the status.
  const planesOk = dataPlanes.every((p) => p.ok || !p.checkedAt);
  const body = { status: db === 'ok' ? (planesOk ? 'ok' : 'degraded') : 'degraded', db, dataPlanes };
  return Response.json(body, { status: db === 'ok' ? 200 : 503 });
}
