import Link from 'next/link';
import { CheckIcon } from '@/components/ui/icons';
import type { StepState } from '@/lib/services/orgs/getting-started';

interface Step {
  key: 'registry' | 'component' | 'deploy';
  state: StepState;
  project?: string | null;
  component?: { project: string; name: string } | null;
}

const stateLabels: Record<StepState, string> = { done: 'Done', next: 'Next', todo: 'To do' };

/** The three first steps on the organisation's overview, shown until all are done. */
export function GettingStarted({ orgSlug, steps, canRegister }: { orgSlug: string; steps: Step[]; canRegister: boolean }) {
  const base = `/o/${orgSlug}`;
  const content: Record<Step['key'], (s: Step) => { title: string; text: string; href: string | null; cta: string }> = {
    registry: () => ({
      title: 'Register a container registry',
      text: canRegister ? 'Where your images live: Docker Hub, GHCR, a private registry…' : 'Ask a platform engineer or an admin to register the registry your images live in.',
      href: canRegister ? `${base}/settings/credentials` : null,
      cta: 'Register a registry',
    }),
    component: (s) => ({
      title: 'Create a component',
      text: 'A service, web app or task, made from a full image URL in that registry.',
      href: s.project ? `${base}/projects/${s.project}/components/new` : base,
      cta: s.project ? 'Create a component' : 'Create a project first',
    }),
    deploy: (s) => ({
      title: 'Deploy it',
      text: 'Deploy a tag to the first environment and watch it become active.',
      href: s.component ? `${base}/projects/${s.component.project}/components/${s.component.name}/deploy` : null,
      cta: 'Open the Deploy page',
    }),
  };
  return (
    <section aria-labelledby="getting-started-heading" className="mb-6 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="getting-started-heading" className="text-sm font-semibold text-zinc-900">
        Getting started
      </h2>
      <ol className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-3">
        {steps.map((s, i) => {
          const c = content[s.key](s);
          return (
            <li key={s.key} data-step={s.key} data-state={s.state} className={`rounded-md border p-3 ${s.state === 'next' ? 'border-accent-300 bg-accent-50' : 'border-zinc-200'}`}>
              <p className="flex items-center gap-2 text-xs font-medium text-zinc-700">
                <span aria-hidden="true" className={`flex size-5 items-center justify-center rounded-full ${s.state === 'done' ? 'bg-emerald-600 text-white' : 'bg-zinc-200 text-zinc-800'}`}>
                  {s.state === 'done' ? <CheckIcon className="size-3.5" /> : i + 1}
                </span>
                <span>
                  Step {i + 1} · {stateLabels[s.state]}
                </span>
              </p>
              <p className="mt-2 font-medium text-zinc-900">{c.title}</p>
              <p className="mt-1 text-sm text-zinc-600">{c.text}</p>
              {s.state !== 'done' && c.href && (
                <Link href={c.href} className="mt-2 inline-block text-sm font-medium text-accent-700 underline-offset-2 hover:underline">
                  {c.cta}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
