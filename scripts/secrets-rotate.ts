// npm run secrets:rotate — re-encrypt every stored secret under the first key of GANTRY_SECRET_KEY.
// Put the new key first and keep the old ones after it (comma-separated) until this has run.
import fs from 'node:fs';
import { closeDatabase, database } from '@/db';
import { rotateSecrets } from '@/lib/services/registries/rotate-secrets';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

async function main() {
  const { db } = await database();
  const r = await rotateSecrets({ db, actor: { type: 'system', label: 'secrets:rotate' } });
  console.log(`Re-encrypted ${r.rotated} secret(s) under key ${r.keyId}; ${r.alreadyCurrent} already used it.`);
  if (r.failed.length) {
    console.error(`${r.failed.length} secret(s) could not be decrypted with any key in GANTRY_SECRET_KEY (${r.failed.join(', ')}). Add the old key after the new one and run again.`);
    process.exitCode = 1;
  }
}

main()
  .catch((e) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
