import { customType, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './auth.ts'
import { enterprises } from './orgs.ts'

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
})

export type RosterProblemRecord = { row: number; column: string; message: string }

/**
 * One uploaded roster file and its life: uploaded → checking → checked (dry run done,
 * problems listed) → applying → applied | failed. The file is kept so "confirm" applies
 * exactly what was checked, on any app instance.
 */
export const rosterImports = pgTable(
	'roster_imports',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		enterpriseId: integer('enterprise_id')
			.notNull()
			.references(() => enterprises.id),
		actorUserId: integer('actor_user_id')
			.notNull()
			.references(() => users.id),
		filename: text('filename').notNull(),
		fileHash: text('file_hash').notNull(),
		file: bytea('file'),
		status: text('status').notNull(),
		rowsTotal: integer('rows_total').notNull().default(0),
		rowsProcessed: integer('rows_processed').notNull().default(0),
		problemCount: integer('problem_count').notNull().default(0),
		problems: jsonb('problems').$type<RosterProblemRecord[]>(),
		created: integer('created').notNull().default(0),
		updated: integer('updated').notNull().default(0),
		unchanged: integer('unchanged').notNull().default(0),
		error: text('error'),
		/** Last sign of life of the instance running this import (progress writes). */
		heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
	},
	(t) => [index('roster_imports_enterprise_idx').on(t.enterpriseId, t.createdAt)],
)
