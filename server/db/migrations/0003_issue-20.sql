ALTER TABLE "emails" ADD COLUMN "wait_reason" text;--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "wait_detail" text;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "ramp_up" jsonb;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "min_gap_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "recipient_domain_daily_limit" integer;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "next_send_at" timestamp with time zone;