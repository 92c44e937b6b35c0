'use client';

import { useRouter } from 'next/navigation';
import { setScheduleAction } from './actions';
import type { ComponentRef } from '@/components/deploy/component-ref';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import { describeCron } from '@/lib/schedule';
import { useRefreshTask } from './queries';
import { ScheduleEditor } from './schedule-editor';
import { useScheduleEditor, type ScheduleValue } from './use-schedule-editor';

interface ScheduleDialogProps {
  open: boolean;
  onClose(): void;
  target: ComponentRef;
  environment: { name: string; displayName: string };
  /** The schedule to start from: the environment's, or the component's default. */
  initial: Partial<ScheduleValue> | null;
}

/** Set or edit a scheduled task's schedule in one environment. */
export function ScheduleDialog({ open, onClose, target, environment, initial }: ScheduleDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} size="lg" title={`Schedule in ${environment.displayName}`} description="When the task runs on its own. Run Now on the Execute page still works at any time.">
      <ScheduleForm onClose={onClose} target={target} environment={environment} initial={initial} />
    </Dialog>
  );
}

function ScheduleForm({ onClose, target, environment, initial }: Omit<ScheduleDialogProps, 'open'>) {
  const editor = useScheduleEditor(initial);
  const toast = useToast();
  const router = useRouter();
  const refresh = useRefreshTask(target.api);
  const save = useServerAction(setScheduleAction, {
    onSuccess(s) {
      toast.success(`Schedule saved: ${s.description || describeCron(s.cron)} (${s.timeZone}).`);
      onClose();
      void refresh();
      router.refresh();
    },
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (editor.valid) save.run(target.org, target.project, target.component, environment.name, editor.value);
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <ScheduleEditor editor={editor} errors={save.fields} autoFocus />
      <DialogFooter>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={save.pending} disabled={!editor.valid}>
          Save schedule
        </Button>
      </DialogFooter>
    </form>
  );
}
