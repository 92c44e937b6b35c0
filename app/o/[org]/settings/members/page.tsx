import type { Metadata } from 'next';
import { AccessDenied } from '@/components/console/access-denied';
import { InvitationRowActions } from '@/components/members/invitation-row-actions';
import { InviteMemberButton } from '@/components/members/invite-member-dialog';
import { MemberRoleSelect, RemoveMemberButton } from '@/components/members/member-row-actions';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Time } from '@/components/ui/time';
import { config } from '@/lib/config';
import { loadOrg } from '@/lib/console/guard';
import { settingsTab } from '@/lib/console/settings-tabs';
import { listMembers } from '@/lib/services/members/list-members';
import { can, roleLabels, type Role } from '@/lib/services/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { ctx, org, role } = await loadOrg(slug);
  const { permission } = settingsTab('members');
  if (!can(role, permission)) return <AccessDenied area="Members settings" role={role} permission={permission} orgSlug={slug} />;
  const { members, invitations } = await listMembers(ctx, { org: slug });
  // The last admin can neither leave nor be demoted (the service refuses it too): say so up front.
  const lastAdmin = members.filter((m) => m.role === 'admin').length === 1 ? members.find((m) => m.role === 'admin')?.userId : undefined;

  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="members-heading" className="text-sm font-semibold text-zinc-900">
            Members <span className="font-normal text-zinc-500">({members.length})</span>
          </h2>
          <InviteMemberButton orgSlug={slug} baseUrl={config().baseUrl} />
        </div>
        <Table label="Members">
          <THead>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th className="hidden lg:table-cell">Joined</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <TBody>
            {members.map((m) => (
              <tr key={m.userId}>
                <Td className="font-medium text-zinc-900">
                  {m.name} {m.userId === ctx.user.id && <Badge>You</Badge>}
                </Td>
                <Td>{m.email}</Td>
                <Td>
                  <MemberRoleSelect key={m.role} orgSlug={slug} member={m} onlyAdmin={m.userId === lastAdmin} />
                </Td>
                <Td className="hidden lg:table-cell">
                  <Time value={m.joinedAt} />
                </Td>
                <Td className="text-right">
                  <RemoveMemberButton orgSlug={slug} orgName={org.name} member={m} isSelf={m.userId === ctx.user.id} onlyAdmin={m.userId === lastAdmin} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-sm font-semibold text-zinc-900">
          Pending invitations <span className="font-normal text-zinc-500">({invitations.length})</span>
        </h2>
        {invitations.length ? (
          <Table label="Pending invitations">
            <THead>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Invited</Th>
              <Th>Expires</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <Td className="font-medium text-zinc-900">{i.email}</Td>
                  <Td>{roleLabels[i.role as Role] ?? i.role}</Td>
                  <Td>
                    <Time value={i.createdAt} />
                  </Td>
                  <Td>
                    <Time value={i.expiresAt} />
                  </Td>
                  <Td className="text-right">
                    <InvitationRowActions orgSlug={slug} baseUrl={config().baseUrl} invitation={i} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        ) : (
          <p className="text-zinc-500">No pending invitations. Inviting someone again replaces their earlier link.</p>
        )}
      </section>
    </div>
  );
}
