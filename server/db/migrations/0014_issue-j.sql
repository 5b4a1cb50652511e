ALTER TABLE "mailbox_sync" ADD COLUMN "aliases" jsonb;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "aliases" jsonb;