import { LineCounter, parseDocument, visit, isAlias, type Document } from 'yaml';
import type { z } from 'zod';
import { Positions, type TextRange, type YamlPath } from './positions';
import { componentYaml, endpointsYaml, fromComponentYaml, fromEndpointsYaml, typesNeedingContext, type EndpointsSpec } from './spec';

/** One thing wrong with the text, placed where an editor can mark it. */
export interface SpecProblem extends TextRange {
  message: string;
  /** Dotted YAML path ("endpoints.0.port"), when the problem belongs to a key. */
  path?: string;
}

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
const start: TextRange = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/**
 * Parses endpoints.yaml (version 0.1) or component.yaml (schemaVersion 1.2) text into one
 * shape. Every problem carries a line and column: YAML syntax errors, duplicate keys,
 * schema violations (mapped back from zod's path to the node), and the rules across
 * endpoints (unique names, one type per port, exposed ports, uploaded schema files).
 */
export function parseEndpoints(text: string, opts: ParseOptions = {}): ParseResult {
  if (Buffer.byteLength(text, 'utf8') > maxSpecBytes) return fail({ ...start, message: `The file is larger than ${maxSpecBytes / 1024} KiB.` });
  if (!text.trim()) return fail({ ...start, message: 'The file is empty. Start with "version: 0.1" and a list of endpoints.' });
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: true, strict: true });
  const at = new Positions(text, doc, lc);
  if (doc.errors.length) {
    return { ok: false, problems: doc.errors.map((e) => ({ ...at.range(e.pos[0], e.pos[1]), message: yamlMessage(e.message, e.code) })) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError) return fail({ ...firstAlias(doc, at), message: 'Too many aliases: this YAML expands to far more than it says (an alias bomb). Write the endpoints out without anchors.' });
    throw e;
  }
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

/** yaml's messages end with " at line L, column C:" and a code excerpt; we carry the position separately. */
function yamlMessage(message: string, code: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return 'Duplicate key: each key appears once in a map.';
  return `Not valid YAML: ${first}`;
}

function firstAlias(doc: Document.Parsed, at: Positions): TextRange {
  let found: TextRange | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) found = at.range(node.range[0], node.range[1]);
      return visit.BREAK;
    },
  });
  return found ?? start;
}

function zodProblems(error: z.ZodError, at: Positions): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ ...at.key(path, key), path: [...path, key].join('.'), message: `Unknown key "${key}".${allowedKeysHint(path)}` });
    } else if (path.length && !at.has(path)) {
      problems.push({ ...at.at(path), path: path.join('.'), message: `"${path[path.length - 1]}" is required here.` });
    } else {
      problems.push({ ...at.at(path), path: path.join('.') || undefined, message: issue.message });
    }
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
