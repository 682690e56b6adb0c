import { sql } from 'drizzle-orm'
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { courses, lessons } from './courses.ts'
import { exams } from './exams.ts'
import { enterprises } from './orgs.ts'

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
		/** The park (开发区/工业园区) the enterprise sits in, if any: a filter across the region tree. */
		parkId: integer('park_id'),
		jobCategory: text('job_category').notNull(),
		department: text('department'),
		/** 学时 owed, in minutes (so the 学时 length stays a display setting). */
		owedMinutes: integer('owed_minutes').notNull(),
		obligations: integer('obligations').notNull(),
		/** The last due date among the obligations; null when nothing is owed. */
		dueBy: date('due_by', { mode: 'string' }),
		creditedSeconds: integer('credited_seconds').notNull().default(0),
		/**
		 * 学时 still missing by category, in seconds: the sum over the obligations of what each asks
		 * beyond the time counted toward it (allocation.ts). Time studied before an obligation began,
		 * or beyond what another asks, fills no gap: a person can have credited_seconds ≥ owed and
		 * still be short here. 0 when every category is met.
		 */
		categoryShortSeconds: integer('category_short_seconds').notNull().default(0),
		examPassed: boolean('exam_passed').notNull().default(false),
		/** Courses and exams assigned by plans and requirements (assignments), and how many are done. */
		requiredItems: integer('required_items').notNull().default(0),
		requiredDone: integer('required_done').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.personId, t.enterpriseId, t.year] }),
		index('coverage_region_year_idx').on(t.year, t.regionPath.op('text_pattern_ops')),
		index('coverage_enterprise_year_idx').on(t.enterpriseId, t.year),
	],
)

/**
 * How far the 走过场 sweep has read a year's facts: the time its last complete pass started. The
 * next pass looks again only at the enterprises with facts since then (a margin before it).
 */
export const integrityScans = pgTable('integrity_scans', {
	year: integer('year').primaryKey(),
	scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
})

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

/**
 * Training assigned on top of the rules: an enterprise admin's plan for its own people, or a
 * regulator's requirement for every enterprise of an industry in a region subtree. Each names
 * one course or one exam and a due date; who it reaches is decided by the targets below
 * (empty = everyone). Never edited: a plan is withdrawn (kept, with who and when) and a new
 * one made; every change is in the audit log.
 */
export const assignments = pgTable(
	'assignments',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		year: integer('year').notNull(),
		/** enterprise | regulator */
		issuer: text('issuer').notNull(),
		/** The enterprise of a plan; null for a regulator's requirement. */
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		/** The region subtree a requirement covers; for a plan, its enterprise's path. */
		regionPath: text('region_path').notNull(),
		title: text('title').notNull(),
		reason: text('reason').notNull(),
		courseId: integer('course_id').references(() => courses.id),
		examId: integer('exam_id').references(() => exams.id),
		/** One lesson (a warning push's case lesson) instead of a whole course. */
		lessonId: integer('lesson_id').references(() => lessons.id),
		industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
		highRiskOnly: boolean('high_risk_only').notNull().default(false),
		departments: text('departments').array().notNull().default(sql`'{}'::text[]`),
		jobCategories: text('job_categories').array().notNull().default(sql`'{}'::text[]`),
		/** Named people (责任人员法律法规教育): only they are reached, within the region. */
		personIds: integer('person_ids').array().notNull().default(sql`'{}'::int[]`),
		/** plan | requirement | warning | law_education: what the person is told it is. */
		kind: text('kind').notNull().default('plan'),
		/** Assignments made together (a law-education order's course and exam) share it. */
		groupKey: text('group_key'),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		withdrawnBy: integer('withdrawn_by').references(() => users.id),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
	},
	(t) => [
		index('assignments_year_region_idx').on(t.year, t.regionPath.op('text_pattern_ops')),
		index('assignments_enterprise_idx').on(t.enterpriseId, t.year),
		check('assignments_one_target', sql`num_nonnulls(${t.courseId}, ${t.examId}, ${t.lessonId}) = 1`),
	],
)

/**
 * The regulator dashboard's rollups, refreshed from `coverage_person_year` and the ledger every
 * few minutes (coverage/rollups.server.ts) rather than on each write, so a province's page adds
 * up 20,000 enterprise rows instead of a million person rows, and a heartbeat never waits on an
 * enterprise-wide counter. `asOf` is the day the statuses were computed for (逾期 moves with it).
 */
export const coverageEnterpriseRollup = pgTable(
	'coverage_enterprise_rollup',
	{
		enterpriseId: integer('enterprise_id').notNull(),
		year: integer('year').notNull(),
		/** The enterprise's name as of the refresh: the table sorts and pages without a join. */
		name: text('name').notNull().default(''),
		regionPath: text('region_path').notNull(),
		industry: text('industry').notNull(),
		size: text('size').notNull(),
		highRisk: boolean('high_risk').notNull(),
		parkId: integer('park_id'),
		people: integer('people').notNull(),
		done: integer('done').notNull(),
		inProgress: integer('in_progress').notNull(),
		notStarted: integer('not_started').notNull(),
		overdue: integer('overdue').notNull(),
		examPassed: integer('exam_passed').notNull(),
		owedMinutes: bigint('owed_minutes', { mode: 'number' }).notNull(),
		creditedSeconds: bigint('credited_seconds', { mode: 'number' }).notNull(),
		asOf: date('as_of', { mode: 'string' }).notNull(),
		refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.enterpriseId, t.year] }),
		index('coverage_rollup_region_idx').on(t.year, t.regionPath.op('text_pattern_ops')),
		// The regional table's order (worst coverage first): a big region's first page reads its
		// first rows from here instead of sorting every enterprise under it.
		index('coverage_rollup_rank_idx').on(t.year, sql`(${t.done}::float / nullif(${t.people}, 0))`, t.name, t.enterpriseId),
	],
)

/** 学时 credited and exams passed per enterprise and month: the dashboard's trend. */
export const coverageMonthRollup = pgTable(
	'coverage_month_rollup',
	{
		enterpriseId: integer('enterprise_id').notNull(),
		year: integer('year').notNull(),
		month: integer('month').notNull(),
		regionPath: text('region_path').notNull(),
		seconds: bigint('seconds', { mode: 'number' }).notNull(),
		passed: integer('passed').notNull(),
	},
	(t) => [primaryKey({ columns: [t.enterpriseId, t.year, t.month] }), index('coverage_month_region_idx').on(t.year, t.regionPath.op('text_pattern_ops'))],
)

/**
 * A rebuild of a year's coverage from the facts, run in the background (after a change of the
 * rules in force, which changes what everyone owes): queued, running with its progress, then
 * done with what it found, or failed with why. An instance that dies mid-rebuild leaves a stale
 * heartbeat; the next start-up queues the rebuild again (a rebuild can always be run again).
 */
export const coverageRebuilds = pgTable(
	'coverage_rebuilds',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		year: integer('year').notNull(),
		reason: text('reason').notNull(),
		requestedBy: integer('requested_by').references(() => users.id),
		status: text('status').notNull(),
		peopleDone: integer('people_done').notNull().default(0),
		peopleTotal: integer('people_total').notNull().default(0),
		rows: integer('rows'),
		differenceCount: integer('difference_count'),
		error: text('error'),
		heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		startedAt: timestamp('started_at', { withTimezone: true }),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
	},
	(t) => [index('coverage_rebuilds_status_idx').on(t.status, t.createdAt), check('coverage_rebuilds_status_check', sql`${t.status} in ('queued', 'running', 'done', 'failed')`)],
)

/**
 * The enterprise rollups summed for every region above them (the region itself included), by
 * the filters the dashboard offers: a region's page reads a few rows instead of every
 * enterprise under it. Refreshed with the enterprise rollups, in the same transaction.
 */
export const coverageRegionRollup = pgTable(
	'coverage_region_rollup',
	{
		regionId: integer('region_id').notNull(),
		year: integer('year').notNull(),
		industry: text('industry').notNull(),
		size: text('size').notNull(),
		highRisk: boolean('high_risk').notNull(),
		parkId: integer('park_id'),
		/** Enterprises in the group: the regional table's count, whatever page it shows. */
		enterprises: integer('enterprises').notNull().default(0),
		people: integer('people').notNull(),
		done: integer('done').notNull(),
		inProgress: integer('in_progress').notNull(),
		notStarted: integer('not_started').notNull(),
		overdue: integer('overdue').notNull(),
		examPassed: integer('exam_passed').notNull(),
		owedMinutes: bigint('owed_minutes', { mode: 'number' }).notNull(),
		creditedSeconds: bigint('credited_seconds', { mode: 'number' }).notNull(),
		refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
	},
	(t) => [index('coverage_region_rollup_idx').on(t.year, t.regionId)],
)

/** The month rollups summed for every region above them: a region's trend is twelve rows. */
export const coverageRegionMonthRollup = pgTable(
	'coverage_region_month_rollup',
	{
		regionId: integer('region_id').notNull(),
		year: integer('year').notNull(),
		month: integer('month').notNull(),
		seconds: bigint('seconds', { mode: 'number' }).notNull(),
		passed: integer('passed').notNull(),
	},
	(t) => [primaryKey({ columns: [t.year, t.regionId, t.month] })],
)
