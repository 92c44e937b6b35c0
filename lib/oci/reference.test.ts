/**
 * Tables ported from github.com/distribution/reference (reference_test.go,
 * normalize_test.go, regexp_test.go), adapted to this module's normalising
 * parser: names without a registry domain are reported with the Docker Hub
 * domain ("docker.io") and single-segment Docker Hub names get "library/".
 *
 * Deliberate differences from upstream, each covered by a test below:
 * - sha512/sha384 digests are accepted (upstream rejects them only when the Go
 *   program did not import crypto/sha512).
 * - Docker Hub aliases registry.hub.docker.com, registry.docker.com and
 *   registry-1.docker.io are normalised like index.docker.io.
 */
import { describe, expect, it } from 'vitest';
import { ServiceError } from '@/lib/errors';
import {
  hasExplicitDomain,
  parseImageReference,
  referenceGrammar,
  registryApiHost,
  tryParseImageReference,
} from './reference';

const F64 = 'f'.repeat(64);
const SHA_F = `sha256:${F64}`;

function expectInvalid(input: string, message: RegExp) {
  let caught: unknown;
  try {
    parseImageReference(input);
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${JSON.stringify(input)} to be rejected`).toBeInstanceOf(ServiceError);
  const err = caught as ServiceError;
  expect(err.code).toBe('invalid');
  expect(err.message).toMatch(message);
  expect(err.details?.fields?.image).toBe(err.message);
}

// ---------------------------------------------------------------------------
// reference_test.go: TestReferenceParse

interface ParseCase {
  input: string;
  name?: string; // normalised domain/path
  domain?: string;
  tag?: string; // explicit tag
  digest?: string;
  err?: RegExp;
}

const parseCases: ParseCase[] = [
  { input: 'test_com', name: 'docker.io/library/test_com', domain: 'docker.io' },
  { input: 'test.com:tag', name: 'docker.io/library/test.com', tag: 'tag' },
  { input: 'test.com:5000', name: 'docker.io/library/test.com', tag: '5000' },
  { input: 'test.com/repo:tag', domain: 'test.com', name: 'test.com/repo', tag: 'tag' },
  { input: 'test:5000/repo', domain: 'test:5000', name: 'test:5000/repo' },
  { input: 'test:5000/repo:tag', domain: 'test:5000', name: 'test:5000/repo', tag: 'tag' },
  { input: `test:5000/repo@${SHA_F}`, domain: 'test:5000', name: 'test:5000/repo', digest: SHA_F },
  { input: `test:5000/repo:tag@${SHA_F}`, domain: 'test:5000', name: 'test:5000/repo', tag: 'tag', digest: SHA_F },
  { input: '', err: /empty/ },
  { input: ':justtag', err: /no repository name/ },
  { input: `@${SHA_F}`, err: /no repository name/ },
  { input: 'repo@sha256:ffffffffffffffffffffffffffffffffff', err: /exactly 64 hexadecimal characters, this one has 34/ },
  { input: `validname@invaliddigest:${F64}`, err: /algorithm "invaliddigest" is not supported/ },
  { input: 'Uppercase:tag', err: /must be lowercase; use "uppercase"/ },
  { input: 'test:5000/Uppercase/lowercase:tag', err: /must be lowercase/ },
  { input: 'lowercase:Uppercase', name: 'docker.io/library/lowercase', tag: 'Uppercase' },
  { input: `domain/${'a'.repeat(256)}:tag`, err: /too long \(263 characters\); the maximum is 255/ },
  {
    input: `${'a/'.repeat(127)}a:tag-puts-this-over-max`,
    name: `docker.io/${'a/'.repeat(127)}a`,
    tag: 'tag-puts-this-over-max',
  },
  { input: 'aa/asdf$$^/aa', err: /Repository name "aa\/asdf\$\$\^\/aa" is not valid/ },
  { input: 'sub-dom1.foo.com/bar/baz/quux', domain: 'sub-dom1.foo.com', name: 'sub-dom1.foo.com/bar/baz/quux' },
  {
    input: 'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
    domain: 'sub-dom1.foo.com',
    name: 'sub-dom1.foo.com/bar/baz/quux',
    tag: 'some-long-tag',
  },
  {
    input: 'b.gcr.io/test.example.com/my-app:test.example.com',
    domain: 'b.gcr.io',
    name: 'b.gcr.io/test.example.com/my-app',
    tag: 'test.example.com',
  },
  { input: 'xn--n3h.com/myimage:xn--n3h.com', domain: 'xn--n3h.com', name: 'xn--n3h.com/myimage', tag: 'xn--n3h.com' },
  {
    input: `xn--7o8h.com/myimage:xn--7o8h.com@${SHA_F}`,
    domain: 'xn--7o8h.com',
    name: 'xn--7o8h.com/myimage',
    tag: 'xn--7o8h.com',
    digest: SHA_F,
  },
  { input: 'foo_bar.com:8080', name: 'docker.io/library/foo_bar.com', tag: '8080' },
  { input: 'foo/foo_bar.com:8080', domain: 'docker.io', name: 'docker.io/foo/foo_bar.com', tag: '8080' },
  { input: '192.168.1.1', name: 'docker.io/library/192.168.1.1' },
  { input: '192.168.1.1:tag', name: 'docker.io/library/192.168.1.1', tag: 'tag' },
  { input: '192.168.1.1:5000', name: 'docker.io/library/192.168.1.1', tag: '5000' },
  { input: '192.168.1.1/repo', domain: '192.168.1.1', name: '192.168.1.1/repo' },
  { input: '192.168.1.1:5000/repo', domain: '192.168.1.1:5000', name: '192.168.1.1:5000/repo' },
  { input: '192.168.1.1:5000/repo:5050', domain: '192.168.1.1:5000', name: '192.168.1.1:5000/repo', tag: '5050' },
  { input: '[2001:db8::1]', err: /not valid/ },
  { input: '[2001:db8::1]:5000', err: /not valid/ },
  { input: '[2001:db8::1]:tag', err: /not valid/ },
  { input: '[2001:db8::1]/repo', domain: '[2001:db8::1]', name: '[2001:db8::1]/repo' },
  { input: '[2001:db8:1:2:3:4:5:6]/repo:tag', domain: '[2001:db8:1:2:3:4:5:6]', name: '[2001:db8:1:2:3:4:5:6]/repo', tag: 'tag' },
  { input: '[2001:db8::1]:5000/repo', domain: '[2001:db8::1]:5000', name: '[2001:db8::1]:5000/repo' },
  { input: '[2001:db8::1]:5000/repo:tag', domain: '[2001:db8::1]:5000', name: '[2001:db8::1]:5000/repo', tag: 'tag' },
  { input: `[2001:db8::1]:5000/repo@${SHA_F}`, domain: '[2001:db8::1]:5000', name: '[2001:db8::1]:5000/repo', digest: SHA_F },
  {
    input: `[2001:db8::1]:5000/repo:tag@${SHA_F}`,
    domain: '[2001:db8::1]:5000',
    name: '[2001:db8::1]:5000/repo',
    tag: 'tag',
    digest: SHA_F,
  },
  { input: '[2001:db8::]:5000/repo', domain: '[2001:db8::]:5000', name: '[2001:db8::]:5000/repo' },
  { input: '[::1]:5000/repo', domain: '[::1]:5000', name: '[::1]:5000/repo' },
  { input: '[fe80::1%eth0]:5000/repo', err: /"\[fe80::1%eth0\]:5000" is not a valid registry host/ },
  { input: '[fe80::1%@invalidzone]:5000/repo', err: /is not a valid registry host/ },
  {
    input: `example.com/${'a'.repeat(255)}:tag`,
    domain: 'example.com',
    name: `example.com/${'a'.repeat(255)}`,
    tag: 'tag',
  },
];

describe('parseImageReference: upstream TestReferenceParse table', () => {
  for (const tc of parseCases) {
    it(tc.input === '' ? '(empty)' : tc.input.slice(0, 90), () => {
      if (tc.err) {
        expectInvalid(tc.input, tc.err);
        return;
      }
      const ref = parseImageReference(tc.input);
      expect(ref.name).toBe(tc.name);
      if (tc.domain) expect(ref.domain).toBe(tc.domain);
      expect(ref.name).toBe(`${ref.domain}/${ref.path}`);
      expect(ref.digest).toBe(tc.digest);
      expect(ref.explicitTag).toBe(tc.tag !== undefined);
      // default tag "latest" only when neither tag nor digest was given
      expect(ref.tag).toBe(tc.tag ?? (tc.digest ? undefined : 'latest'));
      expect(ref.manifestReference).toBe(tc.digest ?? tc.tag ?? 'latest');
      // canonical form re-parses to the same reference
      const again = parseImageReference(ref.canonical());
      expect(again.canonical()).toBe(ref.canonical());
    });
  }
});

// ---------------------------------------------------------------------------
// reference_test.go: TestDomainAndPath; normalize_test.go: TestNormalizedSplitHostname

describe('domain and path split (upstream TestDomainAndPath / TestNormalizedSplitHostname)', () => {
  const cases: [string, string, string][] = [
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test:8080/foo', 'test:8080', 'foo'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
  ];
  for (const [input, domain, path] of cases) {
    it(input, () => {
      const ref = parseImageReference(input);
      expect(ref.domain).toBe(domain);
      expect(ref.path).toBe(path);
    });
  }
});

// reference_test.go: TestParseNamed (a name is canonical when it is its own normal form)
describe('canonical names (upstream TestParseNamed)', () => {
  const cases: [string, boolean][] = [
    ['test.com/foo', true],
    ['test:8080/foo', true],
    ['test_com/foo', false],
    ['test.com', false],
    ['foo', false],
    ['library/foo', false],
    ['docker.io/library/foo', true],
    ['docker.io/foo', false],
  ];
  for (const [input, canonical] of cases) {
    it(`${input} canonical=${canonical}`, () => {
      expect(parseImageReference(input).name === input).toBe(canonical);
    });
  }
});

// ---------------------------------------------------------------------------
// normalize_test.go: TestValidateReferenceName, TestValidateRemoteName

describe('valid and invalid names (upstream TestValidateReferenceName / TestValidateRemoteName)', () => {
  const valid = [
    'docker/docker',
    'library/debian',
    'debian',
    'localhost/library/debian',
    'localhost/debian',
    'LOCALDOMAIN/library/debian',
    'LOCALDOMAIN/debian',
    'docker.io/docker/docker',
    'docker.io/library/debian',
    'docker.io/debian',
    'index.docker.io/docker/docker',
    'index.docker.io/library/debian',
    'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker',
    '127.0.0.1:5000/library/debian',
    '127.0.0.1:5000/debian',
    '192.168.0.1',
    '192.168.0.1:80',
    '192.168.0.1:8/debian',
    '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker',
    '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    'Docker/docker',
    'DOCKER/docker',
    // TestValidateRemoteName
    'docker-rules/docker',
    'docker---rules/docker',
    'doc/docker',
    'd/docker',
    'jess/t',
    'dock__er/docker',
  ];
  const invalid = [
    'https://github.com/docker/docker',
    'docker/Docker',
    '-docker',
    '-docker/docker',
    '-docker.io/docker/docker',
    'docker///docker',
    'docker.io/docker/Docker',
    'docker.io/docker///docker',
    '[fc00::1]',
    '[fc00::1]:5000',
    'fc00::1:5000/debian',
    '[fe80::1%eth0]:5000/debian',
    '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    // TestValidateRemoteName
    'docker-/docker',
    '-docker-/docker',
    '____/____',
    '_docker/_docker',
    'dock..er/docker',
    'dock_.er/docker',
    'dock-.er/docker',
    'docker/',
    `${'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_'.repeat(4)}/docker`,
  ];
  for (const name of valid) {
    it(`accepts ${name}`, () => {
      expect(tryParseImageReference(name)).not.toBeNull();
    });
  }
  for (const name of invalid) {
    it(`rejects ${name.slice(0, 60)}`, () => {
      expect(() => parseImageReference(name)).toThrowError(ServiceError);
    });
  }
});

// normalize_test.go: TestParseRepositoryInfo
describe('familiar and full names (upstream TestParseRepositoryInfo)', () => {
  const cases = [
    { remote: 'fooo', familiar: 'localhost/fooo', full: 'localhost/fooo', ambiguous: 'localhost/fooo', domain: 'localhost' },
    { remote: 'fooo/bar', familiar: 'localhost/fooo/bar', full: 'localhost/fooo/bar', ambiguous: 'localhost/fooo/bar', domain: 'localhost' },
    { remote: 'fooo', familiar: 'LOCALDOMAIN/fooo', full: 'LOCALDOMAIN/fooo', ambiguous: 'LOCALDOMAIN/fooo', domain: 'LOCALDOMAIN' },
    { remote: 'fooo/bar', familiar: 'LOCALDOMAIN/fooo/bar', full: 'LOCALDOMAIN/fooo/bar', ambiguous: 'LOCALDOMAIN/fooo/bar', domain: 'LOCALDOMAIN' },
    { remote: 'fooo/bar', familiar: 'fooo/bar', full: 'docker.io/fooo/bar', ambiguous: 'index.docker.io/fooo/bar', domain: 'docker.io' },
    { remote: 'library/ubuntu', familiar: 'ubuntu', full: 'docker.io/library/ubuntu', ambiguous: 'library/ubuntu', domain: 'docker.io' },
    { remote: 'nonlibrary/ubuntu', familiar: 'nonlibrary/ubuntu', full: 'docker.io/nonlibrary/ubuntu', domain: 'docker.io' },
    { remote: 'other/library', familiar: 'other/library', full: 'docker.io/other/library', domain: 'docker.io' },
    { remote: 'private/moonbase', familiar: '127.0.0.1:8000/private/moonbase', full: '127.0.0.1:8000/private/moonbase', domain: '127.0.0.1:8000' },
    { remote: 'privatebase', familiar: '127.0.0.1:8000/privatebase', full: '127.0.0.1:8000/privatebase', domain: '127.0.0.1:8000' },
    { remote: 'private/moonbase', familiar: 'example.com/private/moonbase', full: 'example.com/private/moonbase', domain: 'example.com' },
    { remote: 'privatebase', familiar: 'example.com/privatebase', full: 'example.com/privatebase', domain: 'example.com' },
    { remote: 'private/moonbase', familiar: 'example.com:8000/private/moonbase', full: 'example.com:8000/private/moonbase', domain: 'example.com:8000' },
    { remote: 'privatebasee', familiar: 'example.com:8000/privatebasee', full: 'example.com:8000/privatebasee', domain: 'example.com:8000' },
    { remote: 'library/ubuntu-12.04-base', familiar: 'ubuntu-12.04-base', full: 'docker.io/library/ubuntu-12.04-base', ambiguous: 'index.docker.io/library/ubuntu-12.04-base', domain: 'docker.io' },
    { remote: 'library/foo', familiar: 'foo', full: 'docker.io/library/foo', ambiguous: 'docker.io/foo', domain: 'docker.io' },
    { remote: 'library/foo/bar', familiar: 'library/foo/bar', full: 'docker.io/library/foo/bar', domain: 'docker.io' },
    { remote: 'store/foo/bar', familiar: 'store/foo/bar', full: 'docker.io/store/foo/bar', domain: 'docker.io' },
    { remote: 'bar', familiar: 'Foo/bar', full: 'Foo/bar', domain: 'Foo' },
    { remote: 'bar', familiar: 'FOO/bar', full: 'FOO/bar', domain: 'FOO' },
  ];
  for (const tc of cases) {
    for (const input of [tc.familiar, tc.full, ...(tc.ambiguous ? [tc.ambiguous] : [])]) {
      it(input, () => {
        const ref = parseImageReference(input);
        expect(ref.familiarName()).toBe(tc.familiar);
        expect(ref.name).toBe(tc.full);
        expect(ref.domain).toBe(tc.domain);
        expect(ref.path).toBe(tc.remote);
      });
    }
  }
});

// normalize_test.go: TestParseReferenceWithTagAndDigest
it('keeps both tag and digest (upstream TestParseReferenceWithTagAndDigest)', () => {
  const shortRef = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
  const ref = parseImageReference(shortRef);
  expect(ref.canonical()).toBe(`docker.io/library/${shortRef}`);
  expect(ref.familiar()).toBe(shortRef);
  expect(ref.tag).toBe('latest');
  expect(ref.digest).toBe('sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa');
  // the digest wins when asking the registry
  expect(ref.manifestReference).toBe(ref.digest);
});

// normalize_test.go: TestInvalidReferenceComponents
it('rejects invalid components (upstream TestInvalidReferenceComponents)', () => {
  expect(() => parseImageReference('-foo')).toThrowError(ServiceError);
  expectInvalid('busybox:-foo', /Tag "-foo" is not valid/);
  expect(() => parseImageReference('busybox').pinned('foo')).toThrowError(/Digest "foo" is not valid/);
});

// normalize_test.go: TestParseAnyReference (name forms; bare IDs are rejected here, see below)
describe('normalisation (upstream TestParseAnyReference)', () => {
  const dig = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
  const cases: [string, string][] = [
    ['redis', 'docker.io/library/redis:latest'],
    ['redis:latest', 'docker.io/library/redis:latest'],
    ['docker.io/library/redis:latest', 'docker.io/library/redis:latest'],
    [`redis@${dig}`, `docker.io/library/redis@${dig}`],
    [`docker.io/library/redis@${dig}`, `docker.io/library/redis@${dig}`],
    ['dmcgowan/myapp', 'docker.io/dmcgowan/myapp:latest'],
    ['dmcgowan/myapp:latest', 'docker.io/dmcgowan/myapp:latest'],
    ['docker.io/mcgowan/myapp:latest', 'docker.io/mcgowan/myapp:latest'],
    [`dmcgowan/myapp@${dig}`, `docker.io/dmcgowan/myapp@${dig}`],
    [`docker.io/dmcgowan/myapp@${dig}`, `docker.io/dmcgowan/myapp@${dig}`],
    [
      'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9',
      'docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9:latest',
    ],
    ['dbcc1', 'docker.io/library/dbcc1:latest'],
  ];
  for (const [input, canonical] of cases) {
    it(input, () => {
      expect(parseImageReference(input).canonical()).toBe(canonical);
    });
  }
  it('rejects a bare image ID with a hint', () => {
    expectInvalid(dig.slice(7), /looks like an image ID/);
  });
});

// normalize_test.go: TestParseDockerRef (pinned() drops the tag like ParseDockerRef)
describe('docker refs (upstream TestParseDockerRef)', () => {
  const d = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
  const cases: [string, string][] = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    [`busybox@${d}`, `docker.io/library/busybox@${d}`],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox:latest', 'docker.io/library/busybox:latest'],
    ['library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['gcr.io/library/busybox', 'gcr.io/library/busybox:latest'],
    [`gcr.io/library/busybox:latest@${d}`, `gcr.io/library/busybox@${d}`],
  ];
  for (const [input, expected] of cases) {
    it(input, () => {
      const ref = parseImageReference(input);
      const out = ref.digest ? ref.pinned(ref.digest) : ref.canonical();
      expect(out).toBe(expected);
      expect(tryParseImageReference(out)).not.toBeNull();
    });
  }
});

// ---------------------------------------------------------------------------
// regexp_test.go

describe('grammar: domain (upstream TestDomainRegexp)', () => {
  const cases: [string, boolean][] = [
    ['test.com', true],
    ['test.com:10304', true],
    ['test.com:http', false],
    ['localhost', true],
    ['localhost:8080', true],
    ['a', true],
    ['a.b', true],
    ['ab.cd.com', true],
    ['a-b.com', true],
    ['-ab.com', false],
    ['ab-.com', false],
    ['ab.c-om', true],
    ['ab.-com', false],
    ['ab.com-', false],
    ['0101.com', true],
    ['001a.com', true],
    ['b.gbc.io:443', true],
    ['b.gbc.io', true],
    ['xn--n3h.com', true],
    ['Asdf.com', true],
    ['192.168.1.1:75050', true],
    ['192.168.1.1:750050', true],
    ['[fd00:1:2::3]:75050', true],
    ['[fd00:1:2::3]75050', false],
    ['[fd00:1:2::3]::75050', false],
    ['[fd00:1:2::3%eth0]:75050', false],
    ['[fd00123123123]:75050', true],
    ['[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:75050', true],
    ['[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:750505', true],
    ['fd00:1:2::3:75050', false],
  ];
  for (const [input, match] of cases) {
    it(`${input} → ${match}`, () => expect(referenceGrammar.domain.test(input)).toBe(match));
  }
});

type RegexpCase = [input: string, match: boolean, subs?: string[]];

function checkRegexp(re: RegExp, [input, match, subs]: RegexpCase) {
  const m = re.exec(input);
  if (!match) {
    expect(m).toBeNull();
    return;
  }
  expect(m).not.toBeNull();
  expect(m![0]).toBe(input);
  if (subs) {
    subs.forEach((sub, i) => expect(m![i + 1] ?? '').toBe(sub));
  }
}

describe('grammar: name (upstream TestFullNameRegexp)', () => {
  const cases: RegexpCase[] = [
    ['', false],
    ['short', true, ['', 'short']],
    ['simple/name', true, ['simple', 'name']],
    ['library/ubuntu', true, ['library', 'ubuntu']],
    ['docker/stevvooe/app', true, ['docker', 'stevvooe/app']],
    ['aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb', true, ['aa', 'aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb']],
    ['aa/aa/bb/bb/bb', true, ['aa', 'aa/bb/bb/bb']],
    ['a/a/a/a', true, ['a', 'a/a/a']],
    ['a/a/a/a/', false],
    ['a//a/a', false],
    ['a', true, ['', 'a']],
    ['a/aa', true, ['a', 'aa']],
    ['a/aa/a', true, ['a', 'aa/a']],
    ['foo.com', true, ['', 'foo.com']],
    ['foo.com/', false],
    ['foo.com:8080/bar', true, ['foo.com:8080', 'bar']],
    ['foo.com:http/bar', false],
    ['foo.com/bar', true, ['foo.com', 'bar']],
    ['foo.com/bar/baz', true, ['foo.com', 'bar/baz']],
    ['localhost:8080/bar', true, ['localhost:8080', 'bar']],
    ['sub-dom1.foo.com/bar/baz/quux', true, ['sub-dom1.foo.com', 'bar/baz/quux']],
    ['blog.foo.com/bar/baz', true, ['blog.foo.com', 'bar/baz']],
    ['a^a', false],
    ['aa/asdf$$^/aa', false],
    ['asdf$$^/aa', false],
    ['aa-a/a', true, ['aa-a', 'a']],
    [`${'a/'.repeat(128)}a`, true, ['a', `${'a/'.repeat(127)}a`]],
    ['a-/a/a/a', false],
    ['foo.com/a-/a/a', false],
    ['-foo/bar', false],
    ['foo/bar-', false],
    ['foo-/bar', false],
    ['foo/-bar', false],
    ['_foo/bar', false],
    ['foo_bar', true, ['', 'foo_bar']],
    ['foo_bar.com', true, ['', 'foo_bar.com']],
    ['foo_bar.com:8080', false],
    ['foo_bar.com:8080/app', false],
    ['foo.com/foo_bar', true, ['foo.com', 'foo_bar']],
    ['____/____', false],
    ['_docker/_docker', false],
    ['docker_/docker_', false],
    ['b.gcr.io/test.example.com/my-app', true, ['b.gcr.io', 'test.example.com/my-app']],
    ['xn--n3h.com/myimage', true, ['xn--n3h.com', 'myimage']],
    ['xn--7o8h.com/myimage', true, ['xn--7o8h.com', 'myimage']],
    ['example.com/xn--7o8h.com/myimage', true, ['example.com', 'xn--7o8h.com/myimage']],
    ['example.com/some_separator__underscore/myimage', true, ['example.com', 'some_separator__underscore/myimage']],
    ['example.com/__underscore/myimage', false],
    ['example.com/..dots/myimage', false],
    ['example.com/.dots/myimage', false],
    ['example.com/nodouble..dots/myimage', false],
    ['docker./docker', false],
    ['.docker/docker', false],
    ['docker-/docker', false],
    ['-docker/docker', false],
    ['do..cker/docker', false],
    ['do__cker:8080/docker', false],
    ['do__cker/docker', true, ['', 'do__cker/docker']],
    ['registry.io/foo/project--id.module--name.ver---sion--name', true, ['registry.io', 'foo/project--id.module--name.ver---sion--name']],
    ['Asdf.com/foo/bar', true],
    ['Foo/FarB', false],
  ];
  for (const tc of cases) {
    it(`${tc[0].slice(0, 60)} → ${tc[1]}`, () => checkRegexp(referenceGrammar.name, tc));
  }
});

describe('grammar: reference (upstream TestReferenceRegexp)', () => {
  const d = 'sha256:be178c0543eb17f5f3043021c9e5fcf30285e557a4fc309cce97ff9ca6182912';
  const cases: RegexpCase[] = [
    ['registry.com:8080/myapp:tag', true, ['registry.com:8080/myapp', 'tag', '']],
    [`registry.com:8080/myapp@${d}`, true, ['registry.com:8080/myapp', '', d]],
    [`registry.com:8080/myapp:tag2@${d}`, true, ['registry.com:8080/myapp', 'tag2', d]],
    ['registry.com:8080/myapp@sha256:badbadbadbad', false],
    ['registry.com:8080/myapp:invalid~tag', false],
    ['bad_hostname.com:8080/myapp:tag', false],
    [`localhost:8080@${d}`, true, ['localhost', '8080', d]],
    [`localhost:8080/name@${d}`, true, ['localhost:8080/name', '', d]],
    [`localhost:http/name@${d}`, false],
    [`localhost@${d}`, true, ['localhost', '', d]],
    ['registry.com:8080/myapp@bad', false],
    ['registry.com:8080/myapp@2bad', false],
  ];
  for (const tc of cases) {
    it(`${tc[0].slice(0, 60)} → ${tc[1]}`, () => checkRegexp(referenceGrammar.reference, tc));
  }
});

describe('grammar: identifier (upstream TestIdentifierRegexp)', () => {
  const cases: [string, boolean][] = [
    ['da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821', true],
    ['7EC43B381E5AEFE6E04EFB0B3F0693FF2A4A50652D64AEC573905F2DB5889A1C', false],
    ['da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf', false],
    ['sha256:da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821', false],
    ['da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf98218482', false],
  ];
  for (const [input, match] of cases) {
    it(`${input.slice(0, 20)}… → ${match}`, () => expect(referenceGrammar.identifier.test(input)).toBe(match));
  }
});

// ---------------------------------------------------------------------------
// Gantry-specific behaviour

describe('Docker Hub normalisation', () => {
  for (const alias of ['docker.io', 'index.docker.io', 'registry.hub.docker.com', 'registry.docker.com', 'registry-1.docker.io', 'Index.Docker.IO']) {
    it(`${alias}/nginx → docker.io/library/nginx`, () => {
      const ref = parseImageReference(`${alias}/nginx:1.27`);
      expect(ref.domain).toBe('docker.io');
      expect(ref.apiHost).toBe('registry-1.docker.io');
      expect(ref.path).toBe('library/nginx');
      expect(ref.familiar()).toBe('nginx:1.27');
      expect(ref.canonical()).toBe('docker.io/library/nginx:1.27');
    });
  }
  it('other registries use their domain as API host', () => {
    const ref = parseImageReference('ghcr.io/org/app:v1');
    expect(ref.apiHost).toBe('ghcr.io');
    expect(ref.familiar()).toBe('ghcr.io/org/app:v1');
    expect(registryApiHost('index.docker.io')).toBe('registry-1.docker.io');
    expect(registryApiHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
  it('only Docker Hub single names get library/', () => {
    expect(parseImageReference('localhost:5000/app').path).toBe('app');
    expect(parseImageReference('team/app').path).toBe('team/app');
  });
});

describe('tags, digests and pinning', () => {
  it('accepts a 128-character tag and rejects 129', () => {
    const t128 = `a${'b'.repeat(127)}`;
    expect(parseImageReference(`app:${t128}`).tag).toBe(t128);
    expectInvalid(`app:${t128}b`, /too long: tags have at most 128 characters/);
  });
  it('rejects tags starting with "." and empty tags', () => {
    expectInvalid('app:.hidden', /cannot start with "\." or "-"/);
    expectInvalid('app:', /tag after ":" is empty/);
    expectInvalid('app@', /digest after "@" is empty/);
  });
  it('accepts sha512 digests (upstream rejects only when sha512 is not compiled in)', () => {
    const d = `sha512:${'a'.repeat(128)}`;
    expect(parseImageReference(`app@${d}`).digest).toBe(d);
  });
  it('rejects uppercase hex in a sha256 digest', () => {
    expectInvalid(`app@sha256:${'A'.repeat(64)}`, /must be lowercase/);
  });
  it('pinned() replaces tag and digest with the given digest', () => {
    const ref = parseImageReference('127.0.0.1:5000/team/hello:1.0');
    const d = `sha256:${'0'.repeat(64)}`;
    expect(ref.pinned(d)).toBe(`127.0.0.1:5000/team/hello@${d}`);
    expect(() => ref.pinned('sha256:123')).toThrowError(ServiceError);
  });
  it('familiar() keeps the explicit or default tag', () => {
    expect(parseImageReference('nginx').familiar()).toBe('nginx:latest');
    expect(parseImageReference('nginx').explicitTag).toBe(false);
    expect(parseImageReference('docker.io/team/app:2').familiar()).toBe('team/app:2');
  });
});

describe('messages a person can act on', () => {
  it('scheme prefix', () => expectInvalid('https://ghcr.io/org/app:1', /remove the scheme.*ghcr\.io\/org\/app:1/));
  it('uppercase repository', () => expectInvalid('ghcr.io/Org/App', /Repository name "Org\/App" must be lowercase; use "org\/app"/));
  it('whitespace inside', () => expectInvalid('nginx :1', /contains whitespace/));
  it('surrounding whitespace is ignored', () => expect(parseImageReference('  nginx:1 \n').canonical()).toBe('docker.io/library/nginx:1'));
  it('invalid host', () => expectInvalid('my_host.com:80/app', /"my_host\.com:80" is not a valid registry host/));
  it('very long input', () => expectInvalid('a'.repeat(5000), /too long \(5000 characters\)/));
  it('hasExplicitDomain', () => {
    expect(hasExplicitDomain('127.0.0.1:5000/x')).toBe(true);
    expect(hasExplicitDomain('localhost/x')).toBe(true);
    expect(hasExplicitDomain('team/x')).toBe(false);
    expect(hasExplicitDomain('nginx')).toBe(false);
  });
});
