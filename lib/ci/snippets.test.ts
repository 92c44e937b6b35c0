import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ciSystems, deployScript } from './snippets';

const ctx = { baseUrl: 'https://gantry.example.com', repository: 'ghcr.io/acme/shop' };

/** The shell script inside a YAML snippet, wherever its CI system keeps it. */
function scripts(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.includes('/api/v1/ci/deploy')) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(doc);
  return out;
}

describe('CI snippets', () => {
  it('covers the seven CI systems', () => {
    expect(ciSystems.map((s) => s.id)).toEqual(['curl', 'github', 'gitlab', 'jenkins', 'azure', 'bitbucket', 'circleci']);
  });

  it.each(ciSystems.map((s) => [s.label, s] as const))('%s: is valid, names this console and references the token from the secret store', (_label, system) => {
    const text = system.render(ctx);
    expect(text).toContain('https://gantry.example.com/api/v1/ci/deploy');
    expect(text).toContain('?wait=');
    expect(text).not.toMatch(/gct_[A-Za-z0-9_-]{10,}/);
    let script: string;
    if (system.language === 'yaml') {
      const doc = YAML.parse(text);
      const found = scripts(doc);
      expect(found).toHaveLength(1);
      script = found[0];
    } else if (system.language === 'groovy') {
      expect(text).toMatch(/^pipeline \{/);
      expect(text).toContain("withCredentials([string(credentialsId: 'gantry-token', variable: 'GANTRY_TOKEN')])");
      const code = text.replace(/\$\{[^}]*\}/g, '');
      expect((code.match(/\{/g) ?? []).length).toBe((code.match(/\}/g) ?? []).length);
      script = /sh '''\n([\s\S]*?)\n\s*'''/.exec(text)![1];
    } else {
      script = text;
    }
    const secretRefs: Record<string, RegExp> = {
      curl: /\$GANTRY_TOKEN/,
      github: /\$\{\{ secrets\.GANTRY_TOKEN \}\}/,
      gitlab: /\$GANTRY_TOKEN/,
      jenkins: /credentialsId: 'gantry-token'/,
      azure: /\$\(GANTRY_TOKEN\)/,
      bitbucket: /\$GANTRY_TOKEN/,
      circleci: /\$GANTRY_TOKEN/,
    };
    expect(text).toMatch(secretRefs[system.id]);
    // The embedded script is valid POSIX shell.
    execFileSync('sh', ['-n'], { input: script.replace(/\$\{\{[^}]*\}\}/g, 'x').replace(/\$\(([A-Za-z.]+)\)/g, '$$$1') });
  });

  it('fails the job unless the deployment becomes active', () => {
    const s = deployScript('http://x', '$T', '$I', '$K');
    expect(s).toContain('active) exit 0');
    expect(s).toContain('failed|superseded) exit 1');
  });
});
