'use client';

import Link from 'next/link';
import { createContext, useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { CheckIcon } from './icons';

/** Closes the menu; `refocus` returns focus to the trigger (for actions that stay on the page). */
const MenuContext = createContext<(refocus: boolean) => void>(() => {});

interface MenuProps {
  /** The trigger's content. */
  trigger: ReactNode;
  triggerClassName?: string;
  /** An accessible name when the trigger's content does not say enough. */
  triggerLabel?: string;
  align?: 'left' | 'right';
  children: ReactNode;
}

/**
 * A dropdown menu (WAI-ARIA menu button): Enter, Space or ArrowDown opens it and focuses
 * the first item; arrows, Home and End move; Escape closes and returns focus; Tab and a
 * click outside close it.
 */
export function Menu({ trigger, triggerClassName = '', triggerLabel, align = 'left', children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => Array.from(panel.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function close(refocus = true) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onPanelKey(e: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(list.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
  }

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-label={triggerLabel}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={panel}
          id={menuId}
          role="menu"
          onKeyDown={onPanelKey}
          className={`absolute top-full z-40 mt-1 max-h-[min(28rem,70vh)] w-64 overflow-y-auto rounded-lg border border-zinc-200 bg-white py-1 shadow-lg ${align === 'right' ? 'right-0' : 'left-0'}`}
        >
          <MenuContext.Provider value={close}>{children}</MenuContext.Provider>
        </div>
      )}
    </div>
  );
}

const itemClass = 'flex w-full items-center gap-2 px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none';

export function MenuLink({ href, current, children }: { href: string; current?: boolean; children: ReactNode }) {
  const close = useContext(MenuContext);
  return (
    <Link href={href} role={current === undefined ? 'menuitem' : 'menuitemradio'} aria-checked={current} tabIndex={-1} onClick={() => close(false)} className={itemClass}>
      <span className="min-w-0 flex-1">{children}</span>
      {current && <CheckIcon className="size-4 shrink-0 text-accent-600" />}
    </Link>
  );
}

export function MenuButton({ onSelect, children }: { onSelect(): void; children: ReactNode }) {
  const close = useContext(MenuContext);
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      onClick={() => {
        close(true);
        onSelect();
      }}
      className={itemClass}
    >
      {children}
    </button>
  );
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-3 pt-2 pb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">{children}</div>;
}

export function MenuSeparator() {
  return <div role="separator" className="my-1 border-t border-zinc-100" />;
}
