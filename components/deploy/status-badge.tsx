import { Badge } from '@/components/ui/badge';
import { isFinal, statusLabels } from './status';
import type { DeploymentStatus } from './types';

const tones = { active: 'success', failed: 'danger', superseded: 'neutral' } as const;

/**
 * A deployment's status; steps still in progress spin. Tasks pass activeLabel "Deployed": an
 * active task release is ready to run, but nothing runs between executions.
 */
export function StatusBadge({ status, activeLabel }: { status: DeploymentStatus; activeLabel?: string }) {
  const final = isFinal(status);
  return (
    <Badge tone={final ? tones[status as keyof typeof tones] : 'accent'}>
      {!final && <span aria-hidden="true" className="mr-1.5 size-3 animate-spin rounded-full border-2 border-current border-r-transparent" />}
      {status === 'active' && activeLabel ? activeLabel : statusLabels[status]}
    </Badge>
  );
}
