import { describe, expect, it } from 'vitest';
import { REQUEST_PATH_HEADER, signInUrl } from './request-path';

const h = (path?: string) => new Headers(path === undefined ? {} : { [REQUEST_PATH_HEADER]: path });

describe('signInUrl', () => {
  it('returns to the page that asked for sign-in', () => {
    expect(signInUrl(h('/o/acme/settings/members?x=1'))).toBe(`/sign-in?next=${encodeURIComponent('/o/acme/settings/members?x=1')}`);
  });

  it('never carries an off-site address, and plain sign-in when nothing useful was asked for', () => {
    for (const p of [undefined, '/', '//evil.example/o/acme', 'https://evil.example/']) expect(signInUrl(h(p)), String(p)).toBe('/sign-in');
  });
});
