import { Badge } from '@/components/ui/badge';
import type { RunStatus, StepStatus } from './types';

const labels: Record<RunStatus | StepStatus, string> = {
  queued: 'Queued',
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  error: 'Error',
  skipped: 'Skipped',
  stopped: 'Stopped',
  timed_out: 'Timed out',
};
const tones = { succeeded: 'success', failed: 'danger', error: 'danger', timed_out: 'danger', running: 'accent', queued: 'neutral', pending: 'neutral', skipped: 'neutral', stopped: 'warning' } as const;

export function PipelineStatusBadge({ status, exitCode }: { status: RunStatus | StepStatus; exitCode?: number | null }) {
  return (
    <span data-status={status}>
      <Badge tone={tones[status]}>
        {labels[status]}
        {exitCode !== undefined && exitCode !== null && exitCode !== 0 ? ` (exit ${exitCode})` : ''}
      </Badge>
    </span>
  );
}
