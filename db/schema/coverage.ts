import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
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

/**
 * Coverage: what each person owes an enterprise in a year and what they have done, kept
 * current as facts arrive (credits, exam results, employment changes) and rebuildable from
 * them (`npm run coverage:rebuild`). The status is computed from these fields when read, so it
 * moves with the calendar (逾期) without writes. Denormalised region path, industry, size and
 * flags make every rollup one indexed query.
 */
export const coveragePersonYear = pgTable(
	'coverage_person_year',
	{
		personId: integer('person_id').notNull(),
		enterpriseId: integer('enterprise_id').notNull(),
		year: integer('year').notNull(),
		regionPath: text('region_path').notNull(),
		industry: text('industry').notNull(),
		size: text('size').notNull(),
		highRisk: boolean('high_risk').notNull(),
		jobCategory: text('job_category').notNull(),
		department: text('department'),
		/** 学时 owed, in minutes (so the 学时 length stays a display setting). */
		owedMinutes: integer('owed_minutes').notNull(),
		obligations: integer('obligations').notNull(),
		/** The last due date among the obligations; null when nothing is owed. */
		dueBy: date('due_by', { mode: 'string' }),
		creditedSeconds: integer('credited_seconds').notNull().default(0),
		examPassed: boolean('exam_passed').notNull().default(false),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.personId, t.enterpriseId, t.year] }),
		index('coverage_region_year_idx').on(t.year, t.regionPath.op('text_pattern_ops')),
		index('coverage_enterprise_year_idx').on(t.enterpriseId, t.year),
	],
)

/** 走过场 flags: detected from the facts, reviewed by a regulator (never an automatic penalty). */
export const integrityFlags = pgTable(
	'integrity_flags',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		kind: text('kind').notNull(),
		/** Same facts, same key: detection runs again without duplicates. */
		key: text('key').notNull(),
		enterpriseId: integer('enterprise_id').notNull(),
		regionPath: text('region_path').notNull(),
		personIds: integer('person_ids').array().notNull(),
		summary: text('summary').notNull(),
		evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
		detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
		/** open | reviewed */
		status: text('status').notNull().default('open'),
		reviewedBy: integer('reviewed_by').references(() => users.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewNote: text('review_note'),
	},
	(t) => [uniqueIndex('integrity_flags_key').on(t.key), index('integrity_flags_region_idx').on(t.regionPath.op('text_pattern_ops'), t.status)],
)
