import { pgTable, text, timestamp, integer } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'

/**
 * Where training rules disagree (app/coverage/training-rules.ts RULE_GROUPS), which source the
 * platform admin put in force. One row per group; every change is also in the audit log.
 */
export const trainingRuleChoices = pgTable('training_rule_choices', {
	group: text('group').primaryKey(),
	option: text('option').notNull(),
	note: text('note'),
	chosenBy: integer('chosen_by').references(() => users.id),
	chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
})
