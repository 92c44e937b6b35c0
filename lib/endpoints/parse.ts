import type { z } from 'zod';
import { placeIssue, readYaml, type PlacedProblem } from '@/lib/yaml/read-yaml';
import type { Positions, YamlPath } from './positions';
import { componentYaml, endpointsYaml, fromComponentYaml, fromEndpointsYaml, typesNeedingContext, type EndpointsSpec } from './spec';

/** One thing wrong with the text, placed where an editor can mark it. */
export type SpecProblem = PlacedProblem;

export type ParseResult = { ok: true; spec: EndpointsSpec } | { ok: false; problems: SpecProblem[] };

export interface ParseOptions {
  /** The image's exposed ports; when known (non-empty), an endpoint must use one of them. */
  exposedPorts?: readonly number[];
  /** Uploaded schema file names; when given, a schemaFilePath must name one of them. */
  schemaFiles?: readonly string[];
}

export const maxSpecBytes = 64 * 1024;
/** Anchors are rare in endpoint files; a handful is plenty, and it stops "billion laughs" expansion. */
const maxAliasCount = 10;

/**
 * Parses endpoints.yaml (version 0.1) or component.yaml (schemaVersion 1.2) text into one
 * shape. Every problem carries a line and column: YAML syntax errors, duplicate keys,
 * schema violations (mapped back from zod's path to the node), and the rules across
 * endpoints (unique names, one type per port, exposed ports, uploaded schema files).
 */
export function parseEndpoints(text: string, opts: ParseOptions = {}): ParseResult {
  const read = readYaml(text, {
    maxBytes: maxSpecBytes,
    maxAliasCount,
    what: 'file',
    empty: 'The file is empty. Start with "version: 0.1" and a list of endpoints.',
    aliasAdvice: 'Write the endpoints out without anchors.',
  });
  if (read.problems) return { ok: false, problems: read.problems };
  const { at, value } = read;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return fail({ ...at.at([]), message: 'The file is a map with "version: 0.1" and "endpoints" (or "schemaVersion: 1.2" and "endpoints").' });
  }
  const isComponentYaml = 'schemaVersion' in value;
  const parsed = isComponentYaml ? componentYaml.safeParse(value) : endpointsYaml.safeParse(value);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, at) };
  const spec = isComponentYaml ? fromComponentYaml(parsed.data as z.output<typeof componentYaml>) : fromEndpointsYaml(parsed.data as z.output<typeof endpointsYaml>);
  const problems = crossChecks(spec, at, opts);
  return problems.length ? { ok: false, problems } : { ok: true, spec };
}

function fail(p: SpecProblem): ParseResult {
  return { ok: false, problems: [p] };
}

function zodProblems(error: z.ZodError, at: Positions): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    problems.push(...placeIssue(issue, path, at, { hint: allowedKeysHint }));
  }
  return problems;
}

function allowedKeysHint(path: YamlPath): string {
  if (path.length === 0) return ' An endpoints.yaml has "version" and "endpoints"; a component.yaml has "schemaVersion" and "endpoints".';
  if (path.length === 2 && path[0] === 'endpoints') return ' See the hover on "endpoints" for the keys of an endpoint.';
  return '';
}

/** Rules across endpoints, which no per-field schema can say. */
function crossChecks(spec: EndpointsSpec, at: Positions, opts: ParseOptions): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const c = spec.format === 'component.yaml';
  const portPath = (i: number): YamlPath => (c ? ['endpoints', i, 'service', 'port'] : ['endpoints', i, 'port']);
  const mark = (path: YamlPath, message: string) => problems.push({ ...at.at(path), path: path.join('.'), message });
  const names = new Map<string, number>();
  const portTypes = new Map<number, { type: string; index: number }>();
  const exposed = opts.exposedPorts?.length ? new Set(opts.exposedPorts) : undefined;
  const files = opts.schemaFiles ? new Set(opts.schemaFiles) : undefined;

  spec.endpoints.forEach((e, i) => {
    const key = e.name.toLowerCase();
    const seen = names.get(key);
    if (seen !== undefined) mark(['endpoints', i, 'name'], `Duplicate endpoint name "${e.name}": endpoint ${seen + 1} already uses it.`);
    else names.set(key, i);

    const other = portTypes.get(e.port);
    if (other && other.type !== e.type) mark(portPath(i), `Port ${e.port} is already endpoint ${other.index + 1}'s ${other.type} port; one port serves one type (this one is ${e.type}).`);
    else if (!other) portTypes.set(e.port, { type: e.type, index: i });

    if (exposed && !exposed.has(e.port)) mark(portPath(i), `Port ${e.port} is not exposed by the image (it exposes ${[...exposed].join(', ')}).`);
    if (typesNeedingContext.includes(e.type) && !e.context) mark(c ? ['endpoints', i, 'service'] : ['endpoints', i], `A ${e.type} endpoint needs a ${c ? 'service.basePath' : 'context'} (for example /${e.name.toLowerCase()}).`);
    if (e.schemaFile && files && !files.has(e.schemaFile)) {
      mark(['endpoints', i, 'schemaFilePath'], `No schema file named "${e.schemaFile}" is uploaded${files.size ? ` (uploaded: ${[...files].join(', ')})` : ''}. Upload it beside the editor, or fix the name.`);
    }
  });
  return problems;
}
