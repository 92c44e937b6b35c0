import { Badge } from '@/components/ui/badge';
import type { ExecutionStatus } from '@/lib/services/tasks/types';
import { executionStatusLabels } from './format';

const tones = {
  queued: 'accent',
  running: 'accent',
  succeeded: 'success',
  failed: 'danger',
  timed_out: 'danger',
  stopped: 'neutral',
  skipped: 'warning',
  missed: 'warning',
} as const;

/** An execution's status; a failure names its exit code, work in progress spins. */
export function ExecutionStatusBadge({ status, exitCode }: { status: ExecutionStatus; exitCode?: number | null }) {
  const live = status === 'queued' || status === 'running';
  return (
    <Badge tone={tones[status]}>
      {live && <span aria-hidden="true" className="mr-1.5 size-3 animate-spin rounded-full border-2 border-current border-r-transparent" />}
      {executionStatusLabels[status]}
      {status === 'failed' && exitCode != null && ` (exit ${exitCode})`}
    </Badge>
  );
}
