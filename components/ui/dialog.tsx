'use client';

import { createContext, useCallback, useContext, useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { CloseIcon } from './icons';

interface DialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  size?: 'md' | 'lg';
}

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
const fields = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Lets content veto Escape: a shown-once secret asks before it is gone for good. The guard
 * returns true to let the dialog close.
 */
const EscapeGuard = createContext<((guard: (() => boolean) | null) => void) | null>(null);

/** Registers `guard` for Escape while the calling component is mounted inside a Dialog. */
export function useEscapeGuard(guard: () => boolean) {
  const set = useContext(EscapeGuard);
  const latest = useRef(guard);
  useEffect(() => {
    latest.current = guard;
  });
  useEffect(() => {
    set?.(() => latest.current());
    return () => set?.(null);
  }, [set]);
}

/**
 * A modal on the native <dialog>: the page behind is inert, Escape closes (unless the content
 * guards it), Tab cycles inside, and focus returns to the opener. Focus starts on the first
 * field, never on the close button (a space typed into a name must not close the dialog).
 * Content mounts only while open, so forms start fresh each time.
 */
export function Dialog({ open, onClose, title, description, children, size = 'md' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const guard = useRef<(() => boolean) | null>(null);
  const setGuard = useCallback((g: (() => boolean) | null) => {
    guard.current = g;
  }, []);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // showModal focuses the first focusable element: the close button. React's autoFocus ran
      // before the dialog was shown, so it did not take: focus the first field (or button) here.
      const content = d.querySelector<HTMLElement>('[data-dialog-content]');
      const first = content?.querySelector<HTMLElement>(fields) ?? content?.querySelector<HTMLElement>(focusable);
      first?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);

  function trapTab(e: KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(focusable));
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!guard.current || guard.current()) onClose();
      }}
      onKeyDown={trapTab}
      // The browser may close a modal itself (a second Escape without a click between): keep the state in step.
      onClose={() => open && onClose()}
      className={`m-auto w-[calc(100%-2rem)] rounded-xl border border-zinc-200 bg-white p-0 text-left whitespace-normal text-sm text-zinc-900 shadow-xl ${size === 'lg' ? 'max-w-2xl' : 'max-w-lg'}`}
    >
      {open && (
        <div className="p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <div>
              <h2 id={titleId} className="text-base font-semibold text-zinc-900">
                {title}
              </h2>
              {description && <div className="mt-1 text-zinc-600">{description}</div>}
            </div>
            <button type="button" onClick={onClose} aria-label="Close" className="-m-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-700">
              <CloseIcon className="size-4" />
            </button>
          </div>
          <div data-dialog-content>
            <EscapeGuard.Provider value={setGuard}>{children}</EscapeGuard.Provider>
          </div>
        </div>
      )}
    </dialog>
  );
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex justify-end gap-2">{children}</div>;
}
