import { describe, expect, it } from 'vitest';
// The client's generated models and serializer, imported directly: the package's
// entry point pulls in its HTTP stack, which needs a newer Node.js than tests may run on.
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import type { ComponentType, WorkloadSpec } from '../types';
import { modelTypeName, toClientModel, type ModelRegistry } from './client-model';
import { renderWorkload } from './render';

const registry = models as unknown as ModelRegistry;

function spec(type: ComponentType): WorkloadSpec {
  return {
    identity: { org: 'acme', project: 'shop', component: 'api', environment: 'prod', release: 'r1' },
    type,
    image: `ghcr.io/acme/api@sha256:${'b'.repeat(64)}`,
    pullAuth: { kind: 'basic', serverAddress: 'ghcr.io', username: 'u', password: 'p' },
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    env: { A: '1' },
    files: [{ path: '/etc/x.conf', content: 'x' }],
    health: { httpPath: '/health', timeoutSeconds: 2 },
    schedule: '0 * * * *',
    command: ['run'],
    args: ['--now'],
  };
}

describe('toClientModel', () => {
  it('maps API names to client model names', () => {
    expect(modelTypeName('apps/v1', 'Deployment')).toBe('V1Deployment');
    expect(modelTypeName('v1', 'Secret')).toBe('V1Secret');
    expect(modelTypeName('networking.k8s.io/v1', 'NetworkPolicy')).toBe('V1NetworkPolicy');
  });

  it('shows the client would drop a wire-format NetworkPolicy "from" (why this module exists)', () => {
    const wire = { spec: { ingress: [{ from: [{ podSelector: {} }] }] } };
    expect(ObjectSerializer.serialize(wire, 'V1NetworkPolicy', '')).toEqual({ spec: { ingress: [{}] } });
  });

  for (const type of ['service', 'web-app', 'scheduled-task', 'manual-task'] as const) {
    for (const visibility of ['project', 'organization', 'public'] as const) {
      it(`round-trips every ${type} object (${visibility}) through the client's serializer unchanged`, () => {
        for (const object of renderWorkload(spec(type), { visibility, runId: 'r1' })) {
          const typeName = modelTypeName(object.apiVersion, object.kind);
          const model = toClientModel(registry, object, typeName);
          expect(ObjectSerializer.serialize(model, typeName, '')).toEqual(object);
        }
      });
    }
  }

  it('refuses fields the client would drop', () => {
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: {}, template: {}, replicaz: 2 } };
    expect(() => toClientModel(registry, bad, 'V1Deployment')).toThrow(/no field "replicaz" \(at spec\.replicaz\)/);
  });
});
