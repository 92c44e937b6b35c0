/**
 * Engine error text becomes a deployment reason that every member and the CI
 * token can read. The engine may quote the container's environment (runc and
 * Podman print "NAME=value" for an environment entry they refuse) and paths of
 * its own storage on the host; neither may get through.
 */

const REDACTED = '[redacted]';

/** An environment entry quoted whole by the engine: "NAME=any value". */
const QUOTED_ENTRY = /"([A-Za-z_][A-Za-z0-9_]*)=(?:[^"\\]|\\.)*"/g;
/** "NAME=value", the value quoted or up to the next space or quote. */
const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)=(?:\[redacted\]|"(?:[^"\\]|\\.)*"?|'[^']*'?|[^\s"',;)\]}]+)/g;

/**
 * Host paths of engine state: Podman/Docker storage and run directories, and
 * any overlay "…/merged" prefix (the rest of such a path is the path inside the
 * container, which is kept: "/bin/busybox/x: not a directory").
 */
const MERGED = /\/\S*?\/(?:overlay|overlay-containers|storage|containers)\/\S*?\/(?:merged|diff|rootfs)(?=\/)/g;
const ENGINE_DIRS = /\/(?:var\/lib|var\/run|run|var\/tmp|tmp)\/(?:containers|docker|libpod|podman|crun|runc|netavark)\S*/g;

/** Shorter values are left to the NAME=value rule: replacing "1" everywhere would garble the message. */
const MIN_LITERAL = 4;

function literalForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1); // how Go's %q and JSON print control characters, roughly
  const goHex = value.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return [...new Set([value, json, goHex])];
}

export interface RedactOptions {
  /** Values that must not appear (the workload's environment values). */
  values?: string[];
  /** Further host paths to hide (Gantry's data directory, the engine socket). */
  paths?: string[];
}

export function redactEngineText(text: string, opts: RedactOptions = {}): string {
  let out = text;
  const literals = (opts.values ?? [])
    .filter((v) => v.length >= MIN_LITERAL)
    .flatMap(literalForms)
    .sort((a, b) => b.length - a.length);
  for (const v of literals) out = out.split(v).join(REDACTED);
  for (const p of opts.paths ?? []) if (p.length > 1) out = out.split(p).join('<host path>');
  out = out.replace(MERGED, '');
  out = out.replace(ENGINE_DIRS, '<engine storage>');
  out = out.replace(QUOTED_ENTRY, (_m, name: string) => `"${name}=${REDACTED}"`);
  out = out.replace(ASSIGNMENT, (_m, name: string) => `${name}=${REDACTED}`);
  return out;
}

/**
 * Podman prefixes some errors with a dump of its internal request
 * ("error during bulk transfer for copier.request{…}: copier: put: … not a
 * directory"): only what follows the dump says what went wrong.
 */
export function engineCause(text: string): string {
  const end = text.lastIndexOf('}: ');
  return end >= 0 && /^[^{]*\w\{/.test(text) ? text.slice(end + 3) : text;
}
