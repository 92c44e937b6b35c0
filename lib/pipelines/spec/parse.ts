import { LineCounter, parseDocument, visit, isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import { Positions, type TextRange, type YamlPath } from '@/lib/endpoints/positions';
import { crossCheck, type ReferenceOptions } from './references';
import { maxSteps, pipelineSpec, type PipelineSpec } from './schema';

/** One thing wrong with the text, placed where an editor can mark it (1-based). */
export interface SpecError extends TextRange {
  message: string;
  /** Dotted YAML path ("steps.1.0.timeout"), when the error belongs to a node. */
  path?: string;
}

export type ParseResult = { spec: PipelineSpec; errors?: undefined } | { spec?: undefined; errors: SpecError[] };

export const maxPipelineBytes = 256 * 1024;
/** Anchors help in pipelines (shared env lists), but a bounded number: it stops "billion laughs". */
const maxAliasCount = 50;
const start: TextRange = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/**
 * Parses pipeline YAML into the typed spec, or returns every error with its position: YAML
 * syntax, duplicate keys, alias bombs, unquoted {{…}} (YAML reads it as a map), numbers
 * where strings are meant (`version: 1.0`), unknown keys, schema violations, more than
 * `maxSteps` steps, and the cross-document rules of references.ts. Nothing is run on error.
 */
export function parsePipelineYaml(text: string, opts: ReferenceOptions = {}): ParseResult {
  if (text.includes('\0')) return fail({ ...start, message: 'The text contains a NUL byte.' });
  if (Buffer.byteLength(text, 'utf8') > maxPipelineBytes) return fail({ ...start, message: `The pipeline is larger than ${maxPipelineBytes / 1024} KiB.` });
  if (!text.trim()) return fail({ ...start, message: 'The pipeline is empty. Start with "steps:" and a list of steps.' });
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: true, strict: true, version: '1.2' });
  const at = new Positions(text, doc, lc);
  if (doc.errors.length) return { errors: doc.errors.map((e) => ({ ...at.range(e.pos[0], e.pos[1]), message: yamlMessage(e.message, e.code) })) };

  const unquoted = unquotedTemplates(doc, at);
  if (unquoted.length) return { errors: unquoted };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (e) {
    if (e instanceof ReferenceError) return fail({ ...firstAlias(doc, at), message: 'Too many aliases: this YAML expands to far more than it says (an alias bomb). Write it out without so many anchors.' });
    throw e;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail({ ...at.at([]), message: 'A pipeline is a map with "steps" (and optionally parameters, templates, volumes, timeout).' });

  const steps = (value as { steps?: unknown }).steps;
  if (Array.isArray(steps)) {
    const count = steps.reduce<number>((n, s) => n + (Array.isArray(s) ? s.length : 1), 0);
    if (count > maxSteps) return fail({ ...at.key([], 'steps'), path: 'steps', message: `The pipeline has ${count} steps; at most ${maxSteps} are allowed.` });
  }

  const parsed = pipelineSpec.safeParse(value);
  if (!parsed.success) return { errors: byPosition(zodErrors(parsed.error.issues, [], doc, at)) };
  const cross = crossCheck(parsed.data, opts);
  if (cross.length) return { errors: byPosition(cross.map((p) => ({ ...at.at(p.path), path: p.path.join('.'), message: p.message }))) };
  return { spec: parsed.data };
}

function byPosition(errors: SpecError[]): SpecError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}

function fail(e: SpecError): ParseResult {
  return { errors: [e] };
}

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

/** `value: {{X}}` without quotes is a flow map holding a map: say what was meant. */
function unquotedTemplates(doc: Document.Parsed, at: Positions): SpecError[] {
  const errors: SpecError[] = [];
  visit(doc, {
    Map(_, node) {
      if (node.flow && node.items.length === 1 && isMap(node.items[0].key) && node.range) {
        errors.push({ ...at.range(node.range[0], node.range[1]), message: 'An unquoted {{…}}: YAML reads it as a map. Quote the value ("{{VARIABLES.X}}").' });
        return visit.SKIP;
      }
    },
  });
  return errors;
}

type Issue = z.core.$ZodIssue;

function zodErrors(issues: readonly Issue[], prefix: YamlPath, doc: Document.Parsed, at: Positions): SpecError[] {
  const errors: SpecError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')];
    if (issue.code === 'invalid_union') {
      errors.push(...zodErrors(bestBranch(issue.errors), path, doc, at));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ ...at.key(path, key), path: [...path, key].join('.'), message: `Unknown key "${key}".${hint(path)}` });
    } else if (path.length && !at.has(path)) {
      errors.push({ ...at.at(path), path: path.join('.'), message: `"${path[path.length - 1]}" is required here.` });
    } else {
      errors.push({ ...at.at(path), path: path.join('.') || undefined, message: typeMessage(issue, path, doc) ?? issue.message });
    }
  }
  return errors;
}

/** Of a union's branches (a step, or a parallel group), report the one the value was meant as. */
function bestBranch(branches: Issue[][]): Issue[] {
  const rootMismatch = (b: Issue[]) => b.filter((i) => i.path.length === 0 && i.code === 'invalid_type').length;
  return [...branches].sort((a, b) => rootMismatch(a) - rootMismatch(b) || a.length - b.length)[0] ?? [];
}

/** A number or boolean where a string is meant: tell the user to quote (1.0 would become 1). */
function typeMessage(issue: Issue, path: YamlPath, doc: Document.Parsed): string | undefined {
  if (issue.code !== 'invalid_type' || issue.expected !== 'string') return undefined;
  const node = doc.getIn(path, true);
  if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
    return `"${path[path.length - 1]}" is a string, but YAML read ${node.source ?? String(node.value)} as a ${typeof node.value}: quote it ("${node.source ?? String(node.value)}").`;
  }
  if (isMap(node) || isSeq(node)) return `"${path[path.length - 1]}" is a string, not a ${isMap(node) ? 'map' : 'list'}.`;
  return undefined;
}

function hint(path: YamlPath): string {
  if (path.length === 0) return ' A pipeline has parameters, arguments, steps, templates, volumes and timeout.';
  if (path[0] === 'steps' && typeof path[path.length - 1] === 'number') return ' See the hover on "steps" for the keys of a step.';
  return '';
}
