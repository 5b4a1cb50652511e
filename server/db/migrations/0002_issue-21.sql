ALTER TABLE "contacts" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "phone_valid" boolean;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "linkedin_url" text;