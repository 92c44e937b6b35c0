CREATE TABLE "component_endpoints" (
	"component_id" uuid PRIMARY KEY NOT NULL,
	"yaml" text NOT NULL,
	"format" text NOT NULL,
	"endpoints" jsonb NOT NULL,
	"updated_by_label" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schema_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"component_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"content" text NOT NULL,
	"size" integer NOT NULL,
	"summary" jsonb NOT NULL,
	"updated_by_label" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "component_endpoints" ADD CONSTRAINT "component_endpoints_component_id_component_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schema_file" ADD CONSTRAINT "schema_file_component_id_component_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "schema_file_component_name_uq" ON "schema_file" USING btree ("component_id","name");