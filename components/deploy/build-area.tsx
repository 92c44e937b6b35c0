'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DeployIcon } from '@/components/ui/icons';
import { Time } from '@/components/ui/time';
import type { ComponentRef } from './component-ref';
import { shortDigest, tagOf } from './format';
import { StatusBadge } from './status-badge';
import type { DeploymentStatus } from './types';
import { UpdateImageDialog } from './update-image-dialog';
import { useDeploy } from './use-deploy';

interface BuildAreaProps {
  target: ComponentRef;
  /** The image last deployed to the first environment (with how that went), or the one the component was created from. */
  current: { image: string; digest: string; at: string; by: string; status?: DeploymentStatus };
  environment: { name: string; displayName: string };
  runningIn: Map<string, string[]>;
  canDeploy: boolean;
  /** What an active deployment is called (tasks: "Deployed"). */
  activeLabel?: string;
}

/** The Build Area card: the current image and Update Image & Deploy. */
export function BuildArea({ target, current, environment, runningIn, canDeploy, activeLabel }: BuildAreaProps) {
  const [open, setOpen] = useState(false);
  // Never deployed: the image it was created from goes to the first environment in one click.
  const firstDeploy = useDeploy(target.api, target.org, environment.displayName, () => undefined);
  const neverDeployed = !current.status;
  const firstTag = tagOf(current.image) ?? shortDigest(current.digest);
  return (
    <section aria-labelledby="build-area-heading" className="rounded-xl border border-zinc-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="build-area-heading" className="text-sm font-semibold text-zinc-900">
            Build Area
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500">Images are built by your own CI and pulled from your registry.</p>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-zinc-500">Image</dt>
            <dd className="min-w-0 font-mono text-xs leading-5 break-all text-zinc-900" data-testid="build-image">
              {current.image}
            </dd>
            <dt className="text-zinc-500">Digest</dt>
            <dd className="font-mono text-xs leading-5 text-zinc-700" title={current.digest}>
              {shortDigest(current.digest)}
            </dd>
            <dt className="text-zinc-500">{current.status ? 'Last deploy' : 'Created'}</dt>
            <dd className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs leading-5 text-zinc-700">
              <span>
                <Time value={current.at} /> by {current.by}
              </span>
              {current.status ? <StatusBadge status={current.status} activeLabel={activeLabel} /> : <span className="text-zinc-500">not deployed yet</span>}
            </dd>
          </dl>
        </div>
        {canDeploy && (
          <div className="flex flex-wrap items-center gap-2">
            {neverDeployed && (
              <Button pending={firstDeploy.pending} disabled={firstDeploy.pending} onClick={() => firstDeploy.run(target.org, target.project, target.component, { image: current.image })}>
                <DeployIcon className="size-4" />
                Deploy {firstTag} to {environment.displayName}
              </Button>
            )}
            <Button variant={neverDeployed ? 'secondary' : 'primary'} onClick={() => setOpen(true)}>
              {!neverDeployed && <DeployIcon className="size-4" />}
              Update Image &amp; Deploy
            </Button>
          </div>
        )}
      </div>
      {firstDeploy.formError && (
        <div className="mt-3">
          <Alert>{firstDeploy.formError}</Alert>
        </div>
      )}
      {canDeploy && (
        <UpdateImageDialog open={open} onClose={() => setOpen(false)} target={target} currentImage={current.image} environment={environment} runningIn={runningIn} />
      )}
    </section>
  );
}
