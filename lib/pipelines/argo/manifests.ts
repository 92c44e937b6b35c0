/**
 * What a Workflow needs beside itself in its namespace: the ServiceAccount its pods run as with
 * a Role letting Argo's executor report results (workflowtaskresults create/patch — Argo ≥ 3.4),
 * and the Secret its `secretKeyRef`s read. The Secret is built only at apply time, from values
 * the caller decrypted; `redactedSecret` is what the pipeline page shows instead.
 */
import type { CompiledWorkflow, Json } from './compile';
import { MANAGER, PIPELINE_LABELS, RUNNER_ACCOUNT } from './names';

export const REDACTED = '<redacted>';

export function runnerAccountManifests(namespace: string): Json[] {
  const labels = { [PIPELINE_LABELS.managedBy]: MANAGER };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: RUNNER_ACCOUNT, namespace, labels } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: RUNNER_ACCOUNT, namespace, labels },
      rules: [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: RUNNER_ACCOUNT, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: RUNNER_ACCOUNT },
      subjects: [{ kind: 'ServiceAccount', name: RUNNER_ACCOUNT, namespace }],
    },
  ];
}

/** The Secret with the values of the keys the Workflow reads. A missing value is an error: the pod would never start. */
export function secretManifest(compiled: CompiledWorkflow, namespace: string, values: Record<string, string>): Json {
  const missing = compiled.secret.keys.filter((k) => values[k] === undefined);
  if (missing.length) throw new Error(`The pipeline has no value for the secret(s) ${missing.join(', ')}.`);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: compiled.secret.name, namespace, labels: { [PIPELINE_LABELS.managedBy]: MANAGER } },
    stringData: Object.fromEntries(compiled.secret.keys.map((k) => [k, values[k]])),
  };
}

/** The same Secret with every value replaced: for display only. */
export function redactedSecret(compiled: CompiledWorkflow, namespace: string): Json {
  return secretManifest(compiled, namespace, Object.fromEntries(compiled.secret.keys.map((k) => [k, REDACTED])));
}
