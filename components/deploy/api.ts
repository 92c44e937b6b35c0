/** REST base of one component; the console's session cookie authenticates these reads. */
export function componentApi(org: string, project: string, component: string): string {
  return `/api/v1/orgs/${org}/projects/${project}/components/${component}`;
}

/** GET a REST route; a failure throws with the route's own message. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `The request failed (${res.status}).`);
  return body as T;
}
