CREATE TABLE "connection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"project_id" uuid NOT NULL,
	"component_id" uuid,
	"name" text NOT NULL,
	"entry_id" uuid,
	"endpoint_component_id" uuid,
	"endpoint_name" text,
	"env" jsonb NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marketplace_credential" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"key" text NOT NULL,
	"is_secret" boolean DEFAULT false NOT NULL,
	"value" text,
	"value_ciphertext" text
);
--> statement-breakpoint
CREATE TABLE "marketplace_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"category" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text NOT NULL,
	"source_run_id" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_connection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"release_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"connection_id" uuid,
	"connection_name" text NOT NULL,
	"entry_id" uuid,
	"entry_name" text NOT NULL,
	"entry_version" text NOT NULL,
	"entry_revision" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "connection" ADD CONSTRAINT "connection_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection" ADD CONSTRAINT "connection_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection" ADD CONSTRAINT "connection_component_id_component_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection" ADD CONSTRAINT "connection_entry_id_marketplace_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."marketplace_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection" ADD CONSTRAINT "connection_endpoint_component_id_component_id_fk" FOREIGN KEY ("endpoint_component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_credential" ADD CONSTRAINT "marketplace_credential_entry_id_marketplace_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."marketplace_entry"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_credential" ADD CONSTRAINT "marketplace_credential_environment_id_environment_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marketplace_entry" ADD CONSTRAINT "marketplace_entry_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_connection" ADD CONSTRAINT "release_connection_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_connection" ADD CONSTRAINT "release_connection_deployment_id_deployment_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "connection_component_name_uq" ON "connection" USING btree ("component_id","name") WHERE component_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "connection_project_name_uq" ON "connection" USING btree ("project_id","name") WHERE component_id is null;--> statement-breakpoint
CREATE INDEX "connection_entry_idx" ON "connection" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "connection_project_idx" ON "connection" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "marketplace_credential_entry_env_key_uq" ON "marketplace_credential" USING btree ("entry_id","environment_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "marketplace_entry_org_name_version_uq" ON "marketplace_entry" USING btree ("organization_id","name","version");--> statement-breakpoint
CREATE INDEX "marketplace_entry_org_category_idx" ON "marketplace_entry" USING btree ("organization_id","category");--> statement-breakpoint
CREATE INDEX "release_connection_deployment_idx" ON "release_connection" USING btree ("deployment_id");