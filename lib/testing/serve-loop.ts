import { Worker } from 'node:worker_threads';

export interface ServeResult {
  /** Every 200 answer: when (ms since the epoch), its body, and how long the request took. */
  answers: { at: number; body: string; ms: number }[];
  /** Every request that got no 200 answer: when, which URL, and what happened instead. */
  failures: { at: number; url: string; error: string }[];
}

export interface ServeLoop {
  /** The URL that serves now: every request after this goes there. */
  target(url: string): void;
  /** How many answers so far. */
  answered(): Promise<number>;
  stop(): Promise<ServeResult>;
}

// Plain JavaScript run in a worker thread: the test's own work on the main thread (PGlite's
// WASM, migrations) must not stall the client and show up as gaps of the service.
const source = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let url = workerData.url;
let running = true;
const answers = [];
const failures = [];
parentPort.on('message', (m) => {
  if (m.type === 'target') url = m.url;
  if (m.type === 'count') parentPort.postMessage({ type: 'count', n: answers.length });
  if (m.type === 'stop') running = false;
});
const get = (u) => new Promise((resolve, reject) => {
  const req = http.get(u, { agent: false, timeout: 2000 }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve({ status: res.statusCode, body: body.trim() }));
    res.on('error', reject);
  });
  req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
  req.on('error', reject);
});
(async () => {
  while (running) {
    const u = url;
    const t0 = Date.now();
    try {
      const res = await get(u);
      if (res.status === 200) answers.push({ at: Date.now(), body: res.body, ms: Date.now() - t0 });
      else failures.push({ at: Date.now(), url: u, error: res.status + ' ' + res.body.slice(0, 200) });
    } catch (e) {
      failures.push({ at: Date.now(), url: u, error: e.message });
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  parentPort.postMessage({ type: 'done', answers, failures });
})();
`;

/**
 * One client asking a service again and again, as its users would, through a fault: GET the
 * URL that serves now on a fresh connection each time, 2 s at most per request, in a worker
 * thread of its own. Tests assert on which release answered and on the failures; gaps are
 * figures to report (longestGapMs).
 */
export function serveLoop(url: string): ServeLoop {
  const worker = new Worker(source, { eval: true, workerData: { url } });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type: string } & T) => {
        if (m.type !== type) return;
        worker.off('message', onMessage);
        resolve(m);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  let stopped: Promise<ServeResult> | undefined;
  return {
    target: (u) => worker.postMessage({ type: 'target', url: u }),
    answered: async () => {
      const reply = next<{ n: number }>('count');
      worker.postMessage({ type: 'count' });
      return (await reply).n;
    },
    stop() {
      stopped ??= (async () => {
        const done = next<ServeResult>('done');
        worker.postMessage({ type: 'stop' });
        const { answers, failures } = await done;
        await worker.terminate();
        return { answers, failures };
      })();
      return stopped;
    },
  };
}

/** The longest time between two answers in a row (any body). */
export function longestGapMs(answers: ServeResult['answers']): number {
  return answers.slice(1).reduce((worst, a, i) => Math.max(worst, a.at - answers[i].at), 0);
}

/** The figures a fault test prints: answers, the longest gap between two, the slowest single request. */
export function describeService(r: ServeResult): string {
  const slowest = r.answers.reduce((m, a) => Math.max(m, a.ms), 0);
  return `${r.answers.length} answers, ${r.failures.length} unanswered, longest gap between two answers ${longestGapMs(r.answers)} ms (slowest request ${slowest} ms)`;
}
