'use client';

import { useMutation } from '@tanstack/react-query';
import type { ActionResult } from '@/lib/http/action';
import { useToast } from './toast';

export type ActionError = Extract<ActionResult<unknown>, { ok: false }>['error'];

class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

interface Options<A extends unknown[], T> {
  onSuccess?(data: T, args: A): void;
  onError?(error: ActionError): void;
  /** For one-click actions without a form: report failures as a toast. */
  toastErrors?: boolean;
}

/**
 * Runs a server action (which answers with an ActionResult) through react-query:
 * pending state, field errors keyed like the verb's input, and a form-level message
 * when the failure is not about one field.
 */
export function useServerAction<A extends unknown[], T>(fn: (...args: A) => Promise<ActionResult<T>>, opts: Options<A, T> = {}) {
  const toast = useToast();
  const m = useMutation<T, Error, A>({
    // Results may hold one-time secrets: drop them as soon as no component shows them.
    gcTime: 0,
    mutationFn: async (args) => {
      const result = await fn(...args);
      if (!result.ok) throw new ActionFailure(result.error);
      return result.data;
    },
    onSuccess: (data, args) => opts.onSuccess?.(data, args),
    onError: (e) => {
      if (opts.toastErrors) toast.error(errorOf(e).message);
      opts.onError?.(errorOf(e));
    },
  });
  const error = m.error ? errorOf(m.error) : undefined;
  const fields = error?.fields ?? {};
  const onlyFields = Object.keys(fields).length > 0 && !fields._;
  return {
    run: (...args: A) => m.mutate(args),
    pending: m.isPending,
    /** The last successful result (kept until reset). */
    data: m.data,
    fields,
    /** The message to show above the form, when no field explains the failure. */
    formError: error && !onlyFields && !opts.toastErrors ? error.message : undefined,
    reset: m.reset,
  };
}

function errorOf(e: Error): ActionError {
  return e instanceof ActionFailure ? e.error : { code: 'unavailable', message: 'Could not reach Gantry. Check your connection and try again.' };
}
