import { ButtonLink } from '@/components/ui/button';
import { LockIcon } from '@/components/ui/icons';
import { rolesWith } from '@/lib/console/settings-tabs';
import { roleLabels, type Permission, type Role } from '@/lib/services/roles';

interface AccessDeniedProps {
  area: string;
  role: Role;
  permission: Permission;
  orgSlug: string;
}

/** Shown instead of a page the caller's role may not open. */
export function AccessDenied({ area, role, permission, orgSlug }: AccessDeniedProps) {
  return (
    <div className="mx-auto mt-12 max-w-md rounded-xl border border-zinc-200 bg-white p-8 text-center">
      <div className="mx-auto mb-4 flex size-10 items-center justify-center rounded-full bg-zinc-100 text-zinc-600">
        <LockIcon className="size-5" />
      </div>
      <h1 className="text-base font-semibold text-zinc-900">You don&apos;t have access</h1>
      <p className="mt-2 text-zinc-600">
        Only {rolesWith(permission)} can open {area}. Your role in this organization is {roleLabels[role]}; ask an organization admin if you need access.
      </p>
      <ButtonLink href={`/o/${orgSlug}`} variant="secondary" className="mt-6">
        Back to overview
      </ButtonLink>
    </div>
  );
}
