'use client';

import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ChevronDownIcon } from '@/components/ui/icons';
import { timeZones, zoneOffset } from '@/lib/schedule';
import { useInitialFocus } from './use-initial-focus';

const SHOWN = 80;

/** "new york", "new_york" and "America/New" all find America/New_York. */
const key = (s: string) => s.toLowerCase().replace(/[_\s]+/g, ' ');

interface TimeZonePickerProps {
  id: string;
  value: string;
  onChange(zone: string): void;
  invalid?: boolean;
  describedBy?: string;
  autoFocus?: boolean;
}

/**
 * A searchable list of IANA time zones (an ARIA combobox): type to filter, arrows to move,
 * Enter to pick, Escape to close. Each zone shows its offset today.
 */
export function TimeZonePicker({ id, value, onChange, invalid, describedBy, autoFocus }: TimeZonePickerProps) {
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const input = useInitialFocus<HTMLInputElement>(autoFocus);
  const open = query !== null;
  const all = timeZones();
  const now = useMemo(() => new Date(), []);
  const matches = useMemo(() => {
    if (!open) return [];
    const needle = key(query);
    return (needle ? all.filter((z) => key(z).includes(needle)) : all).slice(0, SHOWN);
  }, [all, open, query]);

  function pick(zone: string) {
    onChange(zone);
    setQuery(null);
  }

  function move(to: number) {
    const next = Math.max(0, Math.min(matches.length - 1, to));
    setActive(next);
    list.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setQuery('');
        setActive(Math.max(0, all.indexOf(value)));
        return;
      }
      move(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && open) {
      e.preventDefault();
      if (matches[active]) pick(matches[active]);
    } else if (e.key === 'Escape' && open) {
      // Keep a surrounding dialog open: this Escape only closes the list.
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    }
  }

  return (
    <div className="relative">
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        ref={input}
        autoComplete="off"
        spellCheck={false}
        value={open ? query : value}
        placeholder={open ? value : 'Search time zones'}
        onFocus={(e) => e.target.select()}
        onClick={() => !open && setQuery('')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={() => {
          // A typed exact name counts even without picking it from the list.
          if (query && all.includes(query.trim())) onChange(query.trim());
          setQuery(null);
        }}
        onKeyDown={onKey}
        className="block h-9 w-full rounded-md border border-zinc-300 bg-white pr-9 pl-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-accent-500 aria-invalid:border-red-500"
      />
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-zinc-500" />
      {open && (
        <ul ref={list} id={listId} role="listbox" aria-label="Time zones" className="absolute z-20 mt-1 max-h-60 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg">
          {matches.length === 0 && <li className="px-3 py-2 text-zinc-500">No time zone matches “{query}”.</li>}
          {matches.map((z, i) => (
            <li
              key={z}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={z === value}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(z);
              }}
              onMouseEnter={() => setActive(i)}
              className={`flex cursor-pointer justify-between gap-3 px-3 py-1.5 ${i === active ? 'bg-accent-50 text-accent-800' : 'text-zinc-800'}`}
            >
              <span className={z === value ? 'font-medium' : undefined}>{z}</span>
              <span className="font-mono text-xs text-zinc-500">{zoneOffset(z, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
