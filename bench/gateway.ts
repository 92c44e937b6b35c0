// npm run bench:gateway — the gateway's overhead: requests/s and p99 through Caddy vs straight
// to the upstream, in the same run, against the same loopback HTTP server. The issue asks for
// a ratio ≥ 0.8 of direct throughput. (Stub: the upstream is a Node server here; the second part
// points it at a real container once the docker driver's networks land.)
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startGateway } from '@/lib/gateway/caddy';
import { publicPath } from '@/lib/gateway/routes';
import { freePort } from '@/lib/util/net';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

function median<T extends { rps: number }>(xs: T[]): T {
  return [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)];
}

async function run(url: string) {
  const r = await autocannon({ url, connections, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function main() {
  const upstream = http.createServer((req, res) => res.end(`hello ${req.url}\n`));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const dial = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-gateway-'));
  const gw = await startGateway({ dataDir, listen: `127.0.0.1:${await freePort()}` });
  const target = { org: 'bench', project: 'shop', component: 'hello', env: 'development', context: '/hello' };
  try {
    const t0 = performance.now();
    await gw.setRoutes([{ ...target, upstreams: [dial] }]);
    const applyMs = performance.now() - t0;
    await run(`http://${dial}/hello`); // warm-up
    // Alternating rounds, median of each: on a shared machine the load drifts during a run, and
    // one direct round followed by one gateway round measured the drift as much as the gateway.
    const directs: Awaited<ReturnType<typeof run>>[] = [];
    const vias: Awaited<ReturnType<typeof run>>[] = [];
    for (let i = 0; i < rounds; i++) {
      directs.push(await run(`http://${dial}/hello/x`));
      vias.push(await run(`${gw.baseUrl}${publicPath(target)}/x`));
    }
    const direct = median(directs);
    const via = median(vias);
    console.log(`route applied in ${applyMs.toFixed(0)} ms (POST /load)`);
    console.log(`direct : ${direct.rps.toFixed(0)} req/s, p99 ${direct.p99} ms, errors ${direct.errors}`);
    console.log(`gateway: ${via.rps.toFixed(0)} req/s, p99 ${via.p99} ms, errors ${via.errors}`);
    console.log(`ratio (gateway / direct throughput, median of ${rounds} alternating rounds): ${(via.rps / direct.rps).toFixed(2)} (target ≥ 0.8); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    await gw.stop();
    upstream.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
