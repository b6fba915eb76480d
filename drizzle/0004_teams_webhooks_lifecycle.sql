ALTER TABLE "workspaces" ALTER COLUMN "add_copy_note" SET DEFAULT false;--> statement-breakpoint
CREATE INDEX "order_links_target_written_idx" ON "order_links" USING btree ("target_store_id","updated_at" DESC NULLS LAST) WHERE "order_links"."target_remote_id" is not null;--> statement-breakpoint
-- No merchant ever chose the per-copy note (it had no setting): every workspace takes the new default.
UPDATE "workspaces" SET "add_copy_note" = false;
