ALTER TABLE "deployment" ADD COLUMN "trigger" text;--> statement-breakpoint
CREATE INDEX "deployment_org_updated_idx" ON "deployment" USING btree ("organization_id","updated_at");--> statement-breakpoint
CREATE INDEX "deployment_org_observed_idx" ON "deployment" USING btree ("organization_id","observed_at");