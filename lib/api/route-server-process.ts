/**
 * A second console's HTTP side in a process of its own, for tests of several console
 * processes on one Postgres: opens GANTRY_TEST_DB_URL with the key ring in
 * GANTRY_TEST_KEY (hex), serves the /api/v1 routes on loopback and prints "LISTENING <url>".
 */
import { openDatabase } from '@/db/client';
import { startRouteServer } from './route-server';
import { useTestApp } from './testing';

async function main() {
  const d = await openDatabase({ url: process.env.GANTRY_TEST_DB_URL! });
  useTestApp(d, Buffer.from(process.env.GANTRY_TEST_KEY!, 'hex'));
  const server = await startRouteServer();
  process.stdout.write(`LISTENING ${server.url}\n`);
  process.once('SIGTERM', () => void server.stop().then(() => d.close()).then(() => process.exit(0)));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
