/**
 * A gateway in a process of its own, to be killed with SIGKILL as a crashed console would be
 * (lib/gateway/caddy.test.ts): `node --import tsx lib/testing/gateway-process.ts <dataDir> <listen> <routes JSON>`
 * starts Caddy through startGateway, applies the routes and prints "ready <caddy pid>".
 */
import { startGateway } from '@/lib/gateway/caddy';

const [dataDir, listen, routes] = process.argv.slice(2);
void (async () => {
  const gw = await startGateway({ dataDir, listen });
  await gw.setRoutes(JSON.parse(routes));
  process.stdout.write(`ready ${gw.pid()}\n`);
  setInterval(() => {}, 60_000);
})();
