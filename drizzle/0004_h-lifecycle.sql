ALTER TABLE "order_links" ADD COLUMN "synced_refund_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "refunds_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "changed_after_copy" text;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "synced_lines" jsonb;--> statement-breakpoint
CREATE INDEX "order_links_workspace_changed_idx" ON "order_links" USING btree ("workspace_id","source_order_id") WHERE "order_links"."changed_after_copy" is not null;