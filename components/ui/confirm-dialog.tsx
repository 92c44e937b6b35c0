'use client';

import { useState, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog, DialogFooter } from './dialog';
import { Field, Input } from './input';

interface ConfirmDialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  pending?: boolean;
  /** When set, the person must type this text before the button enables. */
  requireText?: string;
}

/** Asks before a destructive action; Enter confirms once the button is enabled. */
export function ConfirmDialog({ open, onClose, title, children, confirmLabel, onConfirm, pending, requireText }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <ConfirmBody {...{ onClose, children, confirmLabel, onConfirm, pending, requireText }} />
    </Dialog>
  );
}

function ConfirmBody({ onClose, children, confirmLabel, onConfirm, pending, requireText }: Omit<ConfirmDialogProps, 'open' | 'title'>) {
  const [typed, setTyped] = useState('');
  const ready = !requireText || typed === requireText;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onConfirm();
      }}
    >
      <div className="space-y-4 text-zinc-700">
        {children}
        {requireText && (
          <Field id="confirm-text" label={`Type ${requireText} to confirm`}>
            <Input autoFocus autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} className="font-mono" />
          </Field>
        )}
      </div>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={!ready} pending={pending}>
          {confirmLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
