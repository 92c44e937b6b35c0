'use client';

import { createContext, useContext, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ChevronDownIcon } from './icons';

const control =
  'block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-accent-500 disabled:bg-zinc-100 disabled:text-zinc-500 aria-invalid:border-red-500 border-zinc-300';

interface FieldState {
  id: string;
  descId?: string;
  invalid: boolean;
}
const FieldContext = createContext<FieldState | null>(null);

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  /** Shown under the control instead of the hint, and announced with it. */
  error?: string;
  /** Marks the hint as a warning (live validation) without blocking submission. */
  hintTone?: 'normal' | 'warning';
  children: ReactNode;
}

/** A label, one control and its hint or error; the control inside picks up id, aria-invalid and aria-describedby. */
export function Field({ id, label, hint, error, hintTone = 'normal', children }: FieldProps) {
  const text = error ?? hint;
  const descId = text ? `${id}-desc` : undefined;
  return (
    <FieldContext.Provider value={{ id, descId, invalid: !!error }}>
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
          {label}
        </label>
        {children}
        {text && (
          <p id={descId} className={`text-xs ${error ? 'text-red-600' : hintTone === 'warning' ? 'text-amber-700' : 'text-zinc-500'}`}>
            {text}
          </p>
        )}
      </div>
    </FieldContext.Provider>
  );
}

function useFieldProps() {
  const f = useContext(FieldContext);
  return f ? { id: f.id, 'aria-describedby': f.descId, 'aria-invalid': f.invalid || undefined } : {};
}

export function Input({ className = '', ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input {...useFieldProps()} className={`${control} h-9 ${className}`} {...props} />;
}

export function Textarea({ className = '', ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...useFieldProps()} className={`${control} py-2 ${className}`} {...props} />;
}

/** A native select (keyboard and screen readers for free) with the console's chevron; className sizes the wrapper. */
export function Select({ className = '', ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className={`relative ${className}`}>
      <select {...useFieldProps()} className={`${control} h-9 appearance-none pr-9`} {...props} />
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-500" />
    </div>
  );
}
