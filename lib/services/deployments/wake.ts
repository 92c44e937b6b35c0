// Kept for callers on other branches: the signal itself is the job engine's (lib/jobs/signal).
import { wake } from '@/lib/jobs/signal';

/** New deployment rows were written: the engine's deployment kind claims them now. */
export function wakeReconciler() {
  wake('deployment');
}
