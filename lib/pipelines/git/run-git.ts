/**
 * Runs the system `git` with nothing inherited that could change what it does, and with the
 * credentials where no one can read them back:
 *
 * - a fresh environment (no GIT_* or proxy variables of the console leak in), no system or
 *   global config, HOME in the temp dir, GIT_TERMINAL_PROMPT=0 and no askpass: a missing or
 *   wrong password fails at once instead of waiting for a prompt;
 * - settings through GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n, which live in
 *   the process environment only — the Authorization header is never in argv (visible in `ps`),
 *   in a URL, or in `.git/config`;
 * - only the protocol of the checked URL (GIT_ALLOW_PROTOCOL), no redirects, no hooks, no
 *   submodules, symlinks checked out as plain files, objects fsck'ed;
 * - the whole process group killed at the deadline (git forks git-remote-http).
 */
import { spawn } from 'node:child_process';
import type { GitCredentials } from './source';
import type { PinnedRemote } from './remote';

export interface GitRunOptions {
  home: string;
  remote: PinnedRemote;
  credentials?: GitCredentials;
  deadline: number;
  /** The git executable (tests pass a wrapper that records argv and `.git/config`). */
  gitBinary?: string;
  maxOutputBytes?: number;
}

export class GitRunError extends Error {
  constructor(
    readonly kind: 'timeout' | 'exit' | 'output_too_large' | 'spawn',
    readonly stderr: string,
  ) {
    super(`git failed (${kind})`);
    this.name = 'GitRunError';
  }
}

export function gitConfigEntries(remote: PinnedRemote, credentials?: GitCredentials): [string, string][] {
  const entries: [string, string][] = [
    ['core.hooksPath', '/dev/null'],
    ['core.symlinks', 'false'],
    ['core.askPass', ''],
    ['credential.helper', ''],
    ['http.followRedirects', 'false'],
    ['http.lowSpeedLimit', '1000'],
    ['http.lowSpeedTime', '20'],
    ['submodule.recurse', 'false'],
    ['fetch.recurseSubmodules', 'false'],
    ['transfer.fsckObjects', 'true'],
    ['protocol.allow', 'never'],
    [`protocol.${remote.protocol}.allow`, 'always'],
  ];
  if (remote.resolve) entries.push(['http.curloptResolve', remote.resolve]);
  if (credentials) {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    entries.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
  }
  return entries;
}

export function gitEnvironment(opts: Pick<GitRunOptions, 'home' | 'remote' | 'credentials'>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: opts.home,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_ALLOW_PROTOCOL: opts.remote.protocol,
    GIT_PROTOCOL_FROM_USER: '0',
  };
  const entries = gitConfigEntries(opts.remote, opts.credentials);
  env.GIT_CONFIG_COUNT = String(entries.length);
  entries.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  return env;
}

/** Runs git with `args` in `cwd`; resolves stdout, rejects with GitRunError. */
export function runGit(cwd: string, args: string[], opts: GitRunOptions): Promise<Buffer> {
  const max = opts.maxOutputBytes ?? 1 << 20;
  return new Promise((resolve, reject) => {
    const remaining = opts.deadline - Date.now();
    if (remaining <= 0) return reject(new GitRunError('timeout', ''));
    const child = spawn(opts.gitBinary ?? 'git', args, { cwd, env: gitEnvironment(opts) as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let failure: GitRunError | undefined;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      failure ??= new GitRunError('timeout', stderr);
      killGroup();
    }, remaining);
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > max) {
        failure ??= new GitRunError('output_too_large', stderr);
        killGroup();
      } else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 16_384) stderr += b.toString('utf8');
    });
    child.on('error', () => {
      clearTimeout(timer);
      reject(failure ?? new GitRunError('spawn', stderr));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) return reject(new GitRunError('exit', stderr));
      resolve(Buffer.concat(out));
    });
  });
}
