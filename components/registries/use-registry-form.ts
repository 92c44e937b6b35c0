'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createRegistryAction, testRegistryAction, testRegistryDraftAction, updateRegistryAction } from './actions';
import { useToast } from '@/components/ui/toast';
import { useServerAction } from '@/components/ui/use-server-action';
import type { ActionResult } from '@/lib/http/action';
import type { AuthType, CheckResult, Registry } from './types';
import { bareHost, detectVendor, inspectDockerConfig, isEcrHost } from './vendors';

export interface RegistryValues {
  displayName: string;
  authType: AuthType;
  host: string;
  username: string;
  password: string;
  dockerConfig: string;
  insecure: boolean;
  image: string;
}
export type Key = keyof RegistryValues;

export const movedHint = 'Required: the host or plain-HTTP setting changed, and stored credentials are only sent where they were saved for.';

const initial = (registry?: Registry): RegistryValues => ({
  displayName: registry?.displayName ?? '',
  authType: (registry?.authType as AuthType) ?? 'anonymous',
  host: registry && registry.authType !== 'docker-config' ? registry.host : '',
  username: registry?.authType === 'basic' ? (registry.username ?? '') : '',
  password: '',
  dockerConfig: '',
  insecure: registry?.insecure ?? false,
  image: '',
});

/** What the create verb takes: only the chosen type's fields. */
function createInput(v: RegistryValues): Record<string, unknown> {
  const { authType, displayName, host, insecure } = v;
  switch (authType) {
    case 'anonymous':
      return { authType, displayName, host, insecure };
    case 'basic':
      return { authType, displayName, host, username: v.username, password: v.password, insecure };
    case 'docker-config':
      return { authType, displayName, dockerConfig: v.dockerConfig, insecure };
    case 'vendor':
      return { authType, displayName, host };
  }
}

/** What the update verb takes: secrets only when typed (left out, the stored one is kept). */
function updatePatch(v: RegistryValues): Record<string, unknown> {
  const p: Record<string, unknown> = { displayName: v.displayName, authType: v.authType };
  if (v.authType !== 'docker-config') p.host = v.host;
  if (v.authType !== 'vendor') p.insecure = v.insecure;
  if (v.authType === 'basic') {
    p.username = v.username;
    if (v.password) p.password = v.password;
  }
  if (v.authType === 'docker-config' && v.dockerConfig.trim()) p.dockerConfig = v.dockerConfig;
  return p;
}

/**
 * The registry form's state and what it does: values, Save (create or update), Test
 * connection (a draft, or the saved registry with its stored secret), and which field
 * errors still apply (one typed into since the last attempt no longer shows its error).
 */
export function useRegistryForm(orgSlug: string, registry: Registry | undefined, onDone: () => void) {
  const router = useRouter();
  const toast = useToast();
  const editing = !!registry;
  const [values, setValues] = useState(() => initial(registry));
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
        if (result) void testRegistryAction(orgSlug, saved.id, values.image.trim() ? { image: values.image.trim() } : {}).finally(() => router.refresh());
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

  /** Changing anything the test depends on makes its result stale. */
  function change<K extends Key>(key: K, connection = true) {
    return (v: RegistryValues[K]) => {
      setValues((s) => ({ ...s, [key]: v }));
      setEdited((s) => (s.has(key) ? s : new Set(s).add(key)));
      if (connection) setResult(null);
    };
  }
  const begin = (which: NonNullable<typeof last>) => {
    setLast(which);
    setLocal({});
    setEdited(new Set());
  };

  const { authType, host, username, password, dockerConfig, insecure, image } = values;
  const sameType = editing && registry.authType === authType;
  // A stored secret only ever goes to the host and scheme it was saved for (the server
  // refuses the change otherwise): moving the registry means typing the secret again.
  const moved = sameType && ((authType === 'basic' && bareHost(host) !== registry.host) || insecure !== registry.insecure);
  const config = authType === 'docker-config' ? inspectDockerConfig(dockerConfig) : {};
  const effectiveHost = authType === 'docker-config' ? (config.host ?? (sameType ? registry.host : '')) : host;

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
    draft.run(orgSlug, { registry: { ...createInput(values), displayName: values.displayName.trim() || 'Connection test' }, ...(img ? { image: img } : {}) });
  }

  function submit() {
    begin('save');
    if (moved && authType === 'basic' && !password) return setLocal({ password: movedHint });
    if (moved && authType === 'docker-config' && !dockerConfig.trim()) return setLocal({ dockerConfig: movedHint });
    save.run(editing ? updatePatch(values) : createInput(values));
  }

  return {
    values,
    change,
    err,
    formError: current?.formError,
    /** Field errors of the last refused save (to focus the first). */
    saveFields: save.fields,
    last,
    result,
    testing,
    saving: save.pending,
    test,
    submit,
    moved,
    keepsPassword: sameType && authType === 'basic' && !moved,
    keepsConfig: sameType && authType === 'docker-config' && !moved,
    config,
    effectiveHost,
    vendor: detectVendor(effectiveHost),
    ecrWarning: authType !== 'vendor' && isEcrHost(effectiveHost),
  };
}

export type RegistryFormState = ReturnType<typeof useRegistryForm>;
