import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { organization } from 'better-auth/plugins';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { config, setting } from '@/lib/config';
import { keyRing } from '@/lib/crypto';
import { clientAddressHeader } from '@/lib/http/client-address';
import { consoleOrigins } from '@/lib/http/csrf';
import { withHashedSessionTokens } from './hashed-sessions';


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
    // The same origins the REST adapter's CSRF guard accepts; better-auth's own origin check stays on.
    trustedOrigins: consoleOrigins(),
    database: withHashedSessionTokens(drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: schema.user, session: schema.session, account: schema.account, verification: schema.verification, organization: schema.organization, member: schema.member, invitation: schema.invitation },
    })),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: { enabled: process.env.NODE_ENV === 'production' && setting('GANTRY_E2E') !== '1', window: 60, max: 100 },
    advanced: {
      database: { generateId: () => crypto.randomUUID() },
      // On everywhere, tests included (better-auth turns it off under NODE_ENV=test by default).
      disableOriginCheck: false,
      disableCSRFCheck: false,
      // Only the address lib/auth/handler.ts decided (clientAddress) counts; X-Forwarded-For is never read here.
      ipAddress: { ipAddressHeaders: [clientAddressHeader] },
    },
    plugins: [organization({ allowUserToCreateOrganization: false })],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path.startsWith('/organization')) throw new APIError('NOT_FOUND');
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
