import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { organization } from 'better-auth/plugins';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { config } from '@/lib/config';
import { keyRing } from '@/lib/crypto';

function trustedOrigins(): string[] {
  const c = config();
  const port = c.PORT;
  return [c.baseUrl, `http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * better-auth handles sign-in, sign-out and sessions. Accounts, organisations and
 * memberships are written by Gantry's services (with audit events), so sign-up and the
 * organization plugin's own endpoints are closed.
 */
export function createAuth(db: Db) {
  return betterAuth({
    appName: 'Gantry',
    baseURL: config().baseUrl,
    secret: keyRing().derive('better-auth-session'),
    trustedOrigins: trustedOrigins(),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification, organization: schema.organization, member: schema.member, invitation: schema.invitation },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: { enabled: process.env.NODE_ENV === 'production' && process.env.GANTRY_E2E !== '1', window: 60, max: 100 },
    advanced: { database: { generateId: () => crypto.randomUUID() } },
    plugins: [organization({ allowUserToCreateOrganization: false })],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path.startsWith('/organization')) throw new APIError('NOT_FOUND');
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
