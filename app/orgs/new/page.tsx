import type { Metadata } from 'next';
import { TopBar } from '@/components/console/top-bar';
import { CreateOrgForm } from '@/components/orgs/create-org-form';
import { currentContext } from '@/lib/console/guard';
import { ButtonLink } from '@/components/ui/button';
import { listOrgs } from '@/lib/services/orgs/list-orgs';
import { canCreateOrg } from '@/lib/services/orgs/org-creation';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create organization' };

export default async function NewOrgPage() {
  const ctx = await currentContext();
  const [orgs, allowed] = await Promise.all([listOrgs(ctx), canCreateOrg(ctx)]);
  const first = orgs.length === 0;
  return (
    <div className="min-h-screen">
      <TopBar user={ctx.user} />
      <main className="mx-auto max-w-lg px-4 py-12">
        <div className="rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
          {allowed ? (
            <>
              <h1 className="text-lg font-semibold text-zinc-900">{first ? 'Create your first organization' : 'Create an organization'}</h1>
              <p className="mt-1 mb-6 text-zinc-600">
                {first
                  ? 'You are not a member of any organization yet. Create one, or ask an admin to invite you to theirs.'
                  : 'An organization holds projects, members, registries and environments of its own.'}
              </p>
              <CreateOrgForm cancelHref={first ? undefined : `/o/${orgs[0].slug}`} />
            </>
          ) : (
            <>
              <h1 className="text-lg font-semibold text-zinc-900">{first ? 'You are not in an organization yet' : 'Creating organizations is reserved'}</h1>
              <p className="mt-1 mb-6 text-zinc-600">
                Organizations are created by the administrators of this Gantry instance. Ask one to create it, or to invite you to theirs.
              </p>
              {!first && (
                <ButtonLink href={`/o/${orgs[0].slug}`} variant="secondary">
                  Back to {orgs[0].name}
                </ButtonLink>
              )}
            </>
          )}
        </div>
      </main>
    </div>
  );
}
