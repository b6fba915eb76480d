CREATE TABLE "store_webhooks" (
	"workspace_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"remote_id" bigint,
	"secret_encrypted" text NOT NULL,
	"status" text NOT NULL,
	"last_error" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_webhooks_store_id_topic_pk" PRIMARY KEY("store_id","topic")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ALTER COLUMN "add_copy_note" SET DEFAULT false;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "webhook_token" text;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "webhook_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "synced_refund_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "refunds_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "changed_after_copy" text;--> statement-breakpoint
ALTER TABLE "order_links" ADD COLUMN "synced_lines" jsonb;--> statement-breakpoint
ALTER TABLE "store_webhooks" ADD CONSTRAINT "store_webhooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_webhooks" ADD CONSTRAINT "store_webhooks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "store_webhooks_workspace_idx" ON "store_webhooks" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_webhook_token_idx" ON "stores" USING btree ("webhook_token");--> statement-breakpoint
CREATE INDEX "order_links_target_written_idx" ON "order_links" USING btree ("target_store_id","updated_at" DESC NULLS LAST) WHERE "order_links"."target_remote_id" is not null;--> statement-breakpoint
CREATE INDEX "order_links_workspace_changed_idx" ON "order_links" USING btree ("workspace_id","source_order_id") WHERE "order_links"."changed_after_copy" is not null;--> statement-breakpoint
-- No merchant ever chose the per-copy note (it had no setting): every workspace takes the new default.
UPDATE "workspaces" SET "add_copy_note" = false;
