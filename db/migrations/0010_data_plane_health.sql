ALTER TABLE "data_plane" ADD COLUMN "health_ok" boolean;--> statement-breakpoint
ALTER TABLE "data_plane" ADD COLUMN "health_message" text;--> statement-breakpoint
ALTER TABLE "data_plane" ADD COLUMN "health_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "data_plane" ADD COLUMN "health_details" jsonb;