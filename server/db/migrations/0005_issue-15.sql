CREATE TABLE "mailbox_sync" (
	"mailbox_id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"cursor" jsonb,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"next_sync_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_owner" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "synced_messages" (
	"mailbox_id" text NOT NULL,
	"message_key" text NOT NULL,
	"folder" text,
	"kind" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "synced_messages_mailbox_id_message_key_pk" PRIMARY KEY("mailbox_id","message_key")
);
--> statement-breakpoint
ALTER TABLE "mailbox_sync" ADD CONSTRAINT "mailbox_sync_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_sync" ADD CONSTRAINT "mailbox_sync_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synced_messages" ADD CONSTRAINT "synced_messages_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailbox_sync_due" ON "mailbox_sync" USING btree ("next_sync_at");