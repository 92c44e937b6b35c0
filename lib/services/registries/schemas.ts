import { z } from 'zod';
import { hostSchema } from '@/lib/registries/host';
import { displayName } from '../validation';

const name = displayName('Registry display name');
const username = z.string({ message: 'Username is required.' }).trim().min(1, 'Username is required.').max(256, 'Username must be at most 256 characters.');
const password = z.string({ message: 'Password or token is required.' }).min(1, 'Password or token is required.').max(16_384, 'Password or token must be at most 16 KiB.');
const dockerConfig = z.string({ message: 'Paste the Docker config JSON.' }).min(2, 'Paste the Docker config JSON.').max(65_536, 'The Docker config must be at most 64 KiB.');
const insecure = z.boolean().optional();

export const registryInput = z.discriminatedUnion(
  'authType',
  [
    z.strictObject({ authType: z.literal('anonymous'), displayName: name, host: hostSchema, insecure }),
    z.strictObject({ authType: z.literal('basic'), displayName: name, host: hostSchema, username, password, insecure }),
    z.strictObject({ authType: z.literal('docker-config'), displayName: name, dockerConfig, insecure }),
    z.strictObject({ authType: z.literal('vendor'), displayName: name, host: hostSchema }),
  ],
  { error: () => 'Authentication type must be one of: anonymous, basic, docker-config, vendor.' },
);
export type RegistryInput = z.input<typeof registryInput>;

/** PATCH: any subset; credentials left out are kept (rotate without retyping the rest). */
export const updateRegistryInput = z.strictObject({
  displayName: name.optional(),
  authType: z.enum(['anonymous', 'basic', 'docker-config', 'vendor']).optional(),
  host: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  dockerConfig: z.string().optional(),
  insecure,
});

export const testRegistryInput = z.strictObject({
  image: z.string().trim().max(512, 'The image must be at most 512 characters.').optional(),
});

export const testDraftInput = z.strictObject({
  registry: z.unknown(),
  image: z.string().trim().max(512).optional(),
});
