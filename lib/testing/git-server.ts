/**
 * A REAL smart-HTTP Git server for tests: Debian's `git http-backend` (a CGI program) behind a
 * small Node HTTP server on 127.0.0.1 that demands Basic credentials (or none). The repository
 * is a bare repo in a temp dir, fed by a work tree the test commits into (`commit()`), so a
 * fetch sees exactly what `git push` left there. stop() closes the server and removes the dir.
 *
 * The server records what it received (paths, query strings, Authorization headers) so tests
 * can check that credentials travel only in the header and never in a URL.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@/lib/util/net';

const execFileAsync = promisify(execFile);
const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitRequest {
  method: string;
  url: string;
  authorization?: string;
}

export interface TestGitServer {
  /** "http://127.0.0.1:PORT/repo.git" */
  url: string;
  port: number;
  username?: string;
  password?: string;
  requests: GitRequest[];
  /** Writes files into the work tree, commits them on `branch` (default main), pushes; returns the sha. */
  commit(files: Record<string, string>, message?: string, branch?: string): Promise<string>;
  dir: string;
  stop(): Promise<void>;
}

const gitEnv: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: os.tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

async function git(cwd: string, ...args: string[]) {
  const { stdout } = await execFileAsync('git', args, { cwd, env: gitEnv as NodeJS.ProcessEnv });
  return stdout.trim();
}

export async function startGitServer(opts: { username?: string; password?: string } = {}): Promise<TestGitServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantry-git-'));
  const root = path.join(dir, 'root');
  const bare = path.join(root, 'repo.git');
  const work = path.join(dir, 'work');
  await mkdir(root);
  await git(dir, 'init', '--bare', '--initial-branch=main', bare);
  await git(dir, 'init', '--initial-branch=main', work);
  await git(work, 'remote', 'add', 'origin', bare);

  const requests: GitRequest[] = [];
  const expected = opts.username !== undefined ? `Basic ${Buffer.from(`${opts.username}:${opts.password ?? ''}`).toString('base64')}` : undefined;

  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' }).end('unauthorized');
      return;
    }
    const u = new URL(req.url ?? '/', 'http://x');
    // The CGI interface of git-http-backend (see its manual): the repository is under
    // GIT_PROJECT_ROOT, exported without a git-daemon-export-ok file.
    const cgiEnv: Record<string, string> = {
      ...gitEnv,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(u.pathname),
      QUERY_STRING: u.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: req.headers['content-length'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_USER: opts.username ?? '',
      REMOTE_ADDR: '127.0.0.1',
    };
    const cgi = spawn(HTTP_BACKEND, [], { env: cgiEnv as NodeJS.ProcessEnv });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const i = line.indexOf(':');
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => res.end());
    cgi.on('error', () => res.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    url: `http://127.0.0.1:${port}/repo.git`,
    port,
    username: opts.username,
    password: opts.password,
    requests,
    dir,
    async commit(files, message = 'change', branch = 'main') {
      const current = await git(work, 'rev-parse', '--abbrev-ref', 'HEAD').catch(() => 'main');
      if (current !== branch) await git(work, 'checkout', '-B', branch);
      for (const [name, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(work, name)), { recursive: true });
        await writeFile(path.join(work, name), text);
      }
      await git(work, 'add', '-A');
      await git(work, 'commit', '--allow-empty', '-m', message);
      await git(work, 'push', '--force', 'origin', `HEAD:refs/heads/${branch}`);
      return git(work, 'rev-parse', 'HEAD');
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
