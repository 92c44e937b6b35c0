/**
 * Git credentials at rest: one AES-GCM ciphertext (lib/crypto key ring) per pipeline, bound to
 * the owning row's id by the label, so a ciphertext copied to another row does not decrypt.
 * Whoever stores them keeps only the ciphertext and the username for display.
 */
import { keyRing } from '@/lib/crypto';
import { parseGitCredentials, type GitCredentials } from './source';

export const gitCredentialLabel = (ownerId: string) => `pipeline-git-credentials:${ownerId}`;

export function sealGitCredentials(ownerId: string, credentials: GitCredentials): string {
  const c = parseGitCredentials(credentials);
  return keyRing().encrypt(JSON.stringify({ username: c.username, password: c.password }), gitCredentialLabel(ownerId));
}

export function openGitCredentials(ownerId: string, ciphertext: string | null | undefined): GitCredentials | undefined {
  if (!ciphertext) return undefined;
  const { username, password } = JSON.parse(keyRing().decrypt(ciphertext, gitCredentialLabel(ownerId))) as GitCredentials;
  return { username, password };
}
