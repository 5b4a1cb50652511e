CREATE TABLE "mailbox_shares" (
	"mailbox_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "mailbox_shares_mailbox_id_user_id_pk" PRIMARY KEY("mailbox_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "mailbox_shares" ADD CONSTRAINT "mailbox_shares_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_shares" ADD CONSTRAINT "mailbox_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailbox_shares_user" ON "mailbox_shares" USING btree ("user_id");