CREATE TABLE "promotion_policy" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"require_approval" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotion_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"component_id" uuid NOT NULL,
	"from_environment_id" uuid NOT NULL,
	"to_environment_id" uuid NOT NULL,
	"release_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_label" text NOT NULL,
	"decided_by_label" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"deployment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "promotion_policy" ADD CONSTRAINT "promotion_policy_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request" ADD CONSTRAINT "promotion_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request" ADD CONSTRAINT "promotion_request_component_id_component_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request" ADD CONSTRAINT "promotion_request_from_environment_id_environment_id_fk" FOREIGN KEY ("from_environment_id") REFERENCES "public"."environment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request" ADD CONSTRAINT "promotion_request_to_environment_id_environment_id_fk" FOREIGN KEY ("to_environment_id") REFERENCES "public"."environment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request" ADD CONSTRAINT "promotion_request_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request" ADD CONSTRAINT "promotion_request_deployment_id_deployment_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_request_pending_uq" ON "promotion_request" USING btree ("component_id","to_environment_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "promotion_request_org_idx" ON "promotion_request" USING btree ("organization_id","status","created_at");