ALTER TABLE "workspaces" ALTER COLUMN "add_copy_note" SET DEFAULT false;--> statement-breakpoint
-- No merchant ever chose the note (it had no setting): every workspace takes the new default.
UPDATE "workspaces" SET "add_copy_note" = false;
