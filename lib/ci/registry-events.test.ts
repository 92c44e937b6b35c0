import { describe, expect, it } from 'vitest';
import { normalisePushEvents } from './registry-events';

// Payload shapes as each vendor documents them (trimmed to the fields that matter plus some noise).
const dockerhub = {
  callback_url: 'https://registry.hub.docker.com/u/svendowideit/testhook/hook/2141b5bi5i5b02bec211i4eeih0242eg11000a/',
  push_data: { pushed_at: 1417566161, pusher: 'trustedbuilder', tag: 'latest' },
  repository: { name: 'testhook', namespace: 'svendowideit', owner: 'svendowideit', repo_name: 'svendowideit/testhook', repo_url: 'https://registry.hub.docker.com/u/svendowideit/testhook/', status: 'Active' },
};
const ghcrPackage = {
  action: 'published',
  package: {
    name: 'shop',
    namespace: 'acme',
    package_type: 'CONTAINER',
    owner: { login: 'acme' },
    package_version: {
      name: 'sha256:' + 'a'.repeat(64),
      container_metadata: { tag: { name: 'v1.2.0', digest: 'sha256:' + 'a'.repeat(64) } },
      package_url: 'ghcr.io/acme/shop:v1.2.0',
    },
  },
};
const ghcrRegistryPackage = {
  action: 'published',
  registry_package: { name: 'shop', namespace: 'acme', owner: { login: 'acme' }, package_version: { container_metadata: { tag: { name: 'main-1', digest: '' } } } },
};
const harbor = {
  type: 'PUSH_ARTIFACT',
  occur_at: 1680000000,
  operator: 'admin',
  event_data: {
    resources: [{ digest: 'sha256:' + 'b'.repeat(64), tag: 'v2', resource_url: 'harbor.example.com/library/shop:v2' }],
    repository: { date_created: 1680000000, name: 'shop', namespace: 'library', repo_full_name: 'library/shop', repo_type: 'private' },
  },
};
const quay = {
  repository: 'acme/shop',
  namespace: 'acme',
  name: 'shop',
  docker_url: 'quay.io/acme/shop',
  homepage: 'https://quay.io/repository/acme/shop',
  updated_tags: ['latest', '3.0'],
};
const distribution = {
  events: [
    {
      id: 'asdf-asdf-asdf-asdf-0',
      timestamp: '2006-01-02T15:04:05Z',
      action: 'push',
      target: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 1, digest: 'sha256:' + 'c'.repeat(64), length: 1, repository: 'team/shop', url: 'http://example.com/v2/team/shop/manifests/sha256:…', tag: '4.0' },
      request: { id: 'x', addr: '127.0.0.1:5000', host: 'registry.example.com:5000', method: 'PUT', useragent: 'test' },
      actor: {},
      source: { addr: 'hostname.local:port' },
    },
    { action: 'pull', target: { repository: 'team/shop', tag: '4.0' }, request: { host: 'registry.example.com:5000' } },
    { action: 'push', target: { mediaType: 'application/octet-stream', repository: 'team/shop', digest: 'sha256:' + 'd'.repeat(64) }, request: { host: 'registry.example.com:5000' } },
  ],
};

describe('registry push notifications', () => {
  it('Docker Hub', () => {
    expect(normalisePushEvents('dockerhub', dockerhub)).toEqual([{ host: 'docker.io', path: 'svendowideit/testhook', tag: 'latest' }]);
    expect(normalisePushEvents('dockerhub', { push_data: { tag: '1' }, repository: { repo_name: 'nginx' } })[0].path).toBe('library/nginx');
  });
  it('GitHub package and registry_package events', () => {
    expect(normalisePushEvents('ghcr', ghcrPackage)).toEqual([{ host: 'ghcr.io', path: 'acme/shop', tag: 'v1.2.0', digest: 'sha256:' + 'a'.repeat(64) }]);
    expect(normalisePushEvents('ghcr', ghcrRegistryPackage)).toEqual([{ host: 'ghcr.io', path: 'acme/shop', tag: 'main-1', digest: undefined }]);
  });
  it('Harbor PUSH_ARTIFACT, and other Harbor events are not pushes', () => {
    expect(normalisePushEvents('harbor', harbor)).toEqual([{ host: 'harbor.example.com', path: 'library/shop', tag: 'v2', digest: 'sha256:' + 'b'.repeat(64) }]);
    expect(normalisePushEvents('harbor', { ...harbor, type: 'DELETE_ARTIFACT' })).toEqual([]);
  });
  it('Quay, one event per updated tag', () => {
    expect(normalisePushEvents('quay', quay)).toEqual([
      { host: 'quay.io', path: 'acme/shop', tag: 'latest' },
      { host: 'quay.io', path: 'acme/shop', tag: '3.0' },
    ]);
  });
  it('distribution envelopes: manifest pushes only', () => {
    expect(normalisePushEvents('distribution', distribution)).toEqual([{ host: 'registry.example.com:5000', path: 'team/shop', tag: '4.0', digest: 'sha256:' + 'c'.repeat(64) }]);
  });
  it('refuses bodies that are not that sender\'s', () => {
    expect(() => normalisePushEvents('dockerhub', { hello: 1 })).toThrow(/repo_name/);
    expect(() => normalisePushEvents('ghcr', {})).toThrow(/package/);
    expect(() => normalisePushEvents('distribution', [])).toThrow(/JSON object/);
  });
});
