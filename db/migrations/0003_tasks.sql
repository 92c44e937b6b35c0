CREATE TABLE "log_chunk" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "log_chunk_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_execution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"component_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"release_id" uuid,
	"deployment_id" uuid,
	"number" integer NOT NULL,
	"trigger" text NOT NULL,
	"triggered_by_label" text NOT NULL,
	"scheduled_for" timestamp with time zone,
	"schedule" jsonb,
	"args" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timeout_seconds" integer DEFAULT 3600 NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"exit_code" integer,
	"reason" text,
	"log_lines" integer DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"stop_requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_schedule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"component_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"cron" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"concurrency_policy" text DEFAULT 'Forbid' NOT NULL,
	"starting_deadline_seconds" integer DEFAULT 300 NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_scheduled_for" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "component" ADD COLUMN "task_timeout_seconds" integer DEFAULT 3600 NOT NULL;--> statement-breakpoint
ALTER TABLE "component" ADD COLUMN "last_execution_number" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deployment" ADD COLUMN "task_settings" jsonb;--> statement-breakpoint
ALTER TABLE "task_execution" ADD CONSTRAINT "task_execution_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_execution" ADD CONSTRAINT "task_execution_component_id_component_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_execution" ADD CONSTRAINT "task_execution_environment_id_environment_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_execution" ADD CONSTRAINT "task_execution_release_id_release_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."release"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_execution" ADD CONSTRAINT "task_execution_deployment_id_deployment_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedule" ADD CONSTRAINT "task_schedule_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedule" ADD CONSTRAINT "task_schedule_component_id_component_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."component"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_schedule" ADD CONSTRAINT "task_schedule_environment_id_environment_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "log_chunk_owner_seq_uq" ON "log_chunk" USING btree ("owner_kind","owner_id","seq");--> statement-breakpoint
CREATE INDEX "log_chunk_at_idx" ON "log_chunk" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "task_execution_number_uq" ON "task_execution" USING btree ("component_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "task_execution_slot_uq" ON "task_execution" USING btree ("component_id","environment_id","scheduled_for");--> statement-breakpoint
CREATE INDEX "task_execution_component_created_idx" ON "task_execution" USING btree ("component_id","created_at");--> statement-breakpoint
CREATE INDEX "task_execution_live_idx" ON "task_execution" USING btree ("status","created_at") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "task_schedule_component_env_uq" ON "task_schedule" USING btree ("component_id","environment_id");--> statement-breakpoint
CREATE INDEX "task_schedule_due_idx" ON "task_schedule" USING btree ("next_run_at") WHERE not paused;