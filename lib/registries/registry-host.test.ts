import { describe, expect, it } from 'vitest';
import { detectVendor, inspectDockerConfig } from '@/components/registries/vendors';
import { parseImageReference } from '@/lib/oci/reference';
import { parseDockerConfig } from './docker-config';
import { normalizeHost, registryWarnings } from './host';
import { DOCKER_HUB_ALIASES, hostnameOf, imageRegistryHost, isLoopbackHost, registryApiHost } from './registry-host';
import { isInsecureRegistry } from '@/lib/dataplane/engine/podman-service';
import { resolveEndpoint } from '@/lib/oci/client';

const auth = Buffer.from('u:p').toString('base64');
const config = (key: string) => JSON.stringify({ auths: { [key]: { auth } } });

describe('one meaning of a registry host, wherever it is read', () => {
  it.each(DOCKER_HUB_ALIASES)('%s is Docker Hub for the form, the server, docker configs, references and the API client', (alias) => {
    expect(detectVendor(alias)).toBe('dockerhub');
    expect(normalizeHost(alias.toUpperCase())).toBe('docker.io');
    expect(inspectDockerConfig(config(`https://${alias}/v1/`))).toEqual({ host: 'docker.io' });
    expect(parseDockerConfig(config(`https://${alias}/v1/`)).host).toBe('docker.io');
    expect(parseImageReference(`${alias}/team/app:1`).domain).toBe('docker.io');
    expect(registryApiHost(alias)).toBe('registry-1.docker.io');
    expect(registryWarnings(normalizeHost(alias), 'basic').join(' ')).toMatch(/Docker Hub/);
  });

  it('ECR hosts are recognised the same way by the form and the server', () => {
    const host = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    expect(detectVendor(`https://${host}/`)).toBe('ecr');
    expect(registryWarnings(host, 'basic').join(' ')).toMatch(/expire after 12 hours/);
    expect(registryWarnings(host, 'vendor')).toEqual([]);
  });

  it('the image reference parser and the engine pulling it agree on which registry an image names', () => {
    for (const [image, host] of [
      ['nginx:1.27', 'docker.io'],
      ['team/app:1.0', 'docker.io'],
      ['127.0.0.1:5000/team/app:1.0', '127.0.0.1:5000'],
      ['localhost/app@sha256:' + 'a'.repeat(64), 'localhost'],
      ['ghcr.io/org/app:2', 'ghcr.io'],
      ['[::1]:5000/app:1', '[::1]:5000'],
    ]) {
      expect(imageRegistryHost(image)).toBe(host);
      expect(parseImageReference(image).domain).toBe(host);
    }
  });

  it('loopback hosts use plain HTTP in the API client and may skip TLS in the engine; others do neither', () => {
    for (const host of ['127.0.0.1:5000', 'localhost:5000', '[::1]:5000', 'registry.localhost']) {
      expect(isLoopbackHost(hostnameOf(host))).toBe(true);
      expect(isInsecureRegistry(host)).toBe(true);
      expect(resolveEndpoint(host).baseUrl).toBe(`http://${host}`);
    }
    for (const host of ['ghcr.io', '10.0.0.5:5000', '127.example.com']) {
      expect(isLoopbackHost(hostnameOf(host))).toBe(false);
      expect(isInsecureRegistry(host)).toBe(false);
      expect(resolveEndpoint(host).baseUrl).toBe(`https://${host}`);
    }
  });
});
