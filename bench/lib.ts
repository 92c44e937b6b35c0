import { spawn, execFileSync, type ChildProcess } from 'node:child_process';

export function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** RSS (MB) of a process and all its descendants. */
export function treeRssMb(pid: number): number {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=']).toString();
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of rows) if (tree.has(pp) && !tree.has(p)) (tree.add(p), (grew = true));
  }
  return rows.filter(([p]) => tree.has(p)).reduce((sum, [, , rss]) => sum + rss, 0) / 1024;
}

export async function startConsole(env: Record<string, string>, nodeArgs: string[] = []): Promise<{ child: ChildProcess; startedMs: number; baseUrl: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, 'scripts/start.mjs'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.status === 200) return { child, startedMs: performance.now() - t0, baseUrl };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGTERM');
  throw new Error('The console did not answer within 15 s');
}

export async function stopConsole(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Times full responses of GET url (after one warm-up), n times. */
export async function timeGet(url: string, headers: Record<string, string>, n = 10) {
  const first = await fetch(url, { headers, redirect: 'manual' });
  await first.text();
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers, redirect: 'manual' });
    await res.text();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}
