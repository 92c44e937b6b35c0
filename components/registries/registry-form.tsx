'use client';

import { useEffect, useId, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input } from '@/components/ui/input';
import { CheckResultBox, Spinner } from './check-result';
import { AuthTypeCards, BasicFields, Checkbox, DockerConfigFields, HostField, VendorNote } from './registry-fields';
import type { Registry } from './types';
import { useRegistryForm } from './use-registry-form';
import { VendorHelp } from './vendor-help';
import { bareHost } from './vendors';

interface RegistryFormProps {
  orgSlug: string;
  /** The registry being edited; absent when adding one. */
  registry?: Registry;
  onDone(): void;
}

/**
 * Add or edit a container registry: display name, authentication type (radio cards) and
 * only that type's fields (registry-fields.tsx), vendor guidance keyed on the host, Test
 * connection, Save; state and actions in useRegistryForm. Secrets are write-only: editing
 * starts with empty secret fields, and leaving them empty keeps what is stored.
 */
export function RegistryForm({ orgSlug, registry, onDone }: RegistryFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const form = useRegistryForm(orgSlug, registry, onDone);
  const { values } = form;
  const { authType } = values;

  // The dialog opens (showModal) after this form mounts and would focus its Close button:
  // put the keyboard on the first field once it is open.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const el = formRef.current;
      // Unless someone is already in a field (fast typists, scripts).
      if (el && !el.contains(document.activeElement)) el.querySelector<HTMLInputElement>('input[name="displayName"]')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  // After a refused save, take the keyboard to the first field that needs attention.
  const { last, saveFields } = form;
  useEffect(() => {
    if (last === 'save' && Object.keys(saveFields).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [last, saveFields]);

  const id = useId();
  const f = (name: string) => `${id}-${name}`;

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit();
      }}
    >
      {form.formError && <Alert>{form.formError}</Alert>}

      <Field id={f('name')} label="Registry display name" error={form.err('displayName')} hint="How people pick this registry when they create a component.">
        <Input
          name="displayName"
          value={values.displayName}
          onChange={(e) => form.change('displayName', false)(e.target.value)}
          autoFocus
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Team registry"
        />
      </Field>

      <AuthTypeCards value={authType} onChange={form.change('authType')} error={form.err('authType')} />

      {authType !== 'docker-config' && <HostField form={form} f={f} />}

      {authType === 'basic' && <BasicFields form={form} f={f} />}

      {authType === 'docker-config' && <DockerConfigFields form={form} f={f} registry={registry} />}

      {form.ecrWarning && (
        <Alert tone="warning">
          AWS ECR passwords (from <code className="font-mono">aws ecr get-login-password</code>) expire after 12 hours, and pulls fail once they do. On EKS, choose
          Vendor-specific so nodes pull with their IAM role.
        </Alert>
      )}
      {form.vendor && <VendorHelp key={form.vendor} vendor={form.vendor} />}

      {authType !== 'vendor' && (
        <Checkbox id={f('insecure')} checked={values.insecure} onChange={form.change('insecure')} label="Plain HTTP (insecure registry)">
          Only for a registry without TLS on a network you trust; data-plane nodes must allow it too. Registries on 127.0.0.1 use HTTP anyway.
        </Checkbox>
      )}

      {authType === 'vendor' && <VendorNote />}

      <div className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
        {authType !== 'vendor' && (
          <Field id={f('image')} label="Image to check (optional)" error={form.err('image')} hint="Test connection also checks pull access to it. Not saved.">
            <Input
              name="image"
              value={values.image}
              onChange={(e) => form.change('image')(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (!form.testing) form.test();
                }
              }}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              placeholder="e.g. team/app:1.0"
              className="font-mono"
            />
          </Field>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={form.test} pending={form.testing}>
            Test connection
          </Button>
          <p role="status" className="text-xs text-zinc-600">
            {form.testing ? (
              <span className="inline-flex items-center gap-1.5">
                <Spinner className="size-3" /> Testing {form.effectiveHost ? bareHost(form.effectiveHost) : 'the connection'}…
              </span>
            ) : !form.result ? (
              'Checks that the registry answers and accepts the credentials.'
            ) : null}
          </p>
        </div>
        {!form.testing && form.result && <CheckResultBox result={form.result} />}
      </div>

      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={form.saving}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}
