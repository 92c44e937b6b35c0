'use client';

import { useState, type ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { CopyField } from './copy-field';
import { DialogFooter, useEscapeGuard } from './dialog';

/**
 * A freshly created secret, shown this once with a Copy button; closing forgets it for good.
 * Escape does not lose it by accident: the first press asks, the second closes.
 */
export function ShownOnce({ id, label, value, what, children, onDone }: { id: string; label: string; value: string; what: string; children: ReactNode; onDone(): void }) {
  const [asked, setAsked] = useState(false);
  useEscapeGuard(() => {
    if (asked) return true;
    setAsked(true);
    return false;
  });
  return (
    <div className="space-y-4">
      {asked && (
        <Alert tone="warning">
          <span role="alert">Close without copying? The {what} will not be shown again. Press Escape again to close, or choose Done.</span>
        </Alert>
      )}
      <p className="text-zinc-700">{children}</p>
      <CopyField id={id} label={label} value={value} />
      <Alert tone="warning">Copy the {what} now and store it safely: it is shown only once. Gantry keeps only a hash and cannot show it again.</Alert>
      <DialogFooter>
        <Button onClick={onDone}>Done</Button>
      </DialogFooter>
    </div>
  );
}
