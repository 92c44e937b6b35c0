import { visit, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import type { Positions, YamlPath } from '@/lib/endpoints/positions';
import { placeIssue, readYaml, textStart as start, type PlacedProblem } from '@/lib/yaml/read-yaml';
import { crossCheck, type ReferenceOptions } from './references';
import { maxSteps, pipelineSpec, type PipelineSpec } from './schema';

/** One thing wrong with the text, placed where an editor can mark it (1-based). */
export type SpecError = PlacedProblem;

export type ParseResult = { spec: PipelineSpec; errors?: undefined } | { spec?: undefined; errors: SpecError[] };

export const maxPipelineBytes = 256 * 1024;
/** Anchors help in pipelines (shared env lists), but a bounded number: it stops "billion laughs". */
const maxAliasCount = 50;

/**
 * Parses pipeline YAML into the typed spec, or returns every error with its position: YAML
 * syntax, duplicate keys, alias bombs, unquoted {{…}} (YAML reads it as a map), numbers
 * where strings are meant (`version: 1.0`), unknown keys, schema violations, more than
 * `maxSteps` steps, and the cross-document rules of references.ts. Nothing is run on error.
 */
export function parsePipelineYaml(text: string, opts: ReferenceOptions = {}): ParseResult {
  if (text.includes('\0')) return fail({ ...start, message: 'The text contains a NUL byte.' });
  const read = readYaml(text, {
    maxBytes: maxPipelineBytes,
    maxAliasCount,
    what: 'pipeline',
    empty: 'The pipeline is empty. Start with "steps:" and a list of steps.',
    aliasAdvice: 'Write it out without so many anchors.',
    check: unquotedTemplates,
  });
  if (read.problems) return { errors: read.problems };
  const { doc, at, value } = read;
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
    } else {
      errors.push(...placeIssue(issue, path, at, { hint, message: typeMessage(issue, path, doc) }));
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
