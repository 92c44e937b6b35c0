import type { ReactNode } from 'react';
import { WarningIcon } from './icons';

/** An inline message: an error above a form, or a warning the reader must not miss. */
export function Alert({ tone = 'error', children }: { tone?: 'error' | 'warning'; children: ReactNode }) {
  const styles = tone === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900';
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${styles}`}>
      <WarningIcon className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
