'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { updateComponentAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { isLongRunning, isScheduled } from '@/lib/component-types';

interface SettingsFormProps {
  target: { org: string; project: string; component: string };
  component: { displayName: string; description: string; type: string; ports: { port: number; protocol: string }[]; healthPath: string | null; schedule: string | null };
  canManage: boolean;
}

const portsText = (ports: { port: number; protocol: string }[]) => ports.map((p) => (p.protocol === 'UDP' ? `${p.port}/udp` : String(p.port))).join(', ');

/** What may change after creation; a viewer sees the same fields read-only. */
export function SettingsForm({ target, component, canManage }: SettingsFormProps) {
  const router = useRouter();
  const toast = useToast();
  const [displayName, setDisplayName] = useState(component.displayName);
  const [description, setDescription] = useState(component.description);
  const [ports, setPorts] = useState(portsText(component.ports));
  const [healthPath, setHealthPath] = useState(component.healthPath ?? '');
  const [schedule, setSchedule] = useState(component.schedule ?? '');
  const save = useServerAction(updateComponentAction, {
    onSuccess() {
      toast.success('Settings saved. They apply from the next deployment.');
      router.refresh();
    },
  });
  const listens = isLongRunning(component.type);
  const f = save.fields;
  const portError = f.ports ?? Object.entries(f).find(([k]) => k.startsWith('ports.'))?.[1];

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.run(target.org, target.project, target.component, {
          displayName,
          description,
          ...(listens
            ? {
                ports: ports
                  .split(/[\s,]+/)
                  .filter(Boolean)
                  .map((p) => ({ port: Number(p.split('/')[0]), protocol: p.split('/')[1]?.toUpperCase() === 'UDP' ? 'UDP' : 'TCP' })),
                healthPath: healthPath.trim() || null,
              }
            : {}),
          ...(isScheduled(component.type) ? { schedule: schedule.trim() } : {}),
        });
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <fieldset disabled={!canManage} className="space-y-4">
        <Field id="settings-display-name" label="Display name" error={f.displayName}>
          <Input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={100} />
        </Field>
        <Field id="settings-description" label="Description" error={f.description}>
          <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={1000} />
        </Field>
        {listens && (
          <div className="grid gap-4 md:grid-cols-2">
            <Field id="settings-ports" label="Ports" error={portError} hint="Container ports, e.g. 8080, 9090/udp.">
              <Input value={ports} onChange={(e) => setPorts(e.target.value)} required className="font-mono" autoComplete="off" />
            </Field>
            <Field id="settings-health" label="Health check path" error={f.healthPath} hint="Empty: a TCP connect on the first port.">
              <Input value={healthPath} onChange={(e) => setHealthPath(e.target.value)} placeholder="/healthz" className="font-mono" autoComplete="off" />
            </Field>
          </div>
        )}
        {isScheduled(component.type) && (
          <Field id="settings-schedule" label="Schedule" error={f.schedule} hint='Five cron fields, e.g. "0 3 * * *".'>
            <Input value={schedule} onChange={(e) => setSchedule(e.target.value)} required className="font-mono" autoComplete="off" />
          </Field>
        )}
      </fieldset>
      {canManage && (
        <div className="flex justify-end">
          <Button type="submit" pending={save.pending}>
            Save settings
          </Button>
        </div>
      )}
    </form>
  );
}
