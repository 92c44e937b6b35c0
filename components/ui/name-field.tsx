'use client';

import { useState } from 'react';
import { dnsLabelProblem, toDnsLabel } from '@/lib/console/names';
import { Field, Input } from './input';

/** A display name and the immutable name derived from it until the person edits the name. */
export function useDerivedName() {
  const [displayName, setDisplayName] = useState('');
  const [custom, setCustom] = useState<string | null>(null);
  return { displayName, setDisplayName, name: custom ?? toDnsLabel(displayName), setName: setCustom };
}

interface NameFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  /** What the name is used for, e.g. "in URLs". */
  usage: string;
}

/** The immutable DNS-1123 name with a live hint; the server has the last word. */
export function NameField({ id, label, value, onChange, error, usage }: NameFieldProps) {
  const problem = dnsLabelProblem(value);
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hintTone={problem ? 'warning' : 'normal'}
      hint={problem ?? `Lowercase letters, digits and hyphens; used ${usage}. The ${label.toLowerCase()} cannot be changed later.`}
    >
      <Input name={id} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} maxLength={100} className="font-mono" required />
    </Field>
  );
}
