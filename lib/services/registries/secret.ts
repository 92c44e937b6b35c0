import { keyRing } from '@/lib/crypto';
import { parseDockerConfig } from '@/lib/registries/docker-config';
import type { z } from 'zod';
import type { registryInput } from './schemas';

type Parsed = z.output<typeof registryInput>;

/** The additional-data label that binds a registry secret to its row. */
export const secretLabel = (registryId: string) => `registry:${registryId}`;

/** Columns to store for validated input: host, username and the encrypted password. */
export function registryColumns(id: string, input: Parsed) {
  switch (input.authType) {
    case 'anonymous':
    case 'vendor':
      return { host: input.host, username: null, secretCiphertext: null };
    case 'basic':
      return { host: input.host, username: input.username, secretCiphertext: keyRing().encrypt(input.password, secretLabel(id)) };
    case 'docker-config': {
      const cred = parseDockerConfig(input.dockerConfig);
      return { host: cred.host, username: cred.username, secretCiphertext: keyRing().encrypt(cred.password, secretLabel(id)) };
    }
  }
}

export function decryptRegistrySecret(id: string, ciphertext: string | null): string | undefined {
  return ciphertext ? keyRing().decrypt(ciphertext, secretLabel(id)) : undefined;
}
