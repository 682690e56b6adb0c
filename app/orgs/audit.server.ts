import { auditLog } from '#db/schema/index.ts'
import { type Db } from '#app/utils/db.server.ts'

export type AuditEntry = {
	actorUserId: number | null
	action: string
	entityType: string
	entityId?: string | number | null
	enterpriseId?: number | null
	detail?: Record<string, unknown>
}

/** Append one entry to the audit log (inside the caller's transaction when given one). */
export async function audit(client: Pick<Db, 'insert'>, entry: AuditEntry) {
	await client.insert(auditLog).values({
		actorUserId: entry.actorUserId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId == null ? null : String(entry.entityId),
		enterpriseId: entry.enterpriseId ?? null,
		detail: entry.detail ?? null,
	})
}
