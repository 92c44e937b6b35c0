import type { Metadata } from 'next';
import { TopBar } from '@/components/console/top-bar';
import { CreateOrgForm } from '@/components/orgs/create-org-form';
import { currentContext } from '@/lib/console/guard';
import { listOrgs } from '@/lib/services/orgs/list-orgs';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Create organization' };

export default async function NewOrgPage() {
  const ctx = await currentContext();
  const orgs = await listOrgs(ctx);
  const first = orgs.length === 0;
  return (
    <div className="min-h-screen">
      <TopBar user={ctx.user} />
      <main className="mx-auto max-w-lg px-4 py-12">
        <div className="rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
          <h1 className="text-lg font-semibold text-zinc-900">{first ? 'Create your first organization' : 'Create an organization'}</h1>
          <p className="mt-1 mb-6 text-zinc-600">
            {first
              ? 'You are not a member of any organization yet. Create one, or ask an admin to invite you to theirs.'
              : 'An organization holds projects, members, registries and environments of its own.'}
          </p>
          <CreateOrgForm cancelHref={first ? undefined : `/o/${orgs[0].slug}`} />
        </div>
      </main>
    </div>
  );
}
