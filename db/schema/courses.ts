import { sql } from 'drizzle-orm'
import {
	bigint,
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
} from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { enterprises, people } from './orgs.ts'

/**
 * Courses, lessons and accident cases as synced from `content/`. The `*_versions` tables keep
 * every content hash ever served, so a learning record points at the exact text studied.
 */
export const courses = pgTable(
	'courses',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		/** cadre | principal | safety_manager | employee | all */
		audience: text('audience').array().notNull(),
		kind: text('kind').notNull(),
		position: integer('position').notNull(),
		hash: text('hash').notNull(),
		/** Sum of its lessons' required minutes. */
		minutes: integer('minutes').notNull(),
		active: boolean('active').notNull().default(true),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('courses_slug_key').on(t.slug)],
)

export const lessons = pgTable(
	'lessons',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		courseId: integer('course_id')
			.notNull()
			.references(() => courses.id),
		slug: text('slug').notNull(),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		/** text | video | case */
		kind: text('kind').notNull(),
		minutes: integer('minutes').notNull(),
		caseSlug: text('case_slug'),
		video: text('video'),
		videoSeconds: integer('video_seconds'),
		articles: text('articles').array().notNull().default(sql`'{}'::text[]`),
		/** The <Check> ids a learner must answer. */
		checkIds: text('check_ids').array().notNull().default(sql`'{}'::text[]`),
		hash: text('hash').notNull(),
		versionId: integer('version_id'),
		/** Set for a video an enterprise admin added: only that enterprise's people see it. */
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		/** The uploaded file behind an added video lesson (null for lessons from content/). */
		mediaId: integer('media_id').references(() => mediaFiles.id),
		active: boolean('active').notNull().default(true),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('lessons_course_slug_key').on(t.courseId, t.slug), index('lessons_enterprise_idx').on(t.enterpriseId)],
)

/**
 * Video files enterprise admins upload, stored once per SHA-256 under MEDIA_DIR and served
 * only to the people who may see the lesson that uses them.
 */
export const mediaFiles = pgTable(
	'media_files',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		sha256: text('sha256').notNull(),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		bytes: bigint('bytes', { mode: 'number' }).notNull(),
		seconds: integer('seconds').notNull(),
		originalName: text('original_name').notNull(),
		uploadedBy: integer('uploaded_by')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('media_files_enterprise_sha_key').on(t.enterpriseId, t.sha256)],
)

export const lessonVersions = pgTable(
	'lesson_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		lessonId: integer('lesson_id')
			.notNull()
			.references(() => lessons.id),
		hash: text('hash').notNull(),
		title: text('title').notNull(),
		minutes: integer('minutes').notNull(),
		frontmatter: jsonb('frontmatter').$type<Record<string, unknown>>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('lesson_versions_lesson_hash_key').on(t.lessonId, t.hash)],
)

export const accidentCases = pgTable(
	'accident_cases',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		shortName: text('short_name').notNull(),
		industry: text('industry').notNull(),
		level: text('level').notNull(),
		occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
		deaths: integer('deaths').notNull(),
		hash: text('hash').notNull(),
		versionId: integer('version_id'),
		frontmatter: jsonb('frontmatter').$type<Record<string, unknown>>().notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('accident_cases_slug_key').on(t.slug)],
)

export const caseVersions = pgTable(
	'case_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		caseId: integer('case_id')
			.notNull()
			.references(() => accidentCases.id),
		hash: text('hash').notNull(),
		frontmatter: jsonb('frontmatter').$type<Record<string, unknown>>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('case_versions_case_hash_key').on(t.caseId, t.hash)],
)

/**
 * The 学时 ledger: one row per credited heartbeat, appended and never edited (the database
 * refuses updates and deletes). A correction is a row of its own (`kind` 'correction', negative
 * seconds, with the actor and the reason). Totals per lesson, day and year are sums over it.
 * `enterpriseId` is the tenant key (the learner's employer when credited; null for cadres
 * without one).
 */
export const learningCredits = pgTable(
	'learning_credits',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		enterpriseId: integer('enterprise_id'),
		lessonId: integer('lesson_id').notNull(),
		lessonVersionId: integer('lesson_version_id').notNull(),
		/** Calendar day in Asia/Shanghai. */
		day: date('day', { mode: 'string' }).notNull(),
		seconds: integer('seconds').notNull(),
		creditedAt: timestamp('credited_at', { withTimezone: true }).notNull().defaultNow(),
		/** heartbeat | correction */
		kind: text('kind').notNull().default('heartbeat'),
		/** For a correction: who made it and why. */
		actorUserId: integer('actor_user_id'),
		reason: text('reason'),
	},
	(t) => [
		index('learning_credits_person_lesson_idx').on(t.personId, t.lessonId),
		index('learning_credits_person_day_idx').on(t.personId, t.day),
		index('learning_credits_enterprise_day_idx').on(t.enterpriseId, t.day),
		// Rows arrive in time order: a BRIN index finds the last hour's credits (the 走过场 sweep) for a few pages of index.
		index('learning_credits_credited_at_brin').using('brin', t.creditedAt),
	],
)

/**
 * Who is studying what right now: the last heartbeat of a person (one row per person), so
 * the next heartbeat can be measured against it. State, not a record.
 */
export const learningPresence = pgTable('learning_presence', {
	personId: integer('person_id')
		.primaryKey()
		.references(() => people.id),
	lessonId: integer('lesson_id').notNull(),
	tabId: text('tab_id').notNull(),
	sessionId: text('session_id').notNull(),
	lastBeatAt: timestamp('last_beat_at', { withTimezone: true }).notNull(),
	lastInputAt: timestamp('last_input_at', { withTimezone: true }).notNull(),
})

/**
 * Where and on what a person studied: one row per login session and day, written when a
 * stretch of learning starts (not on every heartbeat), with the address, browser and device
 * identifier of that moment. A 走过场 signal: many people's learning from one device or one
 * address in a short time (integrity.server.ts).
 */
export const learningSessions = pgTable(
	'learning_sessions',
	{
		/** The login session (its hashed id), not a secret. */
		sessionId: text('session_id').notNull(),
		/** Calendar day in Asia/Shanghai. */
		day: date('day', { mode: 'string' }).notNull(),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		enterpriseId: integer('enterprise_id'),
		deviceId: text('device_id'),
		ip: text('ip'),
		userAgent: text('user_agent'),
		firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.sessionId, t.day] }),
		index('learning_sessions_enterprise_day_idx').on(t.enterpriseId, t.day),
		index('learning_sessions_first_at_brin').using('brin', t.firstAt),
	],
)

/** Where a learner is in a lesson: resume point, video watched, checks answered, completion. */
export const lessonProgress = pgTable(
	'lesson_progress',
	{
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		lessonId: integer('lesson_id').notNull(),
		enterpriseId: integer('enterprise_id'),
		/** Scroll fraction (text) or seconds (video) to resume at. */
		position: integer('position').notNull().default(0),
		videoFurthest: integer('video_furthest').notNull().default(0),
		videoEnded: boolean('video_ended').notNull().default(false),
		checks: jsonb('checks').$type<Record<string, number>>().notNull().default({}),
		selfChecks: jsonb('self_checks').$type<Record<string, Record<string, string>>>().notNull().default({}),
		/** Written once, when the lesson first counts as complete. */
		completedAt: timestamp('completed_at', { withTimezone: true }),
		completedVersionId: integer('completed_version_id'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.personId, t.lessonId] }),
		index('lesson_progress_enterprise_idx').on(t.enterpriseId),
		index('lesson_progress_completed_at_idx').on(t.completedAt).where(sql`completed_at is not null`),
	],
)
