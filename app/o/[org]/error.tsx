'use client';

import { Button } from '@/components/ui/button';
import { WarningIcon } from '@/components/ui/icons';

/** An unexpected failure inside the console; the shell around it keeps working. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center">
      <div className="mx-auto mb-4 flex size-10 items-center justify-center rounded-full bg-red-50 text-red-600">
        <WarningIcon className="size-5" />
      </div>
      <h1 className="text-base font-semibold text-zinc-900">Something went wrong</h1>
      <p className="mt-2 text-zinc-600">This page could not be loaded. Try again; if it keeps failing, give an admin this reference: {error.digest ?? 'none'}.</p>
      <Button variant="secondary" className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
