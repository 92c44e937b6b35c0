'use client';

import { useDeployment } from './queries';

/** Why a rollout failed: the reason, and the container's last log lines when it got that far. */
export function FailureDetails({ orgSlug, deploymentId, reason }: { orgSlug: string; deploymentId: string; reason: string | null }) {
  const detail = useDeployment(orgSlug, deploymentId);
  const lines = detail.data?.lastLogLines ?? [];
  return (
    <div className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3">
      <p className="text-sm text-red-800" data-testid="failure-reason">
        {reason ?? 'The deployment failed.'}
      </p>
      {lines.length > 0 && (
        <div>
          <p className="mb-1 text-xs font-medium text-red-900">Last log lines</p>
          <pre className="max-h-40 overflow-auto rounded bg-zinc-900 p-2 font-mono text-xs leading-5 whitespace-pre-wrap text-zinc-100">{lines.join('\n')}</pre>
        </div>
      )}
    </div>
  );
}
