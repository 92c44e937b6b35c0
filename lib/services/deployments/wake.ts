import { EventEmitter } from 'node:events';
import { deploymentChanged } from '@/lib/events/deployment-changes';

// Next bundles route handlers and instrumentation separately: the signal lives on globalThis
// so that every bundle's services reach the one reconciler.
const g = globalThis as unknown as { __gantryReconcilerSignal?: EventEmitter };

/** In-process signal from services to the reconciler: new desired state was written. */
export const reconcilerSignal = (g.__gantryReconcilerSignal ??= new EventEmitter().setMaxListeners(100));

export function wakeReconciler() {
  reconcilerSignal.emit('wake');
  // New desired state may have superseded queued requests someone is waiting on.
  deploymentChanged();
}
