import { describe, expect, it } from 'vitest';
import { detectVendor, inspectDockerConfig } from '@/components/registries/vendors';
import { parseImageReference } from '@/lib/oci/reference';
import { parseDockerConfig } from './docker-config';
import { normalizeHost, registryWarnings } from './host';
import { DOCKER_HUB_ALIASES, registryApiHost } from './registry-host';

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
});
