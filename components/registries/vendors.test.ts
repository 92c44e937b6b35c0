import { describe, expect, it } from 'vitest';
import { formatAgo } from './relative-time';
import { bareHost, detectVendor, inspectDockerConfig, isEcrHost } from './vendors';

describe('vendor guidance is keyed on the host typed', () => {
  it.each([
    ['registry.hub.docker.com', 'dockerhub'],
    ['registry.docker.com', 'dockerhub'],
    ['https://index.docker.io/v1/', 'dockerhub'],
    ['docker.io', 'dockerhub'],
    ['GHCR.io', 'ghcr'],
    ['europe-west1-docker.pkg.dev', 'gar'],
    ['eu.gcr.io', 'gar'],
    ['myteam.azurecr.io', 'acr'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ecr'],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', 'ecr'],
    ['registry.example.com', null],
    ['127.0.0.1:5000', null],
    ['', null],
    ['ghcr.io.evil.example', null],
  ])('%s → %s', (host, vendor) => {
    expect(detectVendor(host)).toBe(vendor);
  });

  it('recognises ECR hosts only with a 12-digit account', () => {
    expect(isEcrHost('123456789012.dkr.ecr.us-east-1.amazonaws.com')).toBe(true);
    expect(isEcrHost('12345.dkr.ecr.us-east-1.amazonaws.com')).toBe(false);
    expect(isEcrHost('public.ecr.aws')).toBe(false);
  });

  it('strips scheme and path', () => {
    expect(bareHost(' https://Registry.Example.com:5000/v2/ ')).toBe('registry.example.com:5000');
  });
});

describe('inspectDockerConfig (live hints; the server decides)', () => {
  const auth = Buffer.from('u:p').toString('base64');
  it('reads the one registry', () => {
    expect(inspectDockerConfig(JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth } } }))).toEqual({ host: 'docker.io' });
    expect(inspectDockerConfig(JSON.stringify({ auths: { '127.0.0.1:5000': { auth } } }))).toEqual({ host: '127.0.0.1:5000' });
  });
  it('says what is wrong', () => {
    expect(inspectDockerConfig('')).toEqual({});
    expect(inspectDockerConfig('{"auths":')).toEqual({ problem: 'This is not valid JSON yet.' });
    expect(inspectDockerConfig('[]').problem).toMatch(/JSON object/);
    expect(inspectDockerConfig(JSON.stringify({ credsStore: 'desktop', auths: {} })).problem).toMatch(/credential helper/);
    expect(inspectDockerConfig(JSON.stringify({ auths: {} })).problem).toBe('“auths” is empty.');
    expect(inspectDockerConfig(JSON.stringify({ auths: { a: { auth }, b: { auth } } })).problem).toBe('“auths” names 2 registries; exactly one is allowed.');
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it.each([
    ['2026-11-21T11:59:50Z', 'just now'],
    ['2026-11-21T11:58:00Z', '2 min ago'],
    ['2026-11-21T09:00:00Z', '3 h ago'],
    ['2026-11-20T12:00:00Z', '1 day ago'],
    ['2026-11-16T12:00:00Z', '5 days ago'],
    ['2026-09-01T12:00:00Z', '2026-09-01'],
    ['2026-11-21T12:00:30Z', 'just now'],
  ])('%s → %s', (at, text) => {
    expect(formatAgo(at, now)).toBe(text);
  });
});
