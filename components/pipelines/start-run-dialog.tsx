'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Select } from '@/components/ui/input';
import { initialValues, runFields } from './run-form';
import type { ParameterView } from './types';

/** Start New Run: a form generated from the spec's parameters (an enum is a select, defaults filled in). */
export function StartRunDialog({ open, onClose, parameters, pending, error, onStart }: { open: boolean; onClose(): void; parameters: ParameterView[]; pending: boolean; error?: string; onStart(values: Record<string, string>): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Start New Run" description={parameters.length ? 'Set the run-time parameters of this run.' : 'This pipeline takes no parameters.'}>
      {open && <StartRunForm parameters={parameters} pending={pending} error={error} onStart={onStart} onClose={onClose} />}
    </Dialog>
  );
}

function StartRunForm({ parameters, pending, error, onStart, onClose }: { parameters: ParameterView[]; pending: boolean; error?: string; onStart(v: Record<string, string>): void; onClose(): void }) {
  const fields = runFields(parameters);
  const [values, setValues] = useState(() => initialValues(fields));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onStart(values);
      }}
      className="space-y-4"
    >
      {fields.map((f) => (
        <Field key={f.name} id={`run-param-${f.name}`} label={f.label} hint={f.help}>
          {f.kind === 'select' ? (
            <Select value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          ) : (
            <Input value={values[f.name]} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
          )}
        </Field>
      ))}
      {error && <p className="text-sm text-red-700">{error}</p>}
      <DialogFooter>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={pending}>
          Start run
        </Button>
      </DialogFooter>
    </form>
  );
}
