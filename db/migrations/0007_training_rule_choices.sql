CREATE TABLE "training_rule_choices" (
	"group" text PRIMARY KEY NOT NULL,
	"option" text NOT NULL,
	"note" text,
	"chosen_by" integer,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "training_rule_choices" ADD CONSTRAINT "training_rule_choices_chosen_by_users_id_fk" FOREIGN KEY ("chosen_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;