import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizationRef } from './organization';

export const registryAuthTypes = ['anonymous', 'basic', 'docker-config', 'vendor'] as const;
export type RegistryAuthType = (typeof registryAuthTypes)[number];

export const containerRegistry = pgTable(
  'container_registry',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    displayName: text('display_name').notNull(),
    /** Normalised registry host as images name it ("ghcr.io", "docker.io", "127.0.0.1:5000"). */
    host: text('host').notNull(),
    authType: text('auth_type', { enum: registryAuthTypes }).notNull(),
    username: text('username'),
    /** AES-256-GCM ciphertext of the password/token; never selected by ordinary finders. */
    secretCiphertext: text('secret_ciphertext'),
    lastTestStatus: text('last_test_status', { enum: ['ok', 'failed', 'unverifiable'] }),
    lastTestMessage: text('last_test_message'),
    lastTestedAt: timestamp('last_tested_at', { withTimezone: true }),
    insecure: boolean('insecure').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('container_registry_org_name_uq').on(t.organizationId, t.displayName), index('container_registry_org_idx').on(t.organizationId, t.displayName)],
);
