'use client';

import { useId, type ReactNode } from 'react';
import { Field, Input, Textarea } from '@/components/ui/input';
import { authTypes, type AuthType, type Registry } from './types';
import { movedHint, type RegistryFormState } from './use-registry-form';
import { Command } from './vendor-help';
import type { VendorId } from './vendors';

// The fields of each authentication type; RegistryForm shows the chosen type's.

const unchanged = '•••••• (unchanged — type to replace)';

const passwordHints: Partial<Record<VendorId, string>> = {
  dockerhub: 'Use a Docker Hub access token, not your account password.',
  ghcr: 'A GitHub personal access token with read:packages. Your GitHub password is refused.',
  gar: 'The service-account key JSON minified to one line (jq -c . key.json).',
  acr: 'The service principal’s client secret.',
  ecr: 'The output of aws ecr get-login-password; it expires after 12 hours.',
};
const usernameHints: Partial<Record<VendorId, string>> = {
  gar: 'Use _json_key for a service-account key.',
  acr: 'The service principal’s application (client) ID.',
  ecr: 'Always AWS.',
};

interface FieldsProps {
  form: RegistryFormState;
  /** Field id from its name (unique per form). */
  f(name: string): string;
}

/** Anonymous, Basic and Vendor-specific: where the registry is. */
export function HostField({ form, f }: FieldsProps) {
  return (
    <Field
      id={f('host')}
      label="Registry host"
      error={form.err('host')}
      hint={form.vendor ? undefined : 'Host name and optional port, without https:// or a path: registry.hub.docker.com, ghcr.io, europe-west1-docker.pkg.dev, NAME.azurecr.io…'}
    >
      <Input
        name="host"
        value={form.values.host}
        onChange={(e) => form.change('host')(e.target.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder="registry.example.com or 127.0.0.1:5000"
        className="font-mono"
      />
    </Field>
  );
}

/** Basic authentication: username and password (left empty when editing, the stored one is kept). */
export function BasicFields({ form, f }: FieldsProps) {
  const { vendor } = form;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id={f('username')} label="Username" error={form.err('username')} hint={vendor ? usernameHints[vendor] : undefined}>
        <Input
          name="username"
          value={form.values.username}
          onChange={(e) => form.change('username')(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      </Field>
      <Field
        id={f('password')}
        label="Password or access token"
        error={form.err('password')}
        hint={form.moved ? movedHint : ((vendor && passwordHints[vendor]) ?? (form.keepsPassword ? 'Leave empty to keep the stored password.' : undefined))}
      >
        <Input
          name="password"
          type="password"
          value={form.values.password}
          onChange={(e) => form.change('password')(e.target.value)}
          autoComplete="new-password"
          placeholder={form.keepsPassword ? unchanged : undefined}
        />
      </Field>
    </div>
  );
}

/** Docker config: one registry under "auths", host and credentials read from it. */
export function DockerConfigFields({ form, f, registry }: FieldsProps & { registry?: Registry }) {
  const { config } = form;
  return (
    <div className="space-y-2">
      <Field
        id={f('docker-config')}
        label="Docker config JSON"
        error={form.err('dockerConfig')}
        hintTone={config.problem ? 'warning' : 'normal'}
        hint={
          config.problem ??
          (form.moved && !config.host ? movedHint : undefined) ??
          (config.host
            ? `Registry: ${config.host}. The host and credentials are read from the config.`
            : form.keepsConfig && registry
              ? `Stored: ${registry.host}${registry.username ? ` as ${registry.username}` : ''}. Leave empty to keep it.`
              : 'Exactly one registry under “auths”, with the credentials inline (no credsStore or credHelpers).')
        }
      >
        <Textarea
          name="dockerConfig"
          value={form.values.dockerConfig}
          onChange={(e) => form.change('dockerConfig')(e.target.value)}
          rows={6}
          spellCheck={false}
          autoComplete="off"
          className="font-mono text-xs"
          placeholder={form.keepsConfig ? '•••••• (unchanged — paste a new config to replace)' : '{\n  "auths": {\n    "registry.example.com": { "auth": "dXNlcjp0b2tlbg==" }\n  }\n}'}
        />
      </Field>
      <details className="group text-xs text-zinc-600">
        <summary className="cursor-pointer font-medium text-zinc-700 select-none hover:text-zinc-900">How do I get one?</summary>
        <div className="mt-2 space-y-2">
          <p>
            Run <code className="font-mono">docker login HOST</code> on a machine without a credential helper and copy <code className="font-mono">~/.docker/config.json</code>{' '}
            (keep only the one registry under <code className="font-mono">auths</code>), or produce it without touching your own config:
          </p>
          <Command>{`kubectl create secret docker-registry tmp \\
  --docker-server=HOST --docker-username=USER --docker-password=TOKEN \\
  --dry-run=client -o jsonpath='{.data.\\.dockerconfigjson}' | base64 -d`}</Command>
        </div>
      </details>
    </div>
  );
}

/** Vendor-specific: nothing to store. */
export function VendorNote() {
  return (
    <p className="rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-600">
      No credentials are stored: the data plane’s nodes pull with their cloud identity (EKS node role, GKE service account, AKS managed identity). Test connection can only
      check that the host is reachable.
    </p>
  );
}

export function AuthTypeCards({ value, onChange, error }: { value: AuthType; onChange(v: AuthType): void; error?: string }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-err` : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">Authentication type</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {authTypes.map((a) => {
          const checked = value === a.value;
          return (
            <div
              key={a.value}
              className={`relative flex gap-2.5 rounded-lg border p-3 transition-colors has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-500 ${checked ? 'border-accent-600 bg-accent-50 ring-1 ring-accent-600' : 'border-zinc-300 bg-white hover:border-zinc-400'}`}
            >
              <input
                id={`${id}-${a.value}`}
                type="radio"
                name="authType"
                value={a.value}
                checked={checked}
                onChange={() => onChange(a.value)}
                aria-describedby={`${id}-${a.value}-desc`}
                className="relative z-10 mt-0.5 size-4 shrink-0 accent-accent-600 focus-visible:outline-none"
              />
              <div className="min-w-0">
                <label htmlFor={`${id}-${a.value}`} className="block cursor-pointer font-medium text-zinc-900 after:absolute after:inset-0 after:content-['']">
                  {a.label}
                </label>
                <p id={`${id}-${a.value}-desc`} className="text-xs text-zinc-600">
                  {a.description}
                </p>
              </div>
            </div>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-err`} className="mt-1.5 text-xs text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Checkbox({ id, checked, onChange, label, children }: { id: string; checked: boolean; onChange(v: boolean): void; label: string; children: ReactNode }) {
  return (
    <div className="flex items-start gap-2.5">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-desc`}
        className="mt-0.5 size-4 shrink-0 rounded accent-accent-600"
      />
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
          {label}
        </label>
        <p id={`${id}-desc`} className="text-xs text-zinc-500">
          {children}
        </p>
      </div>
    </div>
  );
}
