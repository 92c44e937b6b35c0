import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { componentRef } from './component';

/** One endpoint as stored: the normalised form of either endpoints.yaml or component.yaml. */
export interface StoredEndpoint {
  name: string;
  displayName?: string;
  port: number;
  type: 'REST' | 'GraphQL' | 'GRPC' | 'TCP' | 'UDP' | 'WS';
  visibilities: ('Project' | 'Organization' | 'Public')[];
  context?: string;
  schemaFile?: string;
}

/**
 * A component's endpoints.yaml as its people edit it: the text (comments and all) and what it
 * parsed to. This is the current draft; a deployment snapshots it into its release.
 */
export const componentEndpoints = pgTable('component_endpoints', {
  componentId: componentRef().primaryKey(),
  yaml: text('yaml').notNull(),
  format: text('format', { enum: ['endpoints.yaml', 'component.yaml'] }).notNull(),
  endpoints: jsonb('endpoints').$type<StoredEndpoint[]>().notNull(),
  updatedByLabel: text('updated_by_label').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface StoredSchemaSummary {
  spec: string;
  title?: string;
  version?: string;
  operations: { method: string; path: string; summary?: string }[];
  types: { name: string; kind: string }[];
}

/** OpenAPI or GraphQL SDL files referenced from endpoints.yaml by file name. */
export const schemaFile = pgTable(
  'schema_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    componentId: componentRef(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['openapi', 'graphql'] }).notNull(),
    content: text('content').notNull(),
    size: integer('size').notNull(),
    summary: jsonb('summary').$type<StoredSchemaSummary>().notNull(),
    updatedByLabel: text('updated_by_label').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('schema_file_component_name_uq').on(t.componentId, t.name)],
);
