import { describe, expect, it } from 'vitest';
import { checkKubeconfig } from './kubeconfig';

function kubeconfig(user: Record<string, unknown> = { token: 't' }, cluster: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://k8s.example.com:6443/', 'certificate-authority-data': 'Q0E=', ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
}

describe('checkKubeconfig', () => {
  it('accepts inline credentials and returns the current server', () => {
    expect(checkKubeconfig(kubeconfig())).toEqual({ server: 'https://k8s.example.com:6443', context: 'ctx' });
    expect(checkKubeconfig(kubeconfig({ 'client-certificate-data': 'x', 'client-key-data': 'y' })).server).toContain('k8s.example.com');
  });

  it.each([
    [{ exec: { command: 'sh', args: ['-c', 'id'] } }, {}, 'exec'],
    [{ 'auth-provider': { name: 'gcp', config: { 'cmd-path': '/bin/sh' } } }, {}, 'auth-provider'],
    [{ 'token-file': '/etc/shadow' }, {}, 'token-file'],
    [{ 'client-certificate': '/root/cert.pem', 'client-key': '/root/key.pem' }, {}, 'client-certificate'],
    [{ token: 't' }, { 'certificate-authority': '/etc/ca.pem' }, 'certificate-authority'],
    [{ token: 't' }, { 'proxy-url': 'http://10.0.0.1:3128' }, 'proxy-url'],
  ])('refuses programs and local files (%j %j)', (user, cluster, key) => {
    expect(() => checkKubeconfig(kubeconfig(user, cluster))).toThrow(new RegExp(`"${key}"`));
  });

  it('lets an operator trust a kubeconfig that uses them', () => {
    expect(checkKubeconfig(kubeconfig({ exec: { command: 'aws' } }), { trusted: true }).server).toBe('https://k8s.example.com:6443');
  });

  it('explains what is missing', () => {
    expect(() => checkKubeconfig('a: [')).toThrow(/not valid YAML/);
    expect(() => checkKubeconfig('- 1')).toThrow(/mapping/);
    expect(() => checkKubeconfig(kubeconfig().replace('"current-context":"ctx"', '"current-context":""'))).toThrow(/current-context/);
    expect(() => checkKubeconfig(kubeconfig().replace('"current-context":"ctx"', '"current-context":"nope"'))).toThrow(/"nope" is not defined/);
    expect(() => checkKubeconfig(kubeconfig({ token: 't' }, { server: 'k8s.example.com' }))).toThrow(/server URL/);
    expect(() => checkKubeconfig(kubeconfig().replace('"user":"u"', '"user":"ghost"'))).toThrow(/user "ghost" of context "ctx" is not defined/);
  });

  it('raises an "invalid" ServiceError with a field', () => {
    try {
      checkKubeconfig('{}');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid', details: { fields: { kubeconfig: expect.any(String) } } });
    }
  });
});
