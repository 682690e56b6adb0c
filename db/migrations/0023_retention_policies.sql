CREATE TABLE "retention_policies" (
	"record_type" text PRIMARY KEY NOT NULL,
	"years_after_record" integer NOT NULL,
	"years_after_leaving" integer,
	"note" text NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_policies_years_after_record" CHECK ("retention_policies"."years_after_record" between 1 and 100),
	CONSTRAINT "retention_policies_years_after_leaving" CHECK ("retention_policies"."years_after_leaving" is null or "retention_policies"."years_after_leaving" between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "retention_policies" ADD CONSTRAINT "retention_policies_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;