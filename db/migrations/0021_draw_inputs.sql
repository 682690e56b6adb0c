CREATE TABLE "draw_inputs" (
	"hash" text PRIMARY KEY NOT NULL,
	"paper" jsonb NOT NULL,
	"pool" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "draw_hash" text;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "draw_avoid" integer[];--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_draw_hash_draw_inputs_hash_fk" FOREIGN KEY ("draw_hash") REFERENCES "public"."draw_inputs"("hash") ON DELETE no action ON UPDATE no action;