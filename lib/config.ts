import path from 'node:path';
import { z } from 'zod';
import { isAddressOrCidr } from './net/address';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  GANTRY_DATA_DIR: z.string().default('.gantry/data'),
  GANTRY_SECRET_KEY: z.string().optional(),
  GANTRY_BASE_URL: z.string().url().optional(),
  /** Which non-public address ranges outbound connections may reach (lib/net/egress.ts): loopback, private, or none. */
  GANTRY_EGRESS_ALLOW: z
    .string()
    .regex(/^\s*(none|(loopback|private)(\s*,\s*(loopback|private))*)?\s*$/i, 'GANTRY_EGRESS_ALLOW must be a comma-separated list of loopback and private, or none')
    .default('loopback'),
  /** Who may create organisations (lib/services/orgs/org-creation.ts): the instance's admins, or anyone signed in. */
  GANTRY_ORG_CREATION: z.enum(['admins', 'anyone'], { message: 'GANTRY_ORG_CREATION must be admins or anyone' }).default('admins'),
  /** Reverse proxies whose X-Forwarded-For is believed: comma-separated IPs or CIDRs; none by default. */
  GANTRY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v, c) => {
      const list = v.split(',').map((s) => s.trim()).filter(Boolean);
      for (const entry of list) {
        if (!isAddressOrCidr(entry)) c.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range.` });
      }
      return list;
    }),
  /** Default limits of every workload container (docker data plane). */
  GANTRY_CONTAINER_MEMORY_MIB: z.coerce.number().int().min(16).max(1_048_576).default(512),
  GANTRY_CONTAINER_CPUS: z.coerce.number().min(0.01).max(1024).default(1),
  GANTRY_CONTAINER_PIDS: z.coerce.number().int().min(16).max(1_000_000).default(512),
  /** Days stored task logs are kept (log_chunk), then pruned. */
  GANTRY_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Seconds before its slot a scheduled execution is claimed and its container created (stopped), so only the start is left at the slot; below every schedule's shortest interval (60 s). */
  GANTRY_SCHEDULE_PREPARE_SECONDS: z.coerce.number().int().min(0).max(50).default(20),
  /** The gateway (Caddy) for Public endpoints: loopback host:port it listens on, or "off". */
  GANTRY_GATEWAY_LISTEN: z
    .string()
    .regex(/^(off|(127\.\d+\.\d+\.\d+|\[::1\]|localhost|0\.0\.0\.0):\d{1,5})$/, 'GANTRY_GATEWAY_LISTEN must be host:port (e.g. 127.0.0.1:8088) or off')
    .default('127.0.0.1:8088'),
  /** How people reach the gateway (shown as the start of every public URL); default http://GANTRY_GATEWAY_LISTEN. */
  GANTRY_GATEWAY_URL: z.string().url().optional(),
  /** pino level; unset: info (silent under tests), decided by lib/logger.ts. */
  GANTRY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Webhook requests per minute per CI token (lib/services/ci/rate-limit.ts). */
  GANTRY_CI_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** An existing Docker-compatible engine socket (unix://…) to use instead of starting Podman's API service. */
  GANTRY_DOCKER_HOST: z.string().optional(),
  /** The podman program (a path, or a name looked up on PATH); default podman. */
  GANTRY_PODMAN_BIN: z.string().optional(),
  /** The engine's containers.conf; default lib/dataplane/engine/containers.conf. */
  GANTRY_CONTAINERS_CONF: z.string().optional(),
  /** "1" while the e2e suite runs the production build: the sign-in rate limit is off (every test signs in from one address). */
  GANTRY_E2E: z.string().optional(),
});
type Settings = z.infer<typeof schema>;

export type Config = Settings & { dataDir: string; baseUrl: string; gatewayUrl: string | null };

let cached: Config | undefined;

/** Reads the documented environment variables once; a bad value stops start-up with a clear message. */
export function config(): Config {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  cached = {
    ...c,
    dataDir: path.resolve(c.GANTRY_DATA_DIR),
    gatewayUrl: c.GANTRY_GATEWAY_LISTEN === 'off' ? null : (c.GANTRY_GATEWAY_URL ?? `http://${c.GANTRY_GATEWAY_LISTEN.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}`).replace(/\/$/, ''),
    baseUrl: (c.GANTRY_BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`).replace(/\/$/, ''),
  };
  return cached;
}

/**
 * One variable, read now and checked by the same schema. For code that must not wait for (or
 * fail with) the whole configuration — the logger is created at import — and for settings
 * tests change while the process runs (rate limit, podman program).
 */
export function setting<K extends keyof Settings>(key: K): Settings[K] {
  const parsed = schema.shape[key].safeParse(process.env[key]);
  if (!parsed.success) throw new Error(`Invalid configuration:\n  ${key}: ${parsed.error.issues[0]?.message}`);
  return parsed.data as Settings[K];
}

export function resetConfigForTests() {
  cached = undefined;
}
