import pino from 'pino';
import { setting } from './config';

/** Keys whose values never reach a log line, wherever they appear. */
export const redactPaths = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'dockerConfig',
  '*.dockerConfig',
];

let sink: (line: string) => void = (line) => void process.stdout.write(line);

export const logger = pino(
  {
    level: setting('GANTRY_LOG_LEVEL') ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
    base: { service: 'gantry' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  },
  { write: (line: string) => sink(line) },
);

export type Logger = typeof logger;

/** Collects every log line written while fn runs, at the most verbose level (for tests that prove secrets never reach logs). */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string }> {
  const previous = { sink, level: logger.level };
  let lines = '';
  sink = (line) => void (lines += line);
  logger.level = 'trace';
  try {
    return { result: await fn(), lines };
  } finally {
    sink = previous.sink;
    logger.level = previous.level;
  }
}

/** Strips query values that carry credentials (`?token=`) from a URL before logging it. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|key)=)[^&#]*/gi, '$1[redacted]');
}

interface DbErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
}

/** The Postgres error (pg or PGlite) inside a driver error (drizzle wraps it in `cause`), if any. */
export function databaseError(e: unknown): DbErrorFields | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return cur as DbErrorFields;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "insert into webhook_delivery": the kind of statement and its table, never its text or values. */
export function statementKind(sql: string): string {
  const verb = /^\s*(select|insert|update|delete|with|begin|commit|rollback)\b/i.exec(sql)?.[1]?.toLowerCase() ?? 'statement';
  const table = /\b(?:from|into|update)\s+"?(\w+)"?/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/**
 * What of an error may reach a log line. A failed query's message holds its SQL and its
 * parameter values (user input, possibly secrets), and a database message may quote a
 * value: for those only the statement's kind and the error's code and names are kept.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  const db = databaseError(e);
  const query = (e as { query?: unknown } | undefined)?.query;
  if (db || typeof query === 'string') {
    const stack = e instanceof Error ? e.stack?.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : undefined;
    return {
      name: e instanceof Error ? e.name : 'DatabaseError',
      statement: typeof query === 'string' ? statementKind(query) : undefined,
      code: db?.code,
      constraint: db?.constraint,
      table: db?.table,
      column: db?.column,
      routine: db?.routine,
      stack,
    };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { message: String(e) };
}
