CREATE TABLE "installation" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deployment" ADD COLUMN "observed_status" text;--> statement-breakpoint
ALTER TABLE "deployment" ADD COLUMN "observed_reason" text;--> statement-breakpoint
ALTER TABLE "deployment" ADD COLUMN "observed_at" timestamp with time zone;