import { sql } from 'drizzle-orm'
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'

/**
 * How long each type of training record must at least be kept, where the platform admin has
 * changed the default (app/coverage/retention.ts RECORD_TYPES; RULES.md §2). One row per record
 * type; no row means the default is in force. Every change is also in the audit log. The
 * platform never deletes a record: this states a minimum keep period, shown in the archives.
 */
export const retentionPolicies = pgTable(
	'retention_policies',
	{
		recordType: text('record_type').primaryKey(),
		/** Years kept after the record is made. */
		yearsAfterRecord: integer('years_after_record').notNull(),
		/** Years kept after the person leaves the enterprise; null where the type is not a person's. */
		yearsAfterLeaving: integer('years_after_leaving'),
		/** Why it was changed (required on the form). */
		note: text('note').notNull(),
		setBy: integer('set_by').references(() => users.id),
		setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		check('retention_policies_years_after_record', sql`${t.yearsAfterRecord} between 1 and 100`),
		check('retention_policies_years_after_leaving', sql`${t.yearsAfterLeaving} is null or ${t.yearsAfterLeaving} between 1 and 100`),
	],
)
