ALTER TABLE "mailbox_sync" ADD COLUMN "idle_owner" text;--> statement-breakpoint
ALTER TABLE "mailbox_sync" ADD COLUMN "idle_until" timestamp with time zone;