'use client';

import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface TabsProps<T extends string> {
  /** What the tabs choose between, for screen readers. */
  label: string;
  items: { id: T; label: ReactNode }[];
  value: T;
  onChange(id: T): void;
  /** The active tab's panel. */
  children: ReactNode;
  size?: 'sm' | 'md';
}

/**
 * WAI-ARIA tabs with automatic activation: arrows, Home and End move between tabs, Tab
 * moves into the panel. Only the active panel is rendered.
 */
export function Tabs<T extends string>({ label, items, value, onChange, children, size = 'md' }: TabsProps<T>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: T) => `${base}-tab-${id}`;

  function onKey(e: KeyboardEvent) {
    const at = items.findIndex((i) => i.id === value);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = items[(to + items.length) % items.length];
    onChange(next.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(next.id))}`)?.focus();
  }

  return (
    <div>
      <div ref={list} role="tablist" aria-label={label} onKeyDown={onKey} className="flex gap-1 overflow-x-auto border-b border-zinc-200">
        {items.map((item) => {
          const active = item.id === value;
          return (
            <button
              key={item.id}
              id={tabId(item.id)}
              type="button"
              role="tab"
              aria-selected={active}
              aria-controls={`${base}-panel`}
              tabIndex={active ? 0 : -1}
              onClick={() => onChange(item.id)}
              className={`-mb-px border-b-2 whitespace-nowrap ${size === 'sm' ? 'px-2.5 py-1.5 text-xs' : 'px-3 py-2 text-sm'} ${active ? 'border-accent-600 font-medium text-accent-700' : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900'}`}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      <div id={`${base}-panel`} role="tabpanel" aria-labelledby={tabId(value)} className="pt-4">
        {children}
      </div>
    </div>
  );
}
