ALTER TABLE "employment_events" ADD COLUMN "posted_on" date;--> statement-breakpoint
ALTER TABLE "employments" ADD COLUMN "posted_on" date;--> statement-breakpoint
ALTER TABLE "employment_events" ADD CONSTRAINT "employment_events_posted_after_effective" CHECK ("employment_events"."posted_on" is null or "employment_events"."posted_on" >= "employment_events"."effective_on");--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_posted_after_hire" CHECK ("employments"."posted_on" is null or "employments"."posted_on" >= "employments"."hired_on");