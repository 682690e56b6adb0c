import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Append-only: who changed what. Never updated or deleted by the application. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorUserId: integer('actor_user_id'),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id'),
		enterpriseId: integer('enterprise_id'),
		detail: jsonb('detail').$type<Record<string, unknown>>(),
	},
	(t) => [
		index('audit_log_entity_idx').on(t.entityType, t.entityId),
		index('audit_log_enterprise_idx').on(t.enterpriseId, t.at),
	],
)
