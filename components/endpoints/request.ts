/** A REST call that failed, with the route's own message and details (problems, positions). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * Sends JSON to one of the component's REST routes with the console's session. The editor
 * uses REST rather than a server action because a 422 here carries every problem with its
 * line and column, which the editor turns into markers.
 */
export async function sendJson<T>(url: string, method: 'PUT' | 'POST' | 'PATCH' | 'DELETE', body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new RequestError('Could not reach Gantry. Check your connection and try again.', 0);
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as { error?: { message?: string; details?: Record<string, unknown> } } | null;
  if (!res.ok) throw new RequestError(json?.error?.message ?? `The request failed (${res.status}).`, res.status, json?.error?.details);
  return json as T;
}
