/**
 * What a Git pipeline source may be, checked before any process starts or any name resolves.
 *
 * - URL: https only, no user info ("https://user:token@…" would land in argv, logs and
 *   `.git/config`: credentials go in the separate, encrypted credential fields), no fragment.
 *   Plain http is allowed ONLY when the host resolves to loopback and the egress policy allows
 *   loopback (the tests' `git http-backend` on 127.0.0.1; see ./remote.ts) — everything else
 *   travels over TLS.
 * - Branch: a plain branch name (no option-like "-x", no "..", no ref syntax).
 * - Path: relative, inside the repository, no ".." segments.
 * - Credentials: Basic username + password/token, bounded, no control characters.
 */
import { z } from 'zod';
import { ServiceError } from '@/lib/errors';

export interface GitSource {
  url: string;
  branch: string;
  path: string;
}

export interface GitCredentials {
  username: string;
  password: string;
}

const noControl = (s: string) => !/[\x00-\x1f\x7f]/.test(s);

export const gitUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the repository URL.')
  .max(2048, 'The repository URL is too long (2048 characters at most).')
  .superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const gitBranchSchema = z
  .string()
  .trim()
  .min(1, 'Enter a branch.')
  .max(255, 'The branch name is too long (255 characters at most).')
  .refine(
    (b) => /^[A-Za-z0-9._/-]+$/.test(b) && !b.startsWith('-') && !b.startsWith('/') && !b.endsWith('/') && !b.endsWith('.lock') && !b.includes('..') && !b.includes('//') && !b.endsWith('.'),
    'Use a plain branch name such as "main" or "release/1.2".',
  );

export const gitPathSchema = z
  .string()
  .trim()
  .min(1, 'Enter the path of the pipeline YAML in the repository.')
  .max(1024, 'The path is too long (1024 characters at most).')
  .refine(noControl, 'The path contains control characters.')
  .refine((p) => !p.startsWith('/') && !p.startsWith('-') && !p.split('/').some((s) => s === '..' || s === '.' || s === ''), 'Give a path inside the repository, such as "pipelines/deploy.yaml" (no "..", no leading "/").');

export const gitSourceSchema = z.strictObject({ url: gitUrlSchema, branch: gitBranchSchema, path: gitPathSchema });

export const gitCredentialsSchema = z.strictObject({
  username: z.string().min(1, 'Enter a username.').max(256, 'The username is too long (256 characters at most).').refine(noControl, 'The username contains control characters.').refine((u) => !u.includes(':'), 'A username cannot contain ":".'),
  password: z.string().min(1, 'Enter a password or token.').max(4096, 'The password is too long (4096 characters at most).').refine(noControl, 'The password contains control characters.'),
});

/** Why a repository URL is refused, or undefined. The message never echoes the URL (it may hold a secret). */
export function urlProblem(value: string): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return 'Enter a full URL such as https://github.com/acme/pipelines.git.';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return `Only https:// repository URLs are supported (${u.protocol.replace(/:$/, '')}:// is refused: file, ssh and git URLs can reach this machine's files or other services).`;
  }
  if (u.username || u.password) return 'Remove the credentials from the URL: put them in the username and password fields, where they are stored encrypted.';
  if (u.hash) return 'Remove the "#…" fragment from the URL.';
  if (!u.hostname) return 'The URL has no host.';
  return undefined;
}

/** Parses an untrusted source; a field-level `invalid` ServiceError when refused. */
export function parseGitSource(input: unknown): GitSource {
  return parseWith(gitSourceSchema, input);
}

export function parseGitCredentials(input: unknown): GitCredentials {
  return parseWith(gitCredentialsSchema, input);
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw ServiceError.invalid(Object.values(fields)[0] ?? 'Invalid Git source.', fields);
}
