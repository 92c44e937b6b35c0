'use client';

import { useRouter } from 'next/navigation';
import { createOrgAction } from './actions';
import { Alert } from '@/components/ui/alert';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { NameField, useDerivedName } from '@/components/ui/name-field';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';

export function CreateOrgForm({ cancelHref }: { cancelHref?: string }) {
  const router = useRouter();
  const toast = useToast();
  const names = useDerivedName();
  const create = useServerAction(createOrgAction, {
    onSuccess(org) {
      toast.success(`Organization “${org.name}” created.`);
      router.push(`/o/${org.slug}`);
    },
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.run({ name: names.displayName, slug: names.name });
      }}
    >
      {create.formError && <Alert>{create.formError}</Alert>}
      <Field id="org-name" label="Organization name" error={create.fields.name}>
        <Input value={names.displayName} onChange={(e) => names.setDisplayName(e.target.value)} autoFocus required maxLength={100} />
      </Field>
      <NameField id="org-slug" label="Organization slug" value={names.name} onChange={names.setName} error={create.fields.slug} usage="in URLs and API paths" />
      <p className="text-xs text-zinc-500">It starts with the Development, Staging and Production environments on the local data plane. You become its admin.</p>
      <div className="flex justify-end gap-2 pt-2">
        {cancelHref && (
          <ButtonLink href={cancelHref} variant="secondary">
            Cancel
          </ButtonLink>
        )}
        <Button type="submit" pending={create.pending}>
          Create organization
        </Button>
      </div>
    </form>
  );
}
