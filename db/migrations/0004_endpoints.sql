ALTER TABLE "release" ADD COLUMN "workload" jsonb;--> statement-breakpoint
ALTER TABLE "release" ADD COLUMN "config" jsonb;--> statement-breakpoint
ALTER TABLE "release" ADD COLUMN "config_revision" text;--> statement-breakpoint
ALTER TABLE "release" ADD COLUMN "snapshot_hash" text;--> statement-breakpoint
CREATE INDEX "release_snapshot_idx" ON "release" USING btree ("component_id","snapshot_hash");