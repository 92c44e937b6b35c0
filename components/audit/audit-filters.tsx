import { Button, ButtonLink } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/**
 * A plain GET form: the filters live in the URL (shareable, back button works) and the
 * server renders the filtered first page. Works without JavaScript.
 */
export function AuditFilters({ orgSlug, values, actions }: { orgSlug: string; values: AuditFilterValues; actions: string[] }) {
  const any = Object.values(values).some(Boolean);
  return (
    <form method="get" role="search" aria-label="Filter the audit log" className="grid grid-cols-1 gap-3 rounded-md border border-zinc-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-6">
      <Field id="audit-actor" label="Actor">
        <Input name="actor" defaultValue={values.actor} maxLength={200} placeholder="email, API key …" autoComplete="off" />
      </Field>
      <Field id="audit-action" label="Action">
        <Input name="action" defaultValue={values.action} maxLength={200} placeholder="deployment." list="audit-actions" autoComplete="off" />
      </Field>
      <datalist id="audit-actions">
        {actions.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <Field id="audit-target" label="Target">
        <Input name="target" defaultValue={values.target} maxLength={200} placeholder="name or type" autoComplete="off" />
      </Field>
      <Field id="audit-from" label="From (UTC)">
        <Input name="from" type="datetime-local" defaultValue={values.from} />
      </Field>
      <Field id="audit-to" label="To (UTC)">
        <Input name="to" type="datetime-local" defaultValue={values.to} />
      </Field>
      <div className="flex items-end gap-2">
        <Button type="submit">Filter</Button>
        {any && (
          <ButtonLink variant="secondary" href={`/o/${orgSlug}/settings/audit-log`}>
            Clear
          </ButtonLink>
        )}
      </div>
    </form>
  );
}
