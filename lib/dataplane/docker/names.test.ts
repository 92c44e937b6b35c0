import { describe, expect, it } from 'vitest';
import { containerName, labelFilters, labelsMatch, networkAlias, orgNetworkName, projectNetworkName, specHash, workloadLabels } from './names';
import type { WorkloadSpec } from '../types';

const id = { org: 'Acme Corp', project: 'shop', component: 'api', environment: 'production', release: '0b9c7e1a-5d2f-4c1b-9a77-2f0e6f1d9c3a' };

describe('container names', () => {
  const h = 'a'.repeat(32);
  it('are readable, deterministic and valid Docker names', () => {
    const name = containerName('inst01', id, h);
    expect(name).toMatch(/^gantry-inst01-acme-corp-shop-api-production-0b9c7e1a-5d2-[a-z0-9]{8}$/);
    expect(containerName('inst01', { ...id }, h)).toBe(name);
    expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/);
  });

  it('differ where the readable parts read the same, per release, per spec and per installation', () => {
    const a = containerName('inst01', { ...id, org: 'a-b', project: 'c' }, h);
    const b = containerName('inst01', { ...id, org: 'a', project: 'b-c' }, h);
    expect(a.slice(0, -9)).toBe(b.slice(0, -9));
    expect(a).not.toBe(b);
    expect(containerName('inst01', { ...id, release: 'r2' }, h)).not.toBe(containerName('inst01', { ...id, release: 'r3' }, h));
    // A new config of the same release gets a container of its own: the serving one stays until the new one is healthy.
    expect(containerName('inst01', id, h)).not.toBe(containerName('inst01', id, 'b'.repeat(32)));
    expect(containerName('inst01', id, h)).not.toBe(containerName('inst02', id, h));
  });

  it('stay short for long or odd identities', () => {
    const long = containerName('i'.repeat(32), { org: 'x'.repeat(200), project: '—', component: '___', environment: 'E'.repeat(50), release: '!!' }, h);
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long).toMatch(/^gantry-i{12}-x{20}-x-x-e{16}-x-[a-z0-9]{8}$/);
  });
});

describe('network names', () => {
  const at = { org: 'Acme Corp', project: 'shop', environment: 'development' };
  it('are one per installation, organisation, project and environment', () => {
    expect(projectNetworkName('inst01', at)).toMatch(/^gantry-inst01-acme-corp-shop-development-[a-z0-9]{6}$/);
    expect(projectNetworkName('inst01', at)).not.toBe(projectNetworkName('inst02', at));
    expect(projectNetworkName('inst01', at)).not.toBe(projectNetworkName('inst01', { ...at, environment: 'production' }));
    expect(projectNetworkName('inst01', { ...at, project: 'a-b' })).not.toBe(projectNetworkName('inst01', { ...at, project: 'a b' }));
  });
  it('give the organisation a network per environment that no project network can be', () => {
    expect(orgNetworkName('inst01', at)).toMatch(/^gantry-inst01-acme-corp-org-development-[a-z0-9]{6}$/);
    expect(orgNetworkName('inst01', at)).not.toBe(projectNetworkName('inst01', { ...at, project: 'org' }));
    expect(orgNetworkName('inst01', at)).not.toBe(orgNetworkName('inst01', { ...at, environment: 'production' }));
  });
  it('name a component <component>.<project> inside them', () => {
    expect(networkAlias({ project: 'shop', component: 'api' })).toBe('api.shop');
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
