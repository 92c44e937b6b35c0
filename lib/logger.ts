import pino from 'pino';

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
    level: process.env.GANTRY_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
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
