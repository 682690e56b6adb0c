import { sql } from 'drizzle-orm'
import {
	boolean,
	check,
	date,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * 行政区划 and parks. `path` is the materialised path of ids, e.g. `/1/4/17/`,
 * so "everything under region X" is `path LIKE '/1/4/%'` on a text_pattern_ops index.
 */
export const regions = pgTable(
	'regions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		parentId: integer('parent_id'),
		/** GB/T 2260 (6 digits) or GB/T 10114 (9 digits for townships), when known. */
		code: text('code'),
		name: text('name').notNull(),
		/** province | city | county | township | park */
		level: text('level').notNull(),
		path: text('path').notNull(),
		depth: integer('depth').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('regions_code_key').on(t.code),
		index('regions_path_idx').on(t.path.op('text_pattern_ops')),
		index('regions_parent_idx').on(t.parentId),
	],
)

/** 生产经营单位. `regionPath` copies the region's path so scoped lists need no join. */
export const enterprises = pgTable(
	'enterprises',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		name: text('name').notNull(),
		creditCode: text('credit_code').notNull(),
		regionId: integer('region_id')
			.notNull()
			.references(() => regions.id),
		regionPath: text('region_path').notNull(),
		/** Optional park (开发区/工业园区) the enterprise sits in; a region node of level `park`. */
		parkId: integer('park_id').references(() => regions.id),
		industry: text('industry').notNull(),
		size: text('size').notNull(),
		/** Derived from `industry` on write (令第3号 list); stored so reports can filter by it. */
		highRisk: boolean('high_risk').notNull(),
		address: text('address'),
		contactName: text('contact_name'),
		contactPhone: text('contact_phone'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('enterprises_credit_code_key').on(t.creditCode),
		index('enterprises_region_path_idx').on(t.regionPath.op('text_pattern_ops')),
		index('enterprises_park_idx').on(t.parkId),
		index('enterprises_industry_idx').on(t.industry),
	],
)

/**
 * A natural person. The ID number is stored encrypted; `idNumberHash` (keyed HMAC) finds a
 * person by ID number without decrypting, `idNumberMasked` is what staff see.
 */
export const people = pgTable(
	'people',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		name: text('name').notNull(),
		phone: text('phone'),
		idNumberEnc: text('id_number_enc'),
		idNumberHash: text('id_number_hash'),
		idNumberMasked: text('id_number_masked'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('people_phone_key').on(t.phone),
		uniqueIndex('people_id_number_hash_key').on(t.idNumberHash),
	],
)

/** A person's job in an enterprise. At most one open employment per person and enterprise. */
export const employments = pgTable(
	'employments',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		personId: integer('person_id')
			.notNull()
			.references(() => people.id),
		/** principal | safety_manager | special_operator | other */
		jobCategory: text('job_category').notNull(),
		/** 工种 (for special operators: a 《特种作业目录》 category). */
		workType: text('work_type'),
		department: text('department'),
		hiredOn: date('hired_on', { mode: 'string' }).notNull(),
		/**
		 * 上岗日期: the day the person took up the post, when known. 岗前培训 is due before it
		 * (法 第二十八条); unknown, the hire date stands in for it.
		 */
		postedOn: date('posted_on', { mode: 'string' }),
		leftOn: date('left_on', { mode: 'string' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('employments_open_key')
			.on(t.enterpriseId, t.personId)
			.where(sql`${t.leftOn} is null`),
		index('employments_person_idx').on(t.personId),
		index('employments_enterprise_category_idx').on(t.enterpriseId, t.jobCategory),
		check('employments_posted_after_hire', sql`${t.postedOn} is null or ${t.postedOn} >= ${t.hiredOn}`),
	],
)

/**
 * The history of an employment, append-only: hire, job change, leave (with its end),
 * return, departure. The obligation engine reads triggers from here.
 */
export const employmentEvents = pgTable(
	'employment_events',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		employmentId: integer('employment_id')
			.notNull()
			.references(() => employments.id),
		/** hire | job_change | leave | return | left | special_review (a certificate's review date) */
		kind: text('kind').notNull(),
		effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
		/** For a leave: the day it ended (null while on leave). */
		endsOn: date('ends_on', { mode: 'string' }),
		/** For a job change: the day the person takes up the new post, when it is later (调岗培训 is due before it). */
		postedOn: date('posted_on', { mode: 'string' }),
		fromJobCategory: text('from_job_category'),
		toJobCategory: text('to_job_category'),
		fromWorkType: text('from_work_type'),
		toWorkType: text('to_work_type'),
		note: text('note'),
		actorUserId: integer('actor_user_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('employment_events_employment_idx').on(t.employmentId, t.effectiveOn),
		index('employment_events_enterprise_idx').on(t.enterpriseId),
		check('employment_events_posted_after_effective', sql`${t.postedOn} is null or ${t.postedOn} >= ${t.effectiveOn}`),
	],
)

/**
 * An accident with deaths at an enterprise (生产安全死亡事故), recorded by a regulator or the
 * enterprise. Its 主要负责人 and 安全生产管理人员 at the time must train again (令第44号); the
 * obligation engine reads it. Never edited: a wrong entry is withdrawn (kept) and a new one made.
 */
export const enterpriseAccidents = pgTable(
	'enterprise_accidents',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
		deaths: integer('deaths').notNull(),
		summary: text('summary').notNull(),
		recordedBy: integer('recorded_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
	},
	(t) => [index('enterprise_accidents_enterprise_idx').on(t.enterpriseId, t.occurredOn)],
)
