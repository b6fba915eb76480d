ALTER TABLE "order_links" ADD COLUMN "notes_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "carry" jsonb;