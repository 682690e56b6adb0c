import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { bytea } from './rosters.ts'
import { enterprises, people } from './orgs.ts'

/** A question bank: synced from content/banks or imported by an admin. */
export const questionBanks = pgTable(
	'question_banks',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		/** content | import */
		origin: text('origin').notNull(),
		active: boolean('active').notNull().default(true),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('question_banks_slug_key').on(t.slug)],
)

/**
 * A question's identity in its bank (`key` is the bank file's id). The tag columns mirror the
 * current version so draws filter with an index; the text lives in the versions.
 */
export const questions = pgTable(
	'questions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		bankId: integer('bank_id')
			.notNull()
			.references(() => questionBanks.id),
		key: text('key').notNull(),
		position: integer('position').notNull(),
		versionId: integer('version_id'),
		type: text('type').notNull(),
		difficulty: text('difficulty').notNull(),
		topic: text('topic').notNull(),
		caseSlug: text('case_slug'),
		industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
		jobs: text('jobs').array().notNull().default(sql`'{}'::text[]`),
		active: boolean('active').notNull().default(true),
	},
	(t) => [uniqueIndex('questions_bank_key').on(t.bankId, t.key), index('questions_draw_idx').on(t.bankId, t.type, t.difficulty, t.topic)],
)

/** Every text a question ever had; attempts point here, so editing never changes a past paper. */
export const questionVersions = pgTable(
	'question_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		questionId: integer('question_id')
			.notNull()
			.references(() => questions.id),
		hash: text('hash').notNull(),
		/** QuestionContent: stem, options, answer, explanation, source, tags. */
		content: jsonb('content').$type<Record<string, unknown>>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('question_versions_question_hash_key').on(t.questionId, t.hash)],
)

/** An exam template: where its questions come from and the rules of taking it. */
export const exams = pgTable(
	'exams',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		title: text('title').notNull(),
		/** The enterprise that set it; null for platform and regulator exams. */
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		/** PaperSpec: draw rules or fixed questions, with points. */
		paper: jsonb('paper').$type<Record<string, unknown>>().notNull(),
		timeLimitMinutes: integer('time_limit_minutes').notNull(),
		passMark: real('pass_mark').notNull().default(80),
		attemptsAllowed: integer('attempts_allowed').notNull().default(1),
		opensAt: timestamp('opens_at', { withTimezone: true }),
		closesAt: timestamp('closes_at', { withTimezone: true }),
		/** never | after_submit | after_close */
		review: text('review').notNull().default('after_submit'),
		/** all-or-nothing | partial */
		scoring: text('scoring').notNull().default('all-or-nothing'),
		/** Who may take it: { enterpriseIds?, jobs?, industries?, classId? }. */
		audience: jsonb('audience').$type<Record<string, unknown>>().notNull().default({}),
		certificateMonths: integer('certificate_months'),
		/** draft | published | closed */
		status: text('status').notNull().default('draft'),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('exams_enterprise_idx').on(t.enterpriseId)],
)

/**
 * What a draw read besides its seed: the paper spec and the pool (each question's id and the
 * tags the rules matched), kept once per distinct content by its SHA-256, so an attempt's
 * paper can be drawn again and compared long after the banks have changed.
 */
export const drawInputs = pgTable('draw_inputs', {
	hash: text('hash').primaryKey(),
	paper: jsonb('paper').$type<Record<string, unknown>>().notNull(),
	pool: jsonb('pool').$type<unknown[]>().notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * One sitting of an exam by one person. The seed reproduces the draw; the deadline is the
 * server's. `enterpriseId` is the tenant key (the employer when it started).
 */
export const attempts = pgTable(
	'attempts',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		examId: integer('exam_id')
			.notNull()
			.references(() => exams.id),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		enterpriseId: integer('enterprise_id'),
		number: integer('number').notNull(),
		seed: text('seed').notNull(),
		/** The draw's other inputs (draw_inputs.hash) and the questions it avoided; null before they were kept. */
		drawHash: text('draw_hash').references(() => drawInputs.hash),
		drawAvoid: integer('draw_avoid').array(),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
		deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		/** learner | deadline */
		finishedBy: text('finished_by'),
		score: real('score'),
		maxScore: real('max_score').notNull(),
		passed: boolean('passed'),
		ip: text('ip'),
		userAgent: text('user_agent'),
		/** The browser's identifier (anxun_device cookie) when the attempt started, if it had one. */
		deviceId: text('device_id'),
		focusLosses: integer('focus_losses').notNull().default(0),
		/** Seconds from start to finish, and the least a careful reader needs for this paper. */
		secondsTaken: integer('seconds_taken'),
		readingSeconds: integer('reading_seconds'),
		/** Finished faster than the paper can plausibly be read (an integrity signal, not a verdict). */
		tooFast: boolean('too_fast'),
		/**
		 * A finished result declared void (作废: cheating found, taken by someone else …): the score
		 * stays as it was, the attempt no longer counts as passed anywhere. Set once, with who and
		 * why (and the audit log); the only change the database allows to a finished attempt.
		 */
		annulledAt: timestamp('annulled_at', { withTimezone: true }),
		annulledBy: integer('annulled_by'),
		annulReason: text('annul_reason'),
	},
	(t) => [
		uniqueIndex('attempts_exam_person_number_key').on(t.examId, t.personId, t.number),
		index('attempts_person_idx').on(t.personId, t.startedAt),
		index('attempts_enterprise_exam_idx').on(t.enterpriseId, t.examId),
		index('attempts_open_deadline_idx').on(t.deadlineAt).where(sql`finished_at is null`),
		// The 走过场 sweep looks for the enterprises with sittings started or finished since its last run.
		index('attempts_started_at_brin').using('brin', t.startedAt),
		index('attempts_finished_at_idx').on(t.finishedAt).where(sql`finished_at is not null`),
	],
)

/** The paper of an attempt: which question version sits at each position, options in which order. */
export const attemptQuestions = pgTable(
	'attempt_questions',
	{
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => attempts.id),
		position: integer('position').notNull(),
		questionId: integer('question_id').notNull(),
		questionVersionId: integer('question_version_id')
			.notNull()
			.references(() => questionVersions.id),
		/** optionOrder[displayed] = authored index. */
		optionOrder: integer('option_order').array().notNull(),
		points: real('points').notNull(),
		/** Filled when the attempt finishes. */
		earned: real('earned'),
		correct: boolean('correct'),
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.position] })],
)

/**
 * The learner's current answer per question: one idempotent upsert per change; a save with a
 * lower sequence number than the stored one is ignored (a late duplicate never wins).
 */
export const attemptAnswers = pgTable(
	'attempt_answers',
	{
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => attempts.id),
		position: integer('position').notNull(),
		/** Authored option indices chosen. */
		chosen: integer('chosen').array().notNull(),
		seq: integer('seq').notNull(),
		savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
		/** Seconds the learner spent on the question, as the page measured it (integrity signal). */
		secondsSpent: integer('seconds_spent').notNull().default(0),
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.position] })],
)

/**
 * The wrong-answer book (错题本): a question enters when answered wrongly in an exam or in
 * practice and leaves after two correct answers in a row.
 */
export const wrongAnswers = pgTable(
	'wrong_answers',
	{
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		questionId: integer('question_id')
			.notNull()
			.references(() => questions.id),
		wrongCount: integer('wrong_count').notNull().default(0),
		/** Correct answers in a row since the last wrong one. */
		streak: integer('streak').notNull().default(0),
		inBook: boolean('in_book').notNull().default(true),
		lastWrongAt: timestamp('last_wrong_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.personId, t.questionId] }), index('wrong_answers_book_idx').on(t.personId, t.inBook)],
)

/** Where a person is in 顺序练习 of a bank, so practice resumes. */
export const practiceProgress = pgTable(
	'practice_progress',
	{
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		bankId: integer('bank_id')
			.notNull()
			.references(() => questionBanks.id),
		nextPosition: integer('next_position').notNull().default(0),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
	},
	(t) => [primaryKey({ columns: [t.personId, t.bankId] })],
)

/** An uploaded question file: checked (dry run) first, applied on confirmation. */
export const questionImports = pgTable('question_imports', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	bankSlug: text('bank_slug').notNull(),
	bankTitle: text('bank_title').notNull(),
	filename: text('filename').notNull(),
	file: bytea('file'),
	/** checked | applied */
	status: text('status').notNull(),
	report: jsonb('report').$type<Record<string, unknown>>().notNull(),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * A certificate issued on passing an exam that grants one. The number is public (printed with
 * a QR code); the verification page shows only what a checker needs.
 */
export const certificates = pgTable(
	'certificates',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		number: text('number').notNull(),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		examId: integer('exam_id')
			.notNull()
			.references(() => exams.id),
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => attempts.id),
		enterpriseId: integer('enterprise_id'),
		holderName: text('holder_name').notNull(),
		title: text('title').notNull(),
		issuedOn: date('issued_on', { mode: 'string' }).notNull(),
		expiresOn: date('expires_on', { mode: 'string' }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [uniqueIndex('certificates_number_key').on(t.number), uniqueIndex('certificates_attempt_key').on(t.attemptId), index('certificates_person_idx').on(t.personId)],
)
