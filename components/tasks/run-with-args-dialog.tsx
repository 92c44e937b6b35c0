'use client';

import { useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { CloseIcon, PlusIcon } from '@/components/ui/icons';
import { useInitialFocus } from './use-initial-focus';

interface RunWithArgsDialogProps {
  open: boolean;
  onClose(): void;
  environmentLabel: string;
  pending: boolean;
  error?: string;
  onRun(args: string[]): void;
}

/** Run with Arguments: one argument per field, passed to the image's entrypoint as they are (no shell splitting). */
export function RunWithArgsDialog({ open, onClose, environmentLabel, pending, error, onRun }: RunWithArgsDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Run with Arguments" description={<>Runs the task once in {environmentLabel} with the arguments below.</>}>
      <ArgsForm onClose={onClose} pending={pending} error={error} onRun={onRun} />
    </Dialog>
  );
}

function ArgsForm({ onClose, pending, error, onRun }: Omit<RunWithArgsDialogProps, 'open' | 'environmentLabel'>) {
  const [args, setArgs] = useState<{ key: number; value: string }[]>([{ key: 0, value: '' }]);
  const next = useRef(1);
  const list = useRef<HTMLOListElement>(null);
  const first = useInitialFocus<HTMLInputElement>();

  function add() {
    setArgs((a) => [...a, { key: next.current++, value: '' }]);
    // Focus the new field once it exists.
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        // An empty last field is an unused slot, not an empty-string argument.
        const values = args.map((a) => a.value);
        while (values.length && values[values.length - 1] === '') values.pop();
        onRun(values);
      }}
    >
      {error && <Alert>{error}</Alert>}
      <div className="rounded-lg bg-zinc-50 p-3 text-xs leading-5 text-zinc-600">
        Each field is one argument, passed exactly as typed (spaces and quotes included, no shell). If the image has an <code className="font-mono">ENTRYPOINT</code>, it
        receives these arguments; if it has only a <code className="font-mono">CMD</code>, the <code className="font-mono">CMD</code> is replaced, so the first argument is
        the program to run.
      </div>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">Arguments</legend>
        <ol ref={list} className="space-y-2">
          {args.map((a, i) => (
            <li key={a.key} className="flex items-center gap-2">
              <span className="w-5 text-right font-mono text-xs text-zinc-500" aria-hidden="true">
                {i + 1}
              </span>
              <input
                aria-label={`Argument ${i + 1}`}
                ref={i === 0 ? first : undefined}
                value={a.value}
                onChange={(e) => setArgs((all) => all.map((x) => (x.key === a.key ? { ...x, value: e.target.value } : x)))}
                autoComplete="off"
                spellCheck={false}
                className="block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 font-mono text-sm text-zinc-900 shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-accent-500"
              />
              <Button variant="ghost" size="sm" aria-label={`Remove argument ${i + 1}`} disabled={args.length === 1} onClick={() => setArgs((all) => all.filter((x) => x.key !== a.key))}>
                <CloseIcon className="size-4" />
              </Button>
            </li>
          ))}
        </ol>
        <Button variant="secondary" size="sm" className="mt-2" onClick={add}>
          <PlusIcon className="size-4" />
          Add argument
        </Button>
      </fieldset>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Run
        </Button>
      </DialogFooter>
    </form>
  );
}
