import {
	boolean,
	index,
	integer,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
} from 'drizzle-orm/pg-core'
import { enterprises, people, regions } from './orgs.ts'

export const users = pgTable(
	'users',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		username: text('username'),
		phone: text('phone'),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		/** The learner behind the account, when there is one. */
		personId: integer('person_id').references(() => people.id),
		active: boolean('active').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
	},
	(t) => [
		uniqueIndex('users_username_key').on(t.username),
		uniqueIndex('users_phone_key').on(t.phone),
		uniqueIndex('users_person_key').on(t.personId),
	],
)

/**
 * What an account may do. role: platform_admin | regulator (regionId) |
 * enterprise_admin (enterpriseId) | learner (the account's person).
 */
export const roleGrants = pgTable(
	'role_grants',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		regionId: integer('region_id').references(() => regions.id),
		enterpriseId: integer('enterprise_id').references(() => enterprises.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('role_grants_user_idx').on(t.userId)],
)

/** Lucia-style sessions: the id is the SHA-256 (hex) of the cookie token, never the token. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		ip: text('ip'),
		userAgent: text('user_agent'),
	},
	(t) => [index('sessions_user_idx').on(t.userId)],
)

/** Failed and successful logins, for throttling (account + IP, 15-minute window). */
export const loginAttempts = pgTable(
	'login_attempts',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		identifier: text('identifier').notNull(),
		ip: text('ip').notNull(),
		success: boolean('success').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('login_attempts_key_idx').on(t.identifier, t.ip, t.at)],
)

/** Platform-wide secrets generated on first start when APP_SECRET is not set. */
export const appSettings = pgTable('app_settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
