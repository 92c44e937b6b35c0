/**
 * Fetching a pipeline's YAML (or a whole checkout) from a Git repository: a depth-1 fetch of
 * one branch into a temp dir that is removed afterwards, whatever happens. See ./run-git.ts for
 * how git is confined and ./remote.ts for the egress check.
 */
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ServiceError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { egressPolicy, type EgressPolicy } from '@/lib/net/egress';
import { pinRemote } from './remote';
import { GitRunError, runGit, type GitRunOptions } from './run-git';
import { parseGitCredentials, parseGitSource, type GitCredentials, type GitSource } from './source';

export interface GitFetchOptions {
  /** Whole-operation deadline (default 60 s). */
  timeoutMs?: number;
  policy?: EgressPolicy;
  /** Where temp dirs go (default the OS temp dir). */
  tmpRoot?: string;
  gitBinary?: string;
}

export interface FetchedPipeline {
  yaml: string;
  /** The full sha of the branch head the YAML was read from. */
  commit: string;
}

/** Largest pipeline file read (the spec parser bounds it again). */
export const MAX_PIPELINE_BYTES = 256 * 1024;
const REF = 'refs/gantry/head';

/** Reads `source.path` at the head of `source.branch`. */
export async function fetchPipelineYaml(sourceInput: GitSource, credentialsInput?: GitCredentials, opts: GitFetchOptions = {}): Promise<FetchedPipeline> {
  return withFetchedBranch(sourceInput, credentialsInput, opts, async (source, run) => {
    const commit = (await run(['rev-parse', '--verify', `${REF}^{commit}`])).toString('utf8').trim();
    const entry = (await run(['ls-tree', '-z', commit, '--', source.path])).toString('utf8');
    // "<mode> <type> <sha>\t<path>\0": a regular file, not a symlink (120000) or submodule (160000).
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t/.exec(entry);
    if (!m) throw ServiceError.invalid(`There is no file at "${source.path}" on branch "${source.branch}".`, { path: 'No file at this path on the branch.' });
    if (m[2] !== 'blob' || (m[1] !== '100644' && m[1] !== '100755')) throw ServiceError.invalid(`"${source.path}" is not a regular file.`, { path: 'Not a regular file (a directory, symlink or submodule).' });
    const size = Number((await run(['cat-file', '-s', m[3]])).toString('utf8').trim());
    if (size > MAX_PIPELINE_BYTES) throw ServiceError.invalid(`The pipeline file is too large (${size} bytes; ${MAX_PIPELINE_BYTES} at most).`, { path: 'File too large.' });
    const yaml = (await run(['cat-file', 'blob', m[3]])).toString('utf8');
    return { yaml, commit };
  });
}

/**
 * Checks the branch head out into `target` (an empty directory the caller owns, e.g. the run's
 * /workspace/repo source) and returns its commit. No hooks run and no submodules are fetched;
 * the git directory stays in the temp dir (removed), so the checkout carries no Git metadata.
 */
export async function checkoutRepository(sourceInput: Omit<GitSource, 'path'>, credentialsInput: GitCredentials | undefined, target: string, opts: GitFetchOptions = {}): Promise<string> {
  return withFetchedBranch({ ...sourceInput, path: '.gantry' }, credentialsInput, opts, async (_source, run) => {
    const commit = (await run(['rev-parse', '--verify', `${REF}^{commit}`])).toString('utf8').trim();
    await mkdir(target, { recursive: true });
    await run([`--work-tree=${target}`, 'checkout', '--quiet', '--force', '--no-recurse-submodules', '--detach', commit], 64 * 1024);
    return commit;
  });
}

type Run = (args: string[], maxOutputBytes?: number) => Promise<Buffer>;

async function withFetchedBranch<T>(
  sourceInput: GitSource,
  credentialsInput: GitCredentials | undefined,
  opts: GitFetchOptions,
  use: (source: GitSource, run: Run) => Promise<T>,
): Promise<T> {
  const source = parseGitSource(sourceInput);
  const credentials = credentialsInput ? parseGitCredentials(credentialsInput) : undefined;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const remote = await pinRemote(source.url, opts.policy ?? egressPolicy());
  const dir = await mkdtemp(path.join(opts.tmpRoot ?? os.tmpdir(), 'gantry-git-'));
  const base: Omit<GitRunOptions, 'maxOutputBytes'> = { home: dir, remote, credentials, deadline, gitBinary: opts.gitBinary };
  const repo = path.join(dir, 'repo');
  const run: Run = (args, maxOutputBytes = MAX_PIPELINE_BYTES + 4096) => runGit(repo, args, { ...base, maxOutputBytes });
  try {
    await mkdir(repo);
    // --template= : no sample hooks or other files copied in.
    await run(['init', '--quiet', '--template=', '.']);
    try {
      await run(['fetch', '--quiet', '--depth=1', '--no-tags', '--no-recurse-submodules', '--no-write-fetch-head', '--', source.url, `+refs/heads/${source.branch}:${REF}`], 64 * 1024);
    } catch (e) {
      throw fetchError(e, source, credentials, timeoutMs);
    }
    return await use(source, run);
  } catch (e) {
    if (e instanceof GitRunError) throw fetchError(e, source, credentials, timeoutMs);
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A clear message from git's failure, without git's own text (it could quote what we sent). */
function fetchError(e: unknown, source: GitSource, credentials: GitCredentials | undefined, timeoutMs: number): unknown {
  if (!(e instanceof GitRunError)) return e;
  const text = e.stderr;
  logger.warn({ kind: e.kind, stderr: mask(text, credentials) }, 'git fetch of a pipeline source failed');
  if (e.kind === 'timeout') return new ServiceError('unavailable', `The repository did not answer within ${Math.round(timeoutMs / 1000)} s.`, { fields: { url: 'Timed out.' } });
  if (e.kind === 'output_too_large') return ServiceError.invalid('The repository answered with more than expected.', { url: 'Unexpected answer.' });
  if (/Authentication failed|could not read (Username|Password)|terminal prompts disabled|\b401\b|\b403\b/i.test(text)) {
    return ServiceError.invalid(
      credentials ? 'The repository refused the credentials. Check the username and the password or token (and that it may read this repository).' : 'The repository needs credentials: enter a username and a password or token.',
      { credentials: credentials ? 'Refused by the repository.' : 'Required by the repository.' },
    );
  }
  if (/couldn't find remote ref/i.test(text)) return ServiceError.invalid(`The repository has no branch "${source.branch}".`, { branch: 'No such branch.' });
  if (/redirect/i.test(text)) return ServiceError.invalid('The repository URL redirects elsewhere: enter the final URL.', { url: 'Redirects.' });
  if (/\b404\b|not found|does not appear to be a git repository/i.test(text)) return ServiceError.invalid('No Git repository at this URL.', { url: 'Not a Git repository.' });
  if (/Could not resolve|Failed to connect|Connection refused|timed out|SSL|certificate/i.test(text)) {
    return new ServiceError('unavailable', 'Could not connect to the repository (network or TLS error). Check the URL.', { fields: { url: 'Could not connect.' } });
  }
  return new ServiceError('unavailable', 'Fetching from the repository failed.', { fields: { url: 'Fetch failed.' } });
}

function mask(text: string, credentials?: GitCredentials): string {
  if (!credentials) return text;
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  return text.split(credentials.password).join('[redacted]').split(basic).join('[redacted]');
}
