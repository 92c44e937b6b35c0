import { describe, expect, it } from 'vitest';
import { containerName, labelFilters, labelsMatch, specHash, workloadLabels } from './names';
import type { WorkloadSpec } from '../types';

const id = { org: 'Acme Corp', project: 'shop', component: 'api', environment: 'production', release: '0b9c7e1a-5d2f-4c1b-9a77-2f0e6f1d9c3a' };

describe('container names', () => {
  it('are readable, deterministic and valid Docker names', () => {
    const name = containerName(id);
    expect(name).toMatch(/^gantry-acme-corp-shop-api-production-0b9c7e1a-5d2-[a-z0-9]{8}$/);
    expect(containerName({ ...id })).toBe(name);
    expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/);
  });

  it('differ where the readable parts read the same', () => {
    const a = containerName({ ...id, org: 'a-b', project: 'c' });
    const b = containerName({ ...id, org: 'a', project: 'b-c' });
    expect(a.slice(0, -9)).toBe(b.slice(0, -9));
    expect(a).not.toBe(b);
    expect(containerName({ ...id, release: 'r2' })).not.toBe(containerName({ ...id, release: 'r3' }));
  });

  it('stay short for long or odd identities', () => {
    const long = containerName({ org: 'x'.repeat(200), project: '—', component: '___', environment: 'E'.repeat(50), release: '!!' });
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long).toMatch(/^gantry-x{20}-x-x-e{16}-x-[a-z0-9]{8}$/);
  });
});

describe('labels', () => {
  it('carry the exact identity and the extra labels, and filters match them', () => {
    const labels = workloadLabels(id, { 'gantry.instance': 'one' });
    expect(labels).toEqual({
      'gantry.instance': 'one',
      'gantry.managed': 'true',
      'gantry.org': 'Acme Corp',
      'gantry.project': 'shop',
      'gantry.component': 'api',
      'gantry.environment': 'production',
      'gantry.release': id.release,
    });
    expect(labelFilters(id, { 'gantry.instance': 'one' })).toEqual([
      'gantry.managed=true',
      'gantry.org=Acme Corp',
      'gantry.project=shop',
      'gantry.component=api',
      'gantry.environment=production',
      'gantry.instance=one',
    ]);
    expect(labelsMatch(labels, id, { 'gantry.instance': 'one' })).toBe(true);
    expect(labelsMatch(labels, id, { 'gantry.instance': 'two' })).toBe(false);
    expect(labelsMatch(labels, { ...id, environment: 'staging' })).toBe(false);
    expect(labelsMatch({ ...labels, 'gantry.managed': 'false' }, id)).toBe(false);
  });
});

describe('spec hash', () => {
  const spec: WorkloadSpec = {
    identity: id,
    type: 'service',
    image: 'r.example/app@sha256:' + 'a'.repeat(64),
    pullAuth: { kind: 'none' },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    env: { B: '2', A: '1' },
    files: [],
  };
  it('ignores env order, health and credentials; changes with what the container runs', () => {
    const h = specHash(spec);
    expect(specHash({ ...spec, env: { A: '1', B: '2' }, health: { timeoutSeconds: 5 }, pullAuth: { kind: 'vendor' } })).toBe(h);
    expect(specHash({ ...spec, env: { A: '1', B: '3' } })).not.toBe(h);
    expect(specHash({ ...spec, files: [{ path: '/x', content: 'y' }] })).not.toBe(h);
    expect(specHash({ ...spec, args: ['run'] })).not.toBe(h);
  });
});
