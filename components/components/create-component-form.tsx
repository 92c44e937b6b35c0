'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createComponentAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Input, Textarea } from '@/components/ui/input';
import { NameField, useDerivedName } from '@/components/ui/name-field';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { shortDigest, tagOf } from '@/components/deploy/format';
import { settleDeployToast } from '@/components/deploy/watch-deployment';
import { ScheduleEditor } from '@/components/tasks/schedule-editor';
import { useScheduleEditor } from '@/components/tasks/use-schedule-editor';
import { ImageSource, type RegistryChoice, type SourceTab } from './image-source';
import { TypePicker } from './type-picker';
import type { ComponentType } from './type-info';
import { isLongRunning, isScheduled } from '@/lib/component-types';

interface CreateComponentFormProps {
  orgSlug: string;
  projectName: string;
  registries: RegistryChoice[];
  canManageRegistries: boolean;
  /** May the person deploy too ("Create and deploy")? */
  canDeploy: boolean;
}

/** "8080, 9090/udp" → port inputs; the server validates the numbers. */
function parsePorts(text: string) {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((p) => {
      const [port, protocol] = p.split('/');
      return { port: Number(port), protocol: protocol?.toUpperCase() === 'UDP' ? ('UDP' as const) : ('TCP' as const) };
    });
}

export function CreateComponentForm({ orgSlug, projectName, registries, canManageRegistries, canDeploy }: CreateComponentFormProps) {
  const router = useRouter();
  const toast = useToast();
  const names = useDerivedName();
  const [type, setType] = useState<ComponentType>('service');
  const [description, setDescription] = useState('');
  const [tab, setTab] = useState<SourceTab>(registries.some((r) => !r.dockerHub) || !registries.length ? 'registry' : 'dockerhub');
  const firstOf = (t: SourceTab) => registries.find((r) => r.dockerHub === (t === 'dockerhub'))?.id ?? '';
  const [registryId, setRegistryId] = useState(firstOf(tab));
  const [image, setImage] = useState('');
  const [ports, setPorts] = useState('');
  const [healthPath, setHealthPath] = useState('');
  const schedule = useScheduleEditor({ cron: '0 3 * * *', timeZone: 'UTC' });
  const create = useServerAction(createComponentAction, {
    onSuccess(c) {
      if (c.deployment) {
        const what = `${tagOf(c.release.image) ?? shortDigest(c.release.digest)} (${shortDigest(c.release.digest)})`;
        const where = c.deployment.environment;
        settleDeployToast(toast.progress(`Component “${c.displayName}” created. Deploying ${what} to ${where}…`), orgSlug, c.deployment.id, what, where);
      } else toast.success(`Component “${c.displayName}” created from ${c.release.image}. Deploy it from the Build Area.`);
      router.push(`/o/${orgSlug}/projects/${projectName}/components/${c.name}/deploy`);
    },
  });

  const f = create.fields;
  const portError = f.ports ?? Object.entries(f).find(([k]) => k.startsWith('ports.'))?.[1];
  const listens = isLongRunning(type);

  /** Enter and the primary button create and deploy (when the role may deploy); "Create only" does not deploy. */
  function submit(deploy: boolean) {
    create.run(orgSlug, projectName, {
      type,
      displayName: names.displayName,
      name: names.name,
      description,
      registryId,
      image: image.trim(),
      ...(listens && ports.trim() ? { ports: parsePorts(ports) } : {}),
      ...(listens && healthPath.trim() ? { healthPath: healthPath.trim() } : {}),
      ...(isScheduled(type) ? { schedule: schedule.cron } : {}),
      deploy,
    });
  }

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit(canDeploy);
      }}
    >
      {create.formError && <Alert>{create.formError}</Alert>}
      <TypePicker value={type} onChange={setType} error={f.type} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="component-display-name" label="Display name" error={f.displayName}>
          <Input value={names.displayName} onChange={(e) => names.setDisplayName(e.target.value)} required maxLength={100} autoFocus autoComplete="off" />
        </Field>
        <NameField id="component-name" label="Component name" value={names.name} onChange={names.setName} error={f.name} usage="in URLs, container names and the CI webhook" />
      </div>
      <Field id="component-description" label="Description" error={f.description} hint="Optional.">
        <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={1000} />
      </Field>
      <ImageSource
        orgSlug={orgSlug}
        registries={registries}
        tab={tab}
        onTab={(t) => {
          setTab(t);
          setRegistryId(firstOf(t));
        }}
        registryId={registryId}
        onRegistry={setRegistryId}
        image={image}
        onImage={setImage}
        errors={{ registryId: f.registryId, image: f.image }}
        canManageRegistries={canManageRegistries}
      />
      {listens && (
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="component-ports" label="Port" error={portError} hint="Optional: defaults to the ports the image declares (EXPOSE). Several: 8080, 9090/udp.">
            <Input value={ports} onChange={(e) => setPorts(e.target.value)} inputMode="numeric" placeholder="8080" autoComplete="off" className="font-mono" />
          </Field>
          <Field id="component-health" label="Health check path" error={f.healthPath} hint="Optional: an HTTP path that answers 2xx when ready; without it, a TCP connect.">
            <Input value={healthPath} onChange={(e) => setHealthPath(e.target.value)} placeholder="/healthz" autoComplete="off" className="font-mono" />
          </Field>
        </div>
      )}
      {isScheduled(type) && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800">Schedule</legend>
          <p className="text-xs text-zinc-500">Each environment starts from this schedule in UTC when the task is first deployed there; set its time zone and concurrency policy on the Deploy page.</p>
          <ScheduleEditor editor={schedule} errors={f.schedule ? { cron: f.schedule } : undefined} cronOnly />
        </fieldset>
      )}
      <div className="flex items-center justify-end gap-2 border-t border-zinc-200 pt-5">
        <ButtonLink href={`/o/${orgSlug}/projects/${projectName}`} variant="secondary">
          Cancel
        </ButtonLink>
        {canDeploy && (
          <Button
            variant="secondary"
            disabled={!registryId || create.pending}
            onClick={(e) => {
              if (e.currentTarget.form?.reportValidity()) submit(false);
            }}
          >
            Create only
          </Button>
        )}
        <Button type="submit" pending={create.pending} disabled={!registryId}>
          {create.pending ? 'Resolving image…' : canDeploy ? 'Create and deploy' : 'Create'}
        </Button>
      </div>
    </form>
  );
}
