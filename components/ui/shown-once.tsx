import type { ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { CopyField } from './copy-field';
import { DialogFooter } from './dialog';

/** A freshly created secret, shown this once with a Copy button; closing forgets it for good. */
export function ShownOnce({ id, label, value, what, children, onDone }: { id: string; label: string; value: string; what: string; children: ReactNode; onDone(): void }) {
  return (
    <div className="space-y-4">
      <p className="text-zinc-700">{children}</p>
      <CopyField id={id} label={label} value={value} />
      <Alert tone="warning">Copy the {what} now and store it safely: it is shown only once. Gantry keeps only a hash and cannot show it again.</Alert>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
