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
  'value',
  '*.value',
];

export const logger = pino({
  level: process.env.GANTRY_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'gantry' },
  redact: { paths: redactPaths, censor: '[redacted]' },
});

export type Logger = typeof logger;

/** Strips query values that carry credentials (`?token=`) from a URL before logging it. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|key)=)[^&#]*/gi, '$1[redacted]');
}
