import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { lessons } from './courses.ts'
import { exams } from './exams.ts'
import { people, regions } from './orgs.ts'

/**
 * 专题培训班: a class a regulator (or the platform) runs for cadres, held in a region. Its
 * report is the 一期一档 (plan, time and place, sessions and speakers, roster, attendance,
 * assessment). Regulators of the region and above manage it.
 */
export const trainingClasses = pgTable(
	'training_classes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		regionId: integer('region_id')
			.notNull()
			.references(() => regions.id),
		regionPath: text('region_path').notNull(),
		title: text('title').notNull(),
		organiser: text('organiser').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		endsOn: date('ends_on', { mode: 'string' }).notNull(),
		venue: text('venue').notNull(),
		/** Minutes of credit a cadre needs to complete the class; null means every session's. */
		requiredMinutes: integer('required_minutes'),
		createdBy: integer('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('training_classes_region_idx').on(t.regionPath.op('text_pattern_ops'))],
)

/**
 * One item of a class's agenda. Onsite sessions are credited by check-in; online ones by
 * completing the linked lesson during the class; the assessment by sitting its exam (limited
 * to the roster). `minutes` is the credit it carries (学时 × minutes per 学时).
 */
export const classSessions = pgTable(
	'class_sessions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		classId: integer('class_id')
			.notNull()
			.references(() => trainingClasses.id),
		/** lecture | expert_talk | case_study | film | exchange | assessment */
		kind: text('kind').notNull(),
		/** onsite | online */
		delivery: text('delivery').notNull(),
		title: text('title').notNull(),
		speaker: text('speaker'),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		minutes: integer('minutes').notNull(),
		lessonId: integer('lesson_id').references(() => lessons.id),
		examId: integer('exam_id').references(() => exams.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Withdrawn from the agenda (kept, with its attendance, for the record). */
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
	},
	(t) => [
		index('class_sessions_class_idx').on(t.classId, t.startsAt),
		check('class_sessions_window', sql`${t.endsAt} > ${t.startsAt}`),
	],
)

/** The roster: cadres on a class, with the unit and post they came from (not an employment). */
export const classMembers = pgTable(
	'class_members',
	{
		classId: integer('class_id')
			.notNull()
			.references(() => trainingClasses.id),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		unit: text('unit').notNull(),
		post: text('post').notNull(),
		addedBy: integer('added_by')
			.notNull()
			.references(() => users.id),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.classId, t.personId] }), index('class_members_person_idx').on(t.personId)],
)

/**
 * Attendance, append-only: a cadre's own check-in (by code or QR, at most one per session), or
 * an organiser's exception with its reason. The newest row for a session and person stands.
 */
export const classAttendance = pgTable(
	'class_attendance',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		classId: integer('class_id')
			.notNull()
			.references(() => trainingClasses.id),
		sessionId: integer('session_id')
			.notNull()
			.references(() => classSessions.id),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		/** present | excused | absent */
		status: text('status').notNull(),
		/** code | qr | organiser */
		method: text('method').notNull(),
		reason: text('reason'),
		recordedBy: integer('recorded_by')
			.notNull()
			.references(() => users.id),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		ip: text('ip'),
	},
	(t) => [
		index('class_attendance_session_idx').on(t.sessionId, t.personId, t.id),
		index('class_attendance_person_idx').on(t.personId),
		uniqueIndex('class_attendance_self_key').on(t.sessionId, t.personId).where(sql`method <> 'organiser'`),
	],
)
