import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Headers>();

/** Runs fn as if inside a request with these headers (used to call server actions from tests and scripts). */
export function withRequestHeaders<T>(headers: Headers, fn: () => Promise<T>): Promise<T> {
  return scope.run(headers, fn);
}

/** The current request's headers: the explicit scope if set, else Next's request headers. */
export async function requestHeaders(): Promise<Headers> {
  const explicit = scope.getStore();
  if (explicit) return explicit;
  const { headers } = await import('next/headers');
  return new Headers(await headers());
}
