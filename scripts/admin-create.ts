// Headless first admin: npm run admin:create -- --email E --password P [--name N] [--org SLUG] [--org-name NAME]
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { closeDatabase, database } from '@/db';
import { isServiceError } from '@/lib/errors';
import { createUser } from '@/lib/services/users/create-user';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const { values } = parseArgs({
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, 'org-name': { type: 'string' } },
});
const password = values.password ?? process.env.GANTRY_ADMIN_PASSWORD;
if (!values.email || !password) {
  console.error('Usage: npm run admin:create -- --email you@example.com --password \'…\' [--name "Your Name"] [--org acme] [--org-name "Acme"]\n(the password may instead come from GANTRY_ADMIN_PASSWORD)');
  process.exit(2);
}

async function main() {
  const { db } = await database();
  const slug = values.org;
  const result = await createUser(
    { db, actor: { type: 'system', label: 'admin:create' } },
    { name: values.name ?? values.email!.split('@')[0], email: values.email!, password: password!, ...(slug ? { organization: { slug, name: values['org-name'] ?? slug } } : {}) },
  );
  console.log(`Created ${result.user.email}${result.org ? ` as admin of ${result.org.slug}` : ''}. Sign in at the console.`);
}

main()
  .catch((e) => {
    if (isServiceError(e)) console.error(e.message);
    else console.error((e as Error).message);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
