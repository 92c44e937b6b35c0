import { closeDatabase, database } from '@/db';
import { config } from '@/lib/config';
import { logger } from '@/lib/logger';

/**
 * Start-up inside the Next.js server: validate configuration, open and migrate the
 * database, and close it cleanly on SIGINT/SIGTERM (an unclean PGlite stop forces a
 * crash recovery on the next start). scripts/start.mjs sets NEXT_MANUAL_SIG_HANDLE so
 * these handlers, not Next's, decide when the process exits.
 */
export async function boot() {
  const c = config();
  const db = await database();
  logger.info({ baseUrl: c.baseUrl, database: db.kind, dataDir: db.kind === 'pglite' ? c.dataDir : undefined }, 'gantry started');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    closeDatabase()
      .catch((err) => logger.error({ err: { message: (err as Error).message } }, 'closing the database failed'))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
}
