import { setMaxListeners } from 'node:events';
import { logger, loggableError } from '@/lib/logger';
import { jobSignal } from './signal';

/**
 * One kind of work the engine runs. The rows live in the kind's own table (deployments,
 * task executions …); the kind says how to claim one (SELECT … FOR UPDATE SKIP LOCKED,
 * taking a lease), what serialises work (`key`: at most one job per key in flight in this
 * process), and how to run it. The engine owns the loop: wake-ups, polling, concurrency,
 * resume after a restart and shutdown.
 */
export interface JobKind<J = unknown> {
  name: string;
  /** Jobs of this kind running at once in this process; default 4. */
  concurrency?: number;
  /** Takes back work left by a process that died: every in-flight row when `all` (one process by construction), else those whose lease ran out. */
  resume?(all: boolean): Promise<number>;
  /** Claims the next runnable job whose key is not in `busy`, or undefined. */
  claim?(busy: ReadonlySet<string>): Promise<J | undefined>;
  key?(job: J): string;
  /** Runs a claimed job to its end. `signal` aborts when the engine stops: detach and leave the rest to resume. */
  run?(job: J, signal: AbortSignal): Promise<void>;
  /** Periodic work besides claims (a scheduler tick, pruning); runs one at a time. */
  tick?: { everyMs: number; run(signal: AbortSignal): Promise<void> };
}

export interface Engine {
  /** Claims work of `kind` now (every kind when omitted). */
  wake(kind?: string): void;
  /** Stops claiming, aborts detachable handlers and resolves once every running job returned. */
  stop(): Promise<void>;
}

export interface EngineOptions {
  kinds: JobKind<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The embedded database has one process by construction: everything in flight at start is ours to resume. */
  singleProcess: boolean;
  /** Poll for work other processes wrote, retries that came due and expired leases; default 500 ms. */
  pollMs?: number;
}

export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const abort = new AbortController();
  // Every running job listens on it (a detach on shutdown): many at once is normal.
  setMaxListeners(0, abort.signal);
  const loops: ReturnType<typeof kindLoop>[] = [];
  for (const kind of opts.kinds) {
    if (kind.resume) {
      const resumed = await kind.resume(opts.singleProcess);
      if (resumed) logger.info({ kind: kind.name, resumed }, 'resumed work left in flight');
    }
    loops.push(kindLoop(kind, opts, abort.signal));
  }
  const byName = new Map(loops.map((l) => [l.name, l]));
  const onWake = (kind?: string) => {
    if (kind) byName.get(kind)?.pump();
    else for (const l of loops) l.pump();
  };
  jobSignal.on('wake', onWake);
  for (const l of loops) l.pump();

  return {
    wake: onWake,
    async stop() {
      jobSignal.off('wake', onWake);
      abort.abort();
      await Promise.allSettled(loops.map((l) => l.stop()));
    },
  };
}

function kindLoop(kind: JobKind<unknown>, opts: EngineOptions, signal: AbortSignal) {
  const concurrency = kind.concurrency ?? 4;
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  let pumping = false;
  let again = false;
  let ticking: Promise<void> | undefined;

  async function pump() {
    if (!kind.claim || !kind.run) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (!stopped && running.size < concurrency) {
          const job = await kind.claim(busy);
          if (job === undefined) break;
          const key = kind.key?.(job);
          if (key) busy.add(key);
          const p: Promise<void> = kind
            .run(job, signal)
            .catch((e) => logger.error({ kind: kind.name, err: loggableError(e) }, 'job handler failed'))
            .finally(() => {
              if (key) busy.delete(key);
              running.delete(p);
              void pump();
            });
          running.add(p);
        }
      } while (again && !stopped);
    } catch (e) {
      logger.error({ kind: kind.name, err: loggableError(e) }, 'job claim failed');
    } finally {
      pumping = false;
    }
  }

  function tick() {
    if (!kind.tick || ticking || stopped) return;
    ticking = kind.tick
      .run(signal)
      .catch((e) => logger.error({ kind: kind.name, err: loggableError(e) }, 'job tick failed'))
      .finally(() => (ticking = undefined));
  }

  const timers: NodeJS.Timeout[] = [];
  if (kind.claim) {
    timers.push(
      setInterval(() => {
        void pump();
        if (!opts.singleProcess && kind.resume) void kind.resume(false).catch(() => undefined);
      }, opts.pollMs ?? 500),
    );
  }
  if (kind.tick) {
    timers.push(setInterval(tick, kind.tick.everyMs));
    tick();
  }

  return {
    name: kind.name,
    pump: () => void pump(),
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running, ticking]);
    },
  };
}
