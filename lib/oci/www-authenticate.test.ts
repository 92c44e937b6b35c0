import { describe, expect, it } from 'vitest';
import { findChallenge, parseWwwAuthenticate } from './www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('parses a Docker Hub style Bearer challenge', () => {
    const c = parseWwwAuthenticate(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
    );
    expect(c).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/nginx:pull',
        },
      },
    ]);
  });

  it('parses a Basic challenge', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
    ]);
  });

  it('parses several challenges in one header', () => {
    const c = parseWwwAuthenticate('Basic realm="simple", Bearer realm="https://a.example/token", service="reg", Newauth realm="apps", type=1, title="Login to \\"apps\\""');
    expect(c.map((x) => x.scheme)).toEqual(['basic', 'bearer', 'newauth']);
    expect(c[0].params).toEqual({ realm: 'simple' });
    expect(c[1].params).toEqual({ realm: 'https://a.example/token', service: 'reg' });
    expect(c[2].params).toEqual({ realm: 'apps', type: '1', title: 'Login to "apps"' });
  });

  it('keeps commas and escaped quotes inside quoted values', () => {
    const c = parseWwwAuthenticate(
      'Bearer realm="http://127.0.0.1:1/token",service="svc",scope="repository:a/b:pull,push repository:c:pull",error="insufficient_scope",error_description="say \\"hi\\", then \\\\ leave"',
    );
    expect(c).toHaveLength(1);
    expect(c[0].params.scope).toBe('repository:a/b:pull,push repository:c:pull');
    expect(c[0].params.error).toBe('insufficient_scope');
    expect(c[0].params.error_description).toBe('say "hi", then \\ leave');
  });

  it('handles whitespace around "=", unquoted tokens and case-insensitive names', () => {
    const c = parseWwwAuthenticate('BEARER  Realm = "x" ,  Service=reg.example ,Scope = "s"');
    expect(c).toEqual([{ scheme: 'bearer', params: { realm: 'x', service: 'reg.example', scope: 's' } }]);
  });

  it('parses schemes without parameters and token68 values', () => {
    const c = parseWwwAuthenticate('Negotiate, NTLM abc+/def==, Basic realm="r"');
    expect(c).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'ntlm', params: {}, token68: 'abc+/def==' },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });

  it('handles headers joined by Headers.get() and empty list elements', () => {
    const h = new Headers();
    h.append('WWW-Authenticate', 'Basic realm="one"');
    h.append('WWW-Authenticate', 'Bearer realm="two",service="s"');
    const c = parseWwwAuthenticate(h.get('www-authenticate') + ', ,');
    expect(c.map((x) => [x.scheme, x.params.realm])).toEqual([
      ['basic', 'one'],
      ['bearer', 'two'],
    ]);
  });

  it('tolerates an unterminated quoted string and empty input', () => {
    expect(parseWwwAuthenticate('Bearer realm="http://x/token')).toEqual([
      { scheme: 'bearer', params: { realm: 'http://x/token' } },
    ]);
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate(null)).toEqual([]);
  });

  it('keeps the first of duplicate parameters', () => {
    expect(parseWwwAuthenticate('Bearer realm="a", realm="b"')[0].params.realm).toBe('a');
  });

  it('findChallenge is case-insensitive', () => {
    const c = parseWwwAuthenticate('Basic realm="a", Bearer realm="b"');
    expect(findChallenge(c, 'Bearer')?.params.realm).toBe('b');
    expect(findChallenge(c, 'digest')).toBeUndefined();
  });
});
