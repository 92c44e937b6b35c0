/**
 * The verbs of the newer contract take one input with the route's names inside it
 * (`{ org, project, component, ...body }`). The path wins over anything the body says, and
 * a body that is not a JSON object is passed on as is under `body`, for the verb's strict
 * schema to refuse by name.
 */
export function withParams(params: Record<string, string>, body: unknown): Record<string, unknown> {
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : body === undefined ? {} : { body };
  return { ...fields, ...params };
}
