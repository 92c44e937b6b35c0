import { describe, expect, it } from 'vitest';
import { engineCause, redactEngineText } from './redact';

describe('redacting engine text for reasons', () => {
  it('hides NAME=value pairs, quoted or not, and known values however the engine escaped them', () => {
    const runc = 'environment variable value can\'t contain null(\\x00): "API_TOKEN=hunter2\\x00s3cret": OCI runtime error';
    const out = redactEngineText(runc, { values: ['hunter2\0s3cret'] });
    expect(out).toBe('environment variable value can\'t contain null(\\x00): "API_TOKEN=[redacted]": OCI runtime error');
    expect(redactEngineText('invalid environment variable: "DB_PASSWORD=p4ss word"')).toBe('invalid environment variable: "DB_PASSWORD=[redacted]"');
    expect(redactEngineText("bad env KEY='x y z' here")).toBe('bad env KEY=[redacted] here');
    expect(redactEngineText('value s3cr3t-v4lue leaked', { values: ['s3cr3t-v4lue'] })).toBe('value [redacted] leaked');
    // Very short values would garble the message; the NAME=value rule still covers them.
    expect(redactEngineText('exit code 1: X=1', { values: ['1'] })).toBe('exit code 1: X=[redacted]');
  });

  it('hides host paths of engine storage and of the data directory, keeping the path inside the container', () => {
    const put = 'open /var/lib/containers/storage/overlay/b76d99/merged/bin/busybox/x: not a directory';
    expect(redactEngineText(put)).toBe('open /bin/busybox/x: not a directory');
    expect(redactEngineText('lstat /var/lib/containers/storage/volumes/abc: no such file')).toBe('lstat <engine storage> no such file');
    expect(redactEngineText('dial unix /srv/gantry/data/podman.sock: refused', { paths: ['/srv/gantry/data/podman.sock', '/srv/gantry/data'] })).toBe('dial unix <host path>: refused');
    expect(redactEngineText('cannot write /srv/gantry/data/x', { paths: ['/srv/gantry/data'] })).toBe('cannot write <host path>/x');
  });

  it('keeps only the cause of a Podman request dump', () => {
    const dump = 'error during bulk transfer for copier.request{Request:"PUT", Root:"/", preservedRoot:"/var/lib/x/merged", Globs:[]string{}}: copier: put: open /bin/busybox/x: not a directory';
    expect(engineCause(dump)).toBe('copier: put: open /bin/busybox/x: not a directory');
    expect(engineCause('plain message: with colons')).toBe('plain message: with colons');
  });
});
