'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createRegistryAction, testRegistryAction, testRegistryDraftAction, updateRegistryAction } from '@/app/o/[org]/settings/credentials/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { Field, Input, Textarea } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { ActionResult } from '@/lib/http/action';
import { CheckResultBox, Spinner } from './check-result';
import { authTypes, type AuthType, type CheckResult, type Registry } from './types';
import { Command, VendorHelp } from './vendor-help';
import { bareHost, detectVendor, inspectDockerConfig, isEcrHost, type VendorId } from './vendors';

const unchanged = '•••••• (unchanged — type to replace)';

interface RegistryFormProps {
  orgSlug: string;
  /** The registry being edited; absent when adding one. */
  registry?: Registry;
  onDone(): void;
}

type Key = 'displayName' | 'authType' | 'host' | 'username' | 'password' | 'dockerConfig' | 'insecure' | 'image';

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

/**
 * Add or edit a container registry: display name, authentication type (radio cards) and
 * only that type's fields, vendor guidance keyed on the host, Test connection, Save.
 * Secrets are write-only: editing starts with empty secret fields, and leaving them empty
 * keeps what is stored.
 */
export function RegistryForm({ orgSlug, registry, onDone }: RegistryFormProps) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = !!registry;

  const [displayName, setDisplayName] = useState(registry?.displayName ?? '');
  const [authType, setAuthType] = useState<AuthType>((registry?.authType as AuthType) ?? 'anonymous');
  const [host, setHost] = useState(registry && registry.authType !== 'docker-config' ? registry.host : '');
  const [username, setUsername] = useState(registry?.authType === 'basic' ? (registry.username ?? '') : '');
  const [password, setPassword] = useState('');
  const [dockerConfig, setDockerConfig] = useState('');
  const [insecure, setInsecure] = useState(registry?.insecure ?? false);
  const [image, setImage] = useState('');

  const [result, setResult] = useState<CheckResult | null>(null);
  const [last, setLast] = useState<'save' | 'draft' | 'saved' | null>(null);
  const [local, setLocal] = useState<Partial<Record<Key, string>>>({});
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());

  const save = useServerAction(
    (body: Record<string, unknown>): Promise<ActionResult<{ id: string; displayName: string }>> =>
      registry ? updateRegistryAction(orgSlug, registry.id, body) : createRegistryAction(orgSlug, body),
    {
    onSuccess(saved) {
      toast.success(editing ? `Registry “${saved.displayName}” saved.` : `Registry “${saved.displayName}” added.`);
      // Tested before saving, unchanged since: the list shows that test, made again with what was stored, instead of "Not tested yet".
      if (result) void testRegistryAction(orgSlug, saved.id, image.trim() ? { image: image.trim() } : {}).finally(() => router.refresh());
      router.refresh();
      onDone();
    },
    },
  );
  const draft = useServerAction(testRegistryDraftAction, { onSuccess: (r) => setResult(r) });
  const saved = useServerAction(testRegistryAction, {
    onSuccess(r) {
      setResult(r);
      router.refresh();
    },
  });
  const testing = draft.pending || saved.pending;
  const current = last === 'save' ? save : last === 'draft' ? draft : last === 'saved' ? saved : undefined;
  const fields: Record<string, string> = { ...(current?.fields ?? {}), ...local };
  const err = (k: Key) => (edited.has(k) ? undefined : fields[k]);
  const formError = current?.formError;

  // The dialog opens (showModal) after this form mounts and would focus its Close button:
  // put the keyboard on the first field once it is open.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const form = formRef.current;
      // Unless someone is already in a field (fast typists, scripts).
      if (form && !form.contains(document.activeElement)) form.querySelector<HTMLInputElement>('input[name="displayName"]')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  // After a refused save, take the keyboard to the first field that needs attention.
  useEffect(() => {
    if (last === 'save' && Object.keys(save.fields).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [last, save.fields]);

  /** Changing anything the test depends on makes its result stale. */
  function change<T>(key: Key, set: (v: T) => void, connection = true) {
    return (v: T) => {
      set(v);
      setEdited((s) => (s.has(key) ? s : new Set(s).add(key)));
      if (connection) setResult(null);
    };
  }
  const begin = (which: NonNullable<typeof last>) => {
    setLast(which);
    setLocal({});
    setEdited(new Set());
  };

  const sameType = editing && registry.authType === authType;
  // A stored secret only ever goes to the host and scheme it was saved for (the server
  // refuses the change otherwise): moving the registry means typing the secret again.
  const moved = sameType && ((authType === 'basic' && bareHost(host) !== registry.host) || insecure !== registry.insecure);
  const keepsPassword = sameType && authType === 'basic' && !moved;
  const keepsConfig = sameType && authType === 'docker-config' && !moved;
  const movedHint = 'Required: the host or plain-HTTP setting changed, and stored credentials are only sent where they were saved for.';
  const config = authType === 'docker-config' ? inspectDockerConfig(dockerConfig) : {};
  const effectiveHost = authType === 'docker-config' ? (config.host ?? (sameType ? registry.host : '')) : host;
  const vendor = detectVendor(effectiveHost);

  function input(): Record<string, unknown> {
    const name = displayName;
    switch (authType) {
      case 'anonymous':
        return { authType, displayName: name, host, insecure };
      case 'basic':
        return { authType, displayName: name, host, username, password, insecure };
      case 'docker-config':
        return { authType, displayName: name, dockerConfig, insecure };
      case 'vendor':
        return { authType, displayName: name, host };
    }
  }

  function patch(): Record<string, unknown> {
    const p: Record<string, unknown> = { displayName, authType };
    if (authType !== 'docker-config') p.host = host;
    if (authType !== 'vendor') p.insecure = insecure;
    if (authType === 'basic') {
      p.username = username;
      if (password) p.password = password;
    }
    if (authType === 'docker-config' && dockerConfig.trim()) p.dockerConfig = dockerConfig;
    return p;
  }

  function test() {
    const img = authType === 'vendor' ? undefined : image.trim() || undefined;
    const secretKept = sameType && ((authType === 'basic' && !password) || (authType === 'docker-config' && !dockerConfig.trim()));
    if (editing && secretKept) {
      const settingsChanged =
        authType === 'basic' ? bareHost(host) !== registry.host || username.trim() !== (registry.username ?? '') || insecure !== registry.insecure : insecure !== registry.insecure;
      if (settingsChanged) {
        begin('saved');
        saved.reset();
        const key = authType === 'basic' ? 'password' : 'dockerConfig';
        setLocal({ [key]: moved ? movedHint : `To test changed settings, ${authType === 'basic' ? 'type the password' : 'paste the config'} again: the stored one never leaves the server. Or save first.` });
        return;
      }
      begin('saved');
      saved.run(orgSlug, registry.id, img ? { image: img } : {});
      return;
    }
    begin('draft');
    // The display name does not matter to a connection test: don't make people type it first.
    draft.run(orgSlug, { registry: { ...input(), displayName: displayName.trim() || 'Connection test' }, ...(img ? { image: img } : {}) });
  }

  const id = useId();
  const f = (name: string) => `${id}-${name}`;
  const ecrWarning = authType !== 'vendor' && isEcrHost(effectiveHost);

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        begin('save');
        if (moved && authType === 'basic' && !password) return setLocal({ password: movedHint });
        if (moved && authType === 'docker-config' && !dockerConfig.trim()) return setLocal({ dockerConfig: movedHint });
        save.run(editing ? patch() : input());
      }}
    >
      {formError && <Alert>{formError}</Alert>}

      <Field id={f('name')} label="Registry display name" error={err('displayName')} hint="How people pick this registry when they create a component.">
        <Input
          name="displayName"
          value={displayName}
          onChange={(e) => change('displayName', setDisplayName, false)(e.target.value)}
          autoFocus
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Team registry"
        />
      </Field>

      <AuthTypeCards value={authType} onChange={change('authType', setAuthType)} error={err('authType')} />

      {authType !== 'docker-config' && (
        <Field
          id={f('host')}
          label="Registry host"
          error={err('host')}
          hint={vendor ? undefined : 'Host name and optional port, without https:// or a path: registry.hub.docker.com, ghcr.io, europe-west1-docker.pkg.dev, NAME.azurecr.io…'}
        >
          <Input
            name="host"
            value={host}
            onChange={(e) => change('host', setHost)(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="registry.example.com or 127.0.0.1:5000"
            className="font-mono"
          />
        </Field>
      )}

      {authType === 'basic' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={f('username')} label="Username" error={err('username')} hint={vendor ? usernameHints[vendor] : undefined}>
            <Input
              name="username"
              value={username}
              onChange={(e) => change('username', setUsername)(e.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
            />
          </Field>
          <Field
            id={f('password')}
            label="Password or access token"
            error={err('password')}
            hint={moved && authType === 'basic' ? movedHint : ((vendor && passwordHints[vendor]) ?? (keepsPassword ? 'Leave empty to keep the stored password.' : undefined))}
          >
            <Input
              name="password"
              type="password"
              value={password}
              onChange={(e) => change('password', setPassword)(e.target.value)}
              autoComplete="new-password"
              placeholder={keepsPassword ? unchanged : undefined}
            />
          </Field>
        </div>
      )}

      {authType === 'docker-config' && (
        <div className="space-y-2">
          <Field
            id={f('docker-config')}
            label="Docker config JSON"
            error={err('dockerConfig')}
            hintTone={config.problem ? 'warning' : 'normal'}
            hint={
              config.problem ??
              (moved && !config.host ? movedHint : undefined) ??
              (config.host
                ? `Registry: ${config.host}. The host and credentials are read from the config.`
                : keepsConfig
                  ? `Stored: ${registry.host}${registry.username ? ` as ${registry.username}` : ''}. Leave empty to keep it.`
                  : 'Exactly one registry under “auths”, with the credentials inline (no credsStore or credHelpers).')
            }
          >
            <Textarea
              name="dockerConfig"
              value={dockerConfig}
              onChange={(e) => change('dockerConfig', setDockerConfig)(e.target.value)}
              rows={6}
              spellCheck={false}
              autoComplete="off"
              className="font-mono text-xs"
              placeholder={keepsConfig ? '•••••• (unchanged — paste a new config to replace)' : '{\n  "auths": {\n    "registry.example.com": { "auth": "dXNlcjp0b2tlbg==" }\n  }\n}'}
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
      )}

      {ecrWarning && (
        <Alert tone="warning">
          AWS ECR passwords (from <code className="font-mono">aws ecr get-login-password</code>) expire after 12 hours, and pulls fail once they do. On EKS, choose
          Vendor-specific so nodes pull with their IAM role.
        </Alert>
      )}
      {vendor && <VendorHelp key={vendor} vendor={vendor} />}

      {authType !== 'vendor' && (
        <Checkbox id={f('insecure')} checked={insecure} onChange={change('insecure', setInsecure)} label="Plain HTTP (insecure registry)">
          Only for a registry without TLS on a network you trust; data-plane nodes must allow it too. Registries on 127.0.0.1 use HTTP anyway.
        </Checkbox>
      )}

      {authType === 'vendor' && (
        <p className="rounded-md bg-zinc-50 px-3 py-2 text-xs text-zinc-600">
          No credentials are stored: the data plane’s nodes pull with their cloud identity (EKS node role, GKE service account, AKS managed identity). Test connection can
          only check that the host is reachable.
        </p>
      )}


      <div className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
        {authType !== 'vendor' && (
          <Field id={f('image')} label="Image to check (optional)" error={err('image')} hint="Test connection also checks pull access to it. Not saved.">
            <Input
              name="image"
              value={image}
              onChange={(e) => change('image', setImage)(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (!testing) test();
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
          <Button variant="secondary" onClick={test} pending={testing}>
            Test connection
          </Button>
          <p role="status" className="text-xs text-zinc-600">
            {testing ? (
              <span className="inline-flex items-center gap-1.5">
                <Spinner className="size-3" /> Testing {effectiveHost ? bareHost(effectiveHost) : 'the connection'}…
              </span>
            ) : !result ? (
              'Checks that the registry answers and accepts the credentials.'
            ) : null}
          </p>
        </div>
        {!testing && result && <CheckResultBox result={result} />}
      </div>

      <DialogFooter>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" pending={save.pending}>
          Save
        </Button>
      </DialogFooter>
    </form>
  );
}

function AuthTypeCards({ value, onChange, error }: { value: AuthType; onChange(v: AuthType): void; error?: string }) {
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

function Checkbox({ id, checked, onChange, label, children }: { id: string; checked: boolean; onChange(v: boolean): void; label: string; children: ReactNode }) {
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
