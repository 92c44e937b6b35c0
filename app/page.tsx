import { redirect } from 'next/navigation';
import { currentContext } from '@/lib/console/guard';
import { listOrgs } from '@/lib/services/orgs/list-orgs';

export const dynamic = 'force-dynamic';

/** Home: the first organisation, or creating one when the user belongs to none. */
export default async function Home() {
  const orgs = await listOrgs(await currentContext());
  redirect(orgs.length ? `/o/${orgs[0].slug}` : '/orgs/new');
}
