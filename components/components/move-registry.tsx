'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { moveRegistryAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

interface MoveRegistryProps {
  target: { org: string; project: string; component: string };
  currentRegistryId: string;
  registries: { id: string; displayName: string; host: string }[];
}

/** Move to another registry: the image is re-resolved there before anything changes. */
export function MoveRegistryButton({ target, currentRegistryId, registries }: MoveRegistryProps) {
  const router = useRouter();
  const toast = useToast();
  const others = registries.filter((r) => r.id !== currentRegistryId);
  const [open, setOpen] = useState(false);
  const [registryId, setRegistryId] = useState(others[0]?.id ?? '');
  const [image, setImage] = useState('');
  const move = useServerAction(moveRegistryAction, {
    onSuccess(r) {
      setOpen(false);
      toast.success(`Moved: deployments now pull ${r.image}${r.sameDigest ? ' (the same digest as now).' : '. Its digest differs from what runs now: deploy it when ready.'}`);
      router.refresh();
    },
  });
  if (!others.length) return <p className="mt-1 text-xs text-zinc-600">Register another registry to move this component.</p>;
  return (
    <>
      <Button variant="secondary" size="sm" className="mt-1" onClick={() => setOpen(true)}>
        Move to another registry…
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Move to another registry" description="The image is looked up on the new registry first; nothing changes if it is not there.">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            move.run(target.org, target.project, target.component, { registryId, ...(image.trim() ? { image: image.trim() } : {}) });
          }}
        >
          {move.formError && <Alert>{move.formError}</Alert>}
          <Field id="move-registry" label="Registry" error={move.fields.registryId}>
            <Select value={registryId} onChange={(e) => setRegistryId(e.target.value)} autoFocus>
              {others.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName} ({r.host})
                </option>
              ))}
            </Select>
          </Field>
          <Field id="move-image" label="Image URL" error={move.fields.image} hint="Optional: by default the same repository and tag on the new registry.">
            <Input value={image} onChange={(e) => setImage(e.target.value)} autoComplete="off" spellCheck={false} className="font-mono" placeholder={`${others.find((r) => r.id === registryId)?.host ?? ''}/…`} />
          </Field>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={move.pending}>
              Move
            </Button>
          </DialogFooter>
        </form>
      </Dialog>
    </>
  );
}
