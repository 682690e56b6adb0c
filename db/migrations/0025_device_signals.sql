CREATE TABLE "learning_sessions" (
	"session_id" text NOT NULL,
	"day" date NOT NULL,
	"person_id" integer NOT NULL,
	"enterprise_id" integer,
	"device_id" text,
	"ip" text,
	"user_agent" text,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "learning_sessions_session_id_day_pk" PRIMARY KEY("session_id","day")
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "device_id" text;--> statement-breakpoint
ALTER TABLE "learning_sessions" ADD CONSTRAINT "learning_sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_sessions_enterprise_day_idx" ON "learning_sessions" USING btree ("enterprise_id","day");