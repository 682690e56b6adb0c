import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { accidentCases, lessons } from './courses.ts'
import { assignments } from './coverage.ts'
import { exams } from './exams.ts'
import { enterprises } from './orgs.ts'

/**
 * 警示教育推送: a regulator sends an accident case to the enterprises of an audience, with a
 * deadline and a 对照检视 checklist. The enterprises reached are fixed when it is published
 * (warning_push_enterprises), so the reply rate has a stable denominator.
 */
export const warningPushes = pgTable(
	'warning_pushes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		/** The region subtree of the audience (the issuing regulator's region or one under it). */
		regionPath: text('region_path').notNull(),
		caseId: integer('case_id')
			.notNull()
			.references(() => accidentCases.id),
		/** The case lesson the enterprise's people study. */
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lessons.id),
		title: text('title').notNull(),
		note: text('note').notNull(),
		industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
		sizes: text('sizes').array().notNull().default(sql`'{}'::text[]`),
		highRiskOnly: boolean('high_risk_only').notNull().default(false),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		checklist: jsonb('checklist').$type<{ id: string; text: string; basis: string }[]>().notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('warning_pushes_region_idx').on(t.regionPath.op('text_pattern_ops'))],
)

export const warningPushEnterprises = pgTable(
	'warning_push_enterprises',
	{
		pushId: integer('push_id')
			.notNull()
			.references(() => warningPushes.id),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		regionPath: text('region_path').notNull(),
		industry: text('industry').notNull(),
		/** The enterprise's study assignment for the case lesson, once its admin has assigned it. */
		assignmentId: integer('assignment_id').references(() => assignments.id),
	},
	(t) => [primaryKey({ columns: [t.pushId, t.enterpriseId] }), index('warning_push_enterprises_enterprise_idx').on(t.enterpriseId)],
)

/**
 * An enterprise's 对照检视 reply. A draft is saved as often as needed; submitting fixes it for
 * good. A correction is a new version (the previous stays, with who and when).
 */
export const selfInspectionReplies = pgTable(
	'self_inspection_replies',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		pushId: integer('push_id')
			.notNull()
			.references(() => warningPushes.id),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		version: integer('version').notNull(),
		/** draft | submitted */
		status: text('status').notNull(),
		items: jsonb('items').$type<{ itemId: string; answer: string | null; finding: string; measure: string; responsible: string; dueOn: string }[]>().notNull(),
		reason: text('reason'),
		savedBy: integer('saved_by')
			.notNull()
			.references(() => users.id),
		savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
		submittedBy: integer('submitted_by').references(() => users.id),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
	},
	(t) => [uniqueIndex('self_inspection_replies_version_key').on(t.pushId, t.enterpriseId, t.version), index('self_inspection_replies_enterprise_idx').on(t.enterpriseId)],
)

/**
 * 安全知识答卷: a regulator's knowledge contest for everyone working in a region over a period,
 * run as an exam whose audience is the region. The leaderboard ranks enterprises and places by
 * participation rate and average score, never by head count.
 */
export const contests = pgTable(
	'contests',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		examId: integer('exam_id')
			.notNull()
			.references(() => exams.id),
		regionId: integer('region_id').notNull(),
		regionPath: text('region_path').notNull(),
		title: text('title').notNull(),
		opensOn: date('opens_on', { mode: 'string' }).notNull(),
		closesOn: date('closes_on', { mode: 'string' }).notNull(),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('contests_exam_key').on(t.examId), index('contests_region_idx').on(t.regionPath.op('text_pattern_ops'))],
)
