/**
 * Caddy (2.6 on Linux) applies every configuration change — a rollout's upstream switch too —
 * by opening a new listening socket beside the old one (SO_REUSEPORT) and closing the old one.
 * Connections the kernel had already queued on the old socket but Caddy had not accepted yet
 * are then reset: a client connecting at that instant gets ECONNRESET (seen in
 * caddy.test.ts: a few resets per hundred switches under looping clients). Since Linux 5.14,
 * net.ipv4.tcp_migrate_req=1 makes the kernel move them to the new socket instead. It concerns
 * only SO_REUSEPORT listeners and is per network namespace; Gantry turns it on when it starts
 * the gateway, if it may (root), and says so otherwise.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { logger } from '@/lib/logger';

const SYSCTL = '/proc/sys/net/ipv4/tcp_migrate_req';

export type MigrationState = 'on' | 'turned-on' | 'unavailable';

export async function ensureListenerMigration(path = SYSCTL): Promise<MigrationState> {
  try {
    if ((await readFile(path, 'utf8')).trim() === '1') return 'on';
    await writeFile(path, '1');
    return 'turned-on';
  } catch (e) {
    logger.warn(
      { err: { message: (e as Error).message } },
      'net.ipv4.tcp_migrate_req could not be turned on: a client connecting to the gateway at the instant routes change may see its connection reset (set it to 1, Linux 5.14 or later)',
    );
    return 'unavailable';
  }
}
