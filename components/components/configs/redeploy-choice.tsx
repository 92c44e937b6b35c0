'use client';

import { scopeLabel, type ConfigTarget } from './types';

/** The environments a change to `scope` (null: all) applies to now: where a release is active. */
export function appliesIn(target: ConfigTarget, scope: string | null): string[] {
  return target.running.filter((e) => !scope || e === scope);
}

/**
 * Which environments redeploy with a configuration change now. None checked: it is saved and
 * applies at each environment's next deployment.
 */
export function RedeployChoice({ target, scope, value, onChange }: { target: ConfigTarget; scope: string | null; value: string[]; onChange(v: string[]): void }) {
  const applies = appliesIn(target, scope);
  if (!applies.length) return <p className="text-xs text-zinc-600">Nothing runs where this applies yet: it takes effect at the first deployment.</p>;
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">Redeploy now</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {applies.map((e) => (
          <label key={e} className="flex items-center gap-2 text-sm text-zinc-800">
            <input
              type="checkbox"
              checked={value.includes(e)}
              onChange={(ev) => onChange(ev.target.checked ? [...value, e] : value.filter((x) => x !== e))}
              className="accent-accent-600"
            />
            {scopeLabel(target, e)}
          </label>
        ))}
      </div>
      <p className="mt-1 text-xs text-zinc-600">
        {value.length ? 'Unchecked environments keep their current configuration until their next deployment.' : 'Saved only: it applies at the next deployment.'}
      </p>
    </fieldset>
  );
}
