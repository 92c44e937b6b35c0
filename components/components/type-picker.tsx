'use client';

import { componentTypes, TypeGlyph, type ComponentType } from './type-info';

/** The four component types as a radio group of cards (arrow keys move between them). */
export function TypePicker({ value, onChange, error }: { value: ComponentType; onChange(t: ComponentType): void; error?: string }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">Component type</legend>
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
        {componentTypes.map((t) => (
          <label
            key={t.value}
            className="flex cursor-pointer flex-col gap-1 rounded-lg border border-zinc-200 bg-white p-3 has-checked:border-accent-500 has-checked:bg-accent-50 has-checked:ring-1 has-checked:ring-accent-500 has-focus-visible:outline-2 has-focus-visible:outline-accent-500"
          >
            <input type="radio" name="type" value={t.value} checked={value === t.value} onChange={() => onChange(t.value)} className="sr-only" />
            <span className="flex items-center gap-2 font-medium text-zinc-900">
              <TypeGlyph type={t.value} className="size-4 text-accent-600" />
              {t.label}
            </span>
            <span className="text-xs text-zinc-600">{t.description}</span>
          </label>
        ))}
      </div>
      {error && <p className="mt-1.5 text-xs text-red-600">{error}</p>}
    </fieldset>
  );
}
