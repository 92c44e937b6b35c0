'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { CheckCircleIcon, CloseIcon, WarningIcon } from './icons';

type Tone = 'success' | 'error' | 'progress';
interface Toast {
  id: number;
  tone: Tone;
  message: string;
}
export interface ToastHandle {
  /** Turns a progress toast into its outcome ("Deploying…" → "Deployed"), which then fades as usual. */
  settle(tone: 'success' | 'error', message: string): void;
}
interface ToastApi {
  success(message: string): void;
  error(message: string): void;
  /** A toast that stays until settled: for work that finishes later (a deployment rolling out). */
  progress(message: string): ToastHandle;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>.');
  return api;
}

/** Result messages in the corner: success fades after 5 s, errors after 10 s, progress stays until settled; all can be closed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const fade = useCallback((id: number, tone: Tone) => setTimeout(() => dismiss(id), tone === 'error' ? 10_000 : 5_000), [dismiss]);
  const push = useCallback(
    (tone: Tone, message: string) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { id, tone, message }]);
      if (tone !== 'progress') fade(id, tone);
      return id;
    },
    [fade],
  );
  const api = useMemo<ToastApi>(
    () => ({
      success: (m) => void push('success', m),
      error: (m) => void push('error', m),
      progress(m) {
        const id = push('progress', m);
        return {
          settle(tone, message) {
            // Shown again if it had been closed or pushed out: the outcome is the news.
            setToasts((all) => (all.some((t) => t.id === id) ? all.map((t) => (t.id === id ? { id, tone, message } : t)) : [...all.slice(-3), { id, tone, message }]));
            fade(id, tone);
          },
        };
      },
    }),
    [push, fade],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.tone === 'error' ? 'alert' : 'status'}
            className="pointer-events-auto flex items-start gap-2 rounded-lg border border-zinc-200 bg-white p-3 shadow-lg"
          >
            {t.tone === 'success' ? (
              <CheckCircleIcon className="mt-0.5 size-4 shrink-0 text-emerald-600" />
            ) : t.tone === 'progress' ? (
              <span aria-hidden="true" className="mt-1 size-3 shrink-0 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />
            ) : (
              <WarningIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
            )}
            <p className="flex-1 text-zinc-800">{t.message}</p>
            <button type="button" onClick={() => dismiss(t.id)} className="rounded text-zinc-500 hover:text-zinc-700" aria-label="Dismiss">
              <CloseIcon className="size-4" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
