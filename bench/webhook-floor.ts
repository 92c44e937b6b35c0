// The floor for bench/webhook.ts: a bare node:http server on the same database doing what an
// accepted webhook must write, with none of the framework — the CI token lookup by hash, then
// in one transaction a deployment, its event, an audit row and the delivery record. The
// deployment is written as already superseded so no engine ever picks it up.
// Run as a child process (tsx bench/webhook-floor.ts) with FLOOR_PORT and either
// FLOOR_DATABASE_URL or FLOOR_DATA_DIR; prints "LISTENING" when ready.
import http from 'node:http';
import { and, asc, eq } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { auditEvent, ciToken, deployment, deploymentEvent, environment, release, webhookDelivery } from '@/db/schema';
import { hashToken } from '@/lib/crypto/tokens';

async function main() {
  const url = process.env.FLOOR_DATABASE_URL;
  const d = await openDatabase(url ? { url } : { dataDir: process.env.FLOOR_DATA_DIR! });
  const db = d.db;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { tag?: string };
          const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
          const [token] = presented ? await db.select().from(ciToken).where(eq(ciToken.hash, hashToken(presented))).limit(1) : [];
          if (!token) return send(res, 401, { error: 'unauthenticated' });
          const [rel] = await db.select().from(release).where(eq(release.componentId, token.componentId)).orderBy(asc(release.createdAt)).limit(1);
          const [env] = await db.select().from(environment).where(and(eq(environment.organizationId, token.organizationId))).orderBy(asc(environment.position)).limit(1);
          const id = await db.transaction(async (tx) => {
            const [dep] = await tx
              .insert(deployment)
              .values({ organizationId: token.organizationId, componentId: token.componentId, environmentId: env.id, releaseId: rel.id, status: 'superseded', triggeredByType: 'ci-token', triggeredByLabel: 'floor' })
              .returning({ id: deployment.id });
            await tx.insert(deploymentEvent).values({ deploymentId: dep.id, status: 'queued', message: `floor ${body.tag}` });
            await tx.insert(auditEvent).values({ organizationId: token.organizationId, actorType: 'ci-token', actorLabel: 'floor', via: 'ci', action: 'deployment.create', targetType: 'component', targetId: token.componentId, targetLabel: 'floor', data: { deploymentId: dep.id } });
            await tx.insert(webhookDelivery).values({ organizationId: token.organizationId, componentId: token.componentId, tokenId: token.id, source: 'ci', result: 'accepted', message: 'floor', deploymentId: dep.id });
            return dep.id;
          });
          send(res, 202, { deploymentId: id, status: 'queued' });
        } catch (e) {
          send(res, 500, { error: (e as Error).message });
        }
      })();
    });
  });
  server.listen(Number(process.env.FLOOR_PORT), '127.0.0.1', () => process.stdout.write('LISTENING\n'));
  const stop = () => server.close(() => void d.close().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
