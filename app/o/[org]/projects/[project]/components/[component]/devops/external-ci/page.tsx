import type { Metadata } from 'next';
import type { CiTarget } from '@/components/ci/ci-target';
import { CiTokensTable } from '@/components/ci/ci-tokens-table';
import { CopyButton } from '@/components/ci/copy-button';
import { CreateCiTokenButton } from '@/components/ci/create-ci-token-dialog';
import { DeliveriesTable } from '@/components/ci/deliveries-table';
import { sourceLabels } from '@/components/ci/sources';
import { TagFilterForm } from '@/components/ci/tag-filter-form';
import { WebhookSnippets } from '@/components/ci/webhook-snippets';
import { loadComponentPage } from '@/components/components/load-component';
import { eventSources } from '@/lib/ci/registry-events';
import { ciSystems } from '@/lib/ci/snippets';
import { config } from '@/lib/config';
import { listDeliveries } from '@/lib/services/ci/list-deliveries';
import { listCiTokens } from '@/lib/services/ci/tokens';
import { can } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'External CI' };

type Params = { org: string; project: string; component: string };

export default async function ExternalCiPage({ params }: { params: Promise<Params> }) {
  const { org: slug, project, component: name } = await params;
  const { ctx, role, component } = await loadComponentPage(slug, project, name);
  const canTokens = can(role, 'ci-tokens:manage');
  const [tokens, deliveries] = await Promise.all([canTokens ? listCiTokens(ctx, { org: slug, project, component: name }) : [], listDeliveries(ctx, { org: slug, project, component: name })]);
  const { baseUrl } = config();
  const target: CiTarget = { org: slug, project, component: name, componentLabel: component.displayName };
  const snippets = ciSystems.map((s) => ({ id: s.id, label: s.label, secretHint: s.secretHint, text: s.render({ baseUrl, repository: component.repository }) }));

  return (
    <div className="space-y-8">
      <p className="max-w-3xl text-zinc-600">
        Keep building images in your own CI. After the step that pushes <code className="font-mono text-xs">{component.repository}</code>, call the deploy webhook with a token
        bound to this component: the image is deployed to the first environment, and the call waits for the rollout.
      </p>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="tokens-heading" className="text-sm font-semibold text-zinc-900">
              Manage Tokens
            </h2>
            <p className="text-zinc-500">Tokens deploy this component only. Only their first characters are kept for recognition.</p>
          </div>
          {canTokens && <CreateCiTokenButton target={target} />}
        </div>
        {canTokens ? (
          <CiTokensTable target={target} tokens={tokens} />
        ) : (
          <p className="rounded-xl border border-zinc-200 bg-white px-5 py-4 text-zinc-600">CI tokens are managed by developers and admins of this organization.</p>
        )}
      </section>

      <section aria-labelledby="snippets-heading" className="space-y-3">
        <div>
          <h2 id="snippets-heading" className="text-sm font-semibold text-zinc-900">
            Webhook snippets
          </h2>
          <p className="text-zinc-500">
            Each posts the pushed image to <code className="font-mono text-xs">{baseUrl}/api/v1/ci/deploy</code>, then waits for the deployment and fails the job if it fails.
          </p>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-4">
          <WebhookSnippets snippets={snippets} />
        </div>
      </section>

      <section aria-labelledby="registry-events-heading" className="space-y-3">
        <div>
          <h2 id="registry-events-heading" className="text-sm font-semibold text-zinc-900">
            Registry push events
          </h2>
          <p className="text-zinc-500">
            Or let the registry notify Gantry on every push. Add <code className="font-mono text-xs">?token=</code> and a CI token to the URL of your registry&apos;s kind; pushes of
            other repositories, or of tags outside the filter, are recorded and ignored.
          </p>
        </div>
        <div className="space-y-4 rounded-xl border border-zinc-200 bg-white p-4">
          <TagFilterForm target={target} initial={component.tagFilter} canManage={can(role, 'components:manage')} />
          <ul aria-label="Registry event URLs" className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
            {eventSources.map((s) => {
              const url = `${baseUrl}/api/v1/ci/registry-events/${s}`;
              return (
                <li key={s} className="flex flex-wrap items-center gap-2 px-3 py-2">
                  <span className="w-28 text-xs font-medium text-zinc-700">{sourceLabels[s]}</span>
                  <code className="min-w-0 flex-1 font-mono text-xs break-all text-zinc-800">{url}?token=…</code>
                  <CopyButton text={`${url}?token=`} label={`Copy the ${sourceLabels[s]} event URL`} />
                </li>
              );
            })}
          </ul>
        </div>
      </section>

      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-sm font-semibold text-zinc-900">
          Recent deliveries
        </h2>
        <DeliveriesTable deliveries={deliveries} deployHref={`/o/${slug}/projects/${project}/components/${name}/deploy`} />
      </section>
    </div>
  );
}
