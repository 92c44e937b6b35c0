'use client';

import { useEffect, useRef } from 'react';
import { CheckCircleIcon, WarningIcon } from '@/components/ui/icons';
import type { CheckResult } from './types';

const styles = {
  ok: { box: 'border-emerald-200 bg-emerald-50 text-emerald-900', icon: 'text-emerald-600', title: 'Connection OK' },
  failed: { box: 'border-red-200 bg-red-50 text-red-900', icon: 'text-red-600', title: 'Connection failed' },
  unverifiable: { box: 'border-amber-200 bg-amber-50 text-amber-900', icon: 'text-amber-600', title: 'Reachable, but access cannot be verified' },
} as const;

/** The inline answer of Test connection: green, red, or amber when the control plane cannot tell. */
export function CheckResultBox({ result }: { result: CheckResult }) {
  const s = styles[result.status];
  const ref = useRef<HTMLDivElement>(null);
  // The answer appears below the fold of a long form: bring it into view.
  useEffect(() => {
    // Braces: Chromium's scrollIntoView may return a promise, which React would call as a cleanup.
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [result]);
  return (
    <div ref={ref} className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${s.box}`} data-status={result.status}>
      {result.status === 'ok' ? <CheckCircleIcon className={`mt-0.5 size-4 shrink-0 ${s.icon}`} /> : <WarningIcon className={`mt-0.5 size-4 shrink-0 ${s.icon}`} />}
      <div className="min-w-0 break-words">
        <p className="font-medium">{s.title}</p>
        <p>{result.message}</p>
      </div>
    </div>
  );
}

export function Spinner({ className = 'size-3.5' }: { className?: string }) {
  return <span aria-hidden="true" className={`inline-block shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent ${className}`} />;
}
