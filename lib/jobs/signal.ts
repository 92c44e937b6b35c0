import { EventEmitter } from 'node:events';

// Next bundles route handlers and instrumentation separately: the signal lives on globalThis
// so that every bundle's services reach the one engine of the process.
const g = globalThis as unknown as { __gantryJobSignal?: EventEmitter };

/** In-process signal from services to the job engine: new work of a kind was written. */
export const jobSignal = (g.__gantryJobSignal ??= new EventEmitter().setMaxListeners(200));

/** Tells the engine that work of `kind` is waiting (other processes find it by polling). */
export function wake(kind: string) {
  jobSignal.emit('wake', kind);
}

/** Asks whichever handler in this process runs `id` to look at it again now (e.g. a Stop was requested). */
export function nudge(id: string) {
  jobSignal.emit(`nudge:${id}`);
}
