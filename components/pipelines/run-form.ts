import type { ParameterView } from './types';

/** One field of the Start New Run form, generated from a spec parameter. */
export type RunField =
  | { kind: 'select'; name: string; label: string; help?: string; options: string[]; initial: string }
  | { kind: 'text'; name: string; label: string; help?: string; initial: string };

/** The spec's parameters as form fields: an enum becomes a select, defaults are filled in. */
export function runFields(parameters: ParameterView[]): RunField[] {
  return parameters.map((p) => {
    const label = p.displayName || p.name;
    const base = { name: p.name, label, ...(p.description ? { help: p.description } : {}) };
    if (p.enum?.length) return { ...base, kind: 'select', options: p.enum, initial: p.default ?? p.enum[0] };
    return { ...base, kind: 'text', initial: p.default ?? '' };
  });
}

export function initialValues(fields: RunField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.name, f.initial]));
}

/** "1 h 2 min", "3.4 s": a run's or step's duration. */
export function duration(from?: string | null, to?: string | null, now = Date.now()): string {
  if (!from) return '—';
  const ms = Math.max(0, (to ? Date.parse(to) : now) - Date.parse(from));
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Steps grouped as the spec groups them (a parallel group has several), attempts per step in order. */
export function stepTree<T extends { group: number; index: number; stepId: string; attempt: number }>(steps: T[]): { group: number; steps: { stepId: string; attempts: T[] }[] }[] {
  const groups = new Map<number, Map<string, { index: number; attempts: T[] }>>();
  for (const s of steps) {
    const g = groups.get(s.group) ?? new Map<string, { index: number; attempts: T[] }>();
    groups.set(s.group, g);
    const e = g.get(s.stepId) ?? { index: s.index, attempts: [] };
    g.set(s.stepId, e);
    e.attempts.push(s);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([group, m]) => ({
      group,
      steps: [...m.entries()].sort((a, b) => a[1].index - b[1].index).map(([stepId, e]) => ({ stepId, attempts: e.attempts.sort((a, b) => a.attempt - b.attempt) })),
    }));
}
