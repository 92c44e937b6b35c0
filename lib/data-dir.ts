import fs from 'node:fs';

/**
 * Creates the data directory if needed and forces it to mode 0700 either way. mkdir's mode
 * only applies to a directory it creates: one the operator made beforehand (often 0755)
 * would leave the database files and the secret key readable by every local user.
 */
export function secureDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((fs.statSync(dir).mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}
