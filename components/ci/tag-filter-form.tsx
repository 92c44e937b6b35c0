'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { updateTagFilterAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { CiTarget } from './ci-target';

/** Which pushed tags a registry event may deploy; empty means every tag. */
export function TagFilterForm({ target, initial, canManage }: { target: CiTarget; initial: string | null; canManage: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [value, setValue] = useState(initial ?? '');
  const save = useServerAction(updateTagFilterAction, {
    onSuccess(c) {
      toast.success(c.tagFilter ? `Registry pushes deploy only tags matching “${c.tagFilter}”.` : 'Registry pushes deploy every tag.');
      router.refresh();
    },
  });
  const changed = value.trim() !== (initial ?? '');
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.run(target.org, target.project, target.component, value.trim() || null);
      }}
    >
      {save.formError && <Alert>{save.formError}</Alert>}
      <Field id="tag-filter" label="Tag filter" error={save.fields.tagFilter} hint="A glob such as v* or main-*; * matches any characters, ? one. Empty: every pushed tag deploys.">
        <div className="flex gap-2">
          <Input value={value} onChange={(e) => setValue(e.target.value)} readOnly={!canManage} placeholder="every tag" maxLength={128} autoComplete="off" spellCheck={false} className="max-w-xs font-mono" />
          {canManage && (
            <Button type="submit" variant="secondary" pending={save.pending} disabled={!changed}>
              Save filter
            </Button>
          )}
        </div>
      </Field>
    </form>
  );
}
