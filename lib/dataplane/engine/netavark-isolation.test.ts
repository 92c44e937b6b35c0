import { describe, expect, it } from 'vitest';
import { withHelperDir, wrapperScript } from './netavark-isolation';

describe('the netavark wrapper settings', () => {
  it('put the wrapper directory first in [engine] and keep the other settings', () => {
    const conf = '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\nhelper_binaries_dir = ["/old"]\n';
    const out = withHelperDir(conf, '/data/engine-helpers');
    expect(out).toContain('default_ulimits = []');
    expect(out).toContain('runtime = "runc"');
    expect(out).not.toContain('"/old"');
    expect(out).toMatch(/\[engine\]\nhelper_binaries_dir = \["\/data\/engine-helpers","\/usr\/local\/libexec\/podman",/);
  });

  it('add an [engine] section when there is none', () => {
    expect(withHelperDir('[containers]\n', '/d')).toMatch(/\[engine\]\nhelper_binaries_dir = \["\/d",/);
  });

  it('run the real netavark with every argument and exit with its status', () => {
    const script = wrapperScript('/usr/lib/podman/netavark');
    expect(script).toContain('"/usr/lib/podman/netavark" "$@"');
    expect(script).toMatch(/exit \$rc\n$/);
    // Gantry's own jump, at the top, commented so that netavark's exact-rule deletes never match it.
    expect(script).toContain('-I FORWARD 1 -m comment --comment gantry-isolation -j NETAVARK_ISOLATION_1');
    expect(script).not.toMatch(/-D FORWARD/);
  });
});
