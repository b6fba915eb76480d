CREATE TABLE "memberships" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"onboarding_step" text DEFAULT 'workspace',
	"sync_start_at" timestamp with time zone,
	"keep_substore_copies_updated" boolean DEFAULT false NOT NULL,
	"customer_email_policy" text DEFAULT 'suppress' NOT NULL,
	"stock_policy" text DEFAULT 'reduce' NOT NULL,
	"currency_mismatch_policy" text DEFAULT 'hold' NOT NULL,
	"add_copy_note" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"consumer_key_encrypted" text NOT NULL,
	"consumer_secret_encrypted" text NOT NULL,
	"encryption_key_id" text NOT NULL,
	"consumer_key_last4" text NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"receives_main_orders" boolean DEFAULT true NOT NULL,
	"sends_orders_to_main" boolean DEFAULT true NOT NULL,
	"currency" text,
	"woo_version" text,
	"timezone" text,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_contact_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"pull_cursor_modified_gmt" timestamp with time zone,
	"pull_cursor_seen_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"batch_size" integer,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"link_id" uuid,
	"run_id" uuid,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source_order_id" uuid NOT NULL,
	"target_store_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"target_remote_id" bigint,
	"target_number" text,
	"claimed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"synced_source_modified_gmt" timestamp with time zone,
	"needs_update" boolean DEFAULT false NOT NULL,
	"note_due" boolean DEFAULT false NOT NULL,
	"notes_since_gmt" timestamp with time zone,
	"synced_note_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"remote_id" bigint NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"total" text NOT NULL,
	"customer_email" text,
	"customer_name" text,
	"date_created_gmt" timestamp with time zone NOT NULL,
	"date_modified_gmt" timestamp with time zone NOT NULL,
	"origin_ref" text,
	"origin_link_id" uuid,
	"body" jsonb NOT NULL,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_leases" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"run_id" uuid,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"counts" jsonb,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"progress" jsonb,
	"summary" text
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_link_id_order_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."order_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_source_order_id_orders_id_fk" FOREIGN KEY ("source_order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_target_store_id_stores_id_fk" FOREIGN KEY ("target_store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_leases" ADD CONSTRAINT "sync_leases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "stores_workspace_url_idx" ON "stores" USING btree ("workspace_id","url");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_one_main_idx" ON "stores" USING btree ("workspace_id") WHERE "stores"."role" = 'main';--> statement-breakpoint
CREATE INDEX "stores_workspace_idx" ON "stores" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "order_events_workspace_kind_at_idx" ON "order_events" USING btree ("workspace_id","kind","at");--> statement-breakpoint
CREATE INDEX "order_events_run_idx" ON "order_events" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_links_source_target_idx" ON "order_links" USING btree ("source_order_id","target_store_id");--> statement-breakpoint
CREATE INDEX "order_links_workspace_state_idx" ON "order_links" USING btree ("workspace_id","state");--> statement-breakpoint
CREATE INDEX "order_links_target_remote_idx" ON "order_links" USING btree ("target_store_id","target_remote_id");--> statement-breakpoint
CREATE INDEX "order_links_workspace_needs_update_idx" ON "order_links" USING btree ("workspace_id") WHERE "order_links"."needs_update";--> statement-breakpoint
CREATE INDEX "order_links_workspace_open_idx" ON "order_links" USING btree ("workspace_id","target_store_id") WHERE "order_links"."state" <> 'synced' or "order_links"."note_due";--> statement-breakpoint
CREATE UNIQUE INDEX "orders_store_remote_idx" ON "orders" USING btree ("store_id","remote_id");--> statement-breakpoint
CREATE INDEX "orders_workspace_created_idx" ON "orders" USING btree ("workspace_id","date_created_gmt" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "orders_workspace_email_idx" ON "orders" USING btree ("workspace_id",lower("customer_email"));--> statement-breakpoint
CREATE INDEX "orders_workspace_number_idx" ON "orders" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE INDEX "orders_workspace_store_created_idx" ON "orders" USING btree ("workspace_id","store_id","date_created_gmt" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "orders_workspace_status_created_idx" ON "orders" USING btree ("workspace_id","status","date_created_gmt" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "sync_runs_workspace_started_idx" ON "sync_runs" USING btree ("workspace_id","started_at" DESC NULLS LAST);