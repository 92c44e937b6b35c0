// The signal itself is the job engine's (lib/jobs/signal); this is the deployments' door to it.
import { deploymentChanged } from '@/lib/events/deployment-changes';
import { wake } from '@/lib/jobs/signal';

/** New deployment rows were written: the engine's deployment kind claims them now. */
export function wakeReconciler() {
  wake('deployment');
  // New desired state may have superseded queued requests someone is waiting on.
  deploymentChanged();
}
