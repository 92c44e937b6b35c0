import { LineCounter, parseDocument, visit, isAlias, type Document } from 'yaml';
import type { z } from 'zod';
import { Positions, type TextRange, type YamlPath } from '@/lib/endpoints/positions';

/**
 * The front every YAML spec the console edits goes through (endpoints.yaml, pipelines):
 * bounded size, syntax errors and duplicate keys at their position, a bounded number of
 * aliases ("billion laughs"), and zod issues mapped back to the node they are about.
 */

/** One thing wrong with the text, placed where an editor can mark it (1-based). */
export interface PlacedProblem extends TextRange {
  message: string;
  /** Dotted YAML path ("endpoints.0.port"), when the problem belongs to a node. */
  path?: string;
}

export const textStart: TextRange = { line: 1, column: 1, endLine: 1, endColumn: 2 };

export interface ReadYamlOptions {
  maxBytes: number;
  maxAliasCount: number;
  /** What the text is, for the size message ("file", "pipeline"). */
  what: string;
  /** Said when the text is empty: how to start. */
  empty: string;
  /** Said after "Too many aliases: …": how to write it instead. */
  aliasAdvice: string;
  /** More checks on the parsed document before it becomes a value (problems stop there). */
  check?(doc: Document.Parsed, at: Positions): PlacedProblem[];
}

export type ReadYaml = { problems: PlacedProblem[] } | { problems?: undefined; doc: Document.Parsed; at: Positions; value: unknown };

export function readYaml(text: string, opts: ReadYamlOptions): ReadYaml {
  if (Buffer.byteLength(text, 'utf8') > opts.maxBytes) return { problems: [{ ...textStart, message: `The ${opts.what} is larger than ${opts.maxBytes / 1024} KiB.` }] };
  if (!text.trim()) return { problems: [{ ...textStart, message: opts.empty }] };
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: true, strict: true, version: '1.2' });
  const at = new Positions(text, doc, lc);
  if (doc.errors.length) return { problems: doc.errors.map((e) => ({ ...at.range(e.pos[0], e.pos[1]), message: yamlMessage(e.message, e.code) })) };
  const checked = opts.check?.(doc, at) ?? [];
  if (checked.length) return { problems: checked };
  try {
    return { doc, at, value: doc.toJS({ maxAliasCount: opts.maxAliasCount }) };
  } catch (e) {
    if (e instanceof ReferenceError) return { problems: [{ ...firstAlias(doc, at), message: `Too many aliases: this YAML expands to far more than it says (an alias bomb). ${opts.aliasAdvice}` }] };
    throw e;
  }
}

/** yaml's messages end with " at line L, column C:" and a code excerpt; the position is carried separately. */
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
  return found ?? textStart;
}

/**
 * One zod issue at `path`, placed: an unknown key at the key (with `hint` on what is allowed
 * there), a missing key where it belongs, anything else at its node (`message` overrides).
 */
export function placeIssue(issue: z.core.$ZodIssue, path: YamlPath, at: Positions, opts: { hint(path: YamlPath): string; message?: string }): PlacedProblem[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ ...at.key(path, key), path: [...path, key].join('.'), message: `Unknown key "${key}".${opts.hint(path)}` }));
  if (path.length && !at.has(path)) return [{ ...at.at(path), path: path.join('.'), message: `"${path[path.length - 1]}" is required here.` }];
  return [{ ...at.at(path), path: path.join('.') || undefined, message: opts.message ?? issue.message }];
}
