import { asc, eq } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { db, type Db, type Tx } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { employmentEvents, employments, retentionPolicies, users } from '#db/schema/index.ts'
import { lastRecordDates } from './archive-view.ts'
import { defaultRetention, personRetention, RECORD_TYPES, type RecordType, RetentionPolicySchema, retentionInForce, ruleText, shorterThan, wasSpecialOperator, wholeArchiveFacts } from './retention.ts'

/** Each record type's default: RULES.md §2's, or this deployment's RETENTION_* settings. */
export function retentionDefaults() {
	const env = getEnv()
	return defaultRetention({ minimumYears: env.RETENTION_MINIMUM_YEARS, afterLeavingYears: env.RETENTION_AFTER_LEAVING_YEARS, specialOperationYears: env.RETENTION_SPECIAL_OPERATION_YEARS })
}

/** The period in force for every record type (the platform admin's where set). */
export async function retentionRules(exec: Db | Tx = db) {
	const rows = await exec.select({ recordType: retentionPolicies.recordType, yearsAfterRecord: retentionPolicies.yearsAfterRecord, yearsAfterLeaving: retentionPolicies.yearsAfterLeaving }).from(retentionPolicies)
	return retentionInForce(retentionDefaults(), rows)
}

/**
 * Every record type, in order: its default with the source, the period in force, whether that is
 * shorter than the default, and who changed it, when and why (null: the default is in force).
 */
export async function retentionOverview() {
	const defaults = retentionDefaults()
	const rows = await db
		.select({
			recordType: retentionPolicies.recordType,
			yearsAfterRecord: retentionPolicies.yearsAfterRecord,
			yearsAfterLeaving: retentionPolicies.yearsAfterLeaving,
			note: retentionPolicies.note,
			setAt: retentionPolicies.setAt,
			setBy: users.displayName,
		})
		.from(retentionPolicies)
		.leftJoin(users, eq(users.id, retentionPolicies.setBy))
	const inForce = retentionInForce(defaults, rows)
	return RECORD_TYPES.map((t) => {
		const row = rows.find((r) => r.recordType === t.code)
		return {
			code: t.code,
			label: t.label,
			perPerson: t.perPerson,
			default: defaults[t.code],
			inForce: inForce[t.code],
			shorter: shorterThan(inForce[t.code], defaults[t.code]),
			set: row ? { by: row.setBy, at: row.setAt, note: row.note } : null,
		}
	})
}

export type RetentionOverview = Awaited<ReturnType<typeof retentionOverview>>

/**
 * The platform admin changes one record type's period, with a reason: validated (refusals in
 * Chinese naming the field), then the audit entry and the new period in one transaction.
 */
export async function setRetentionPolicy(actor: { userId: number }, input: unknown) {
	const parsed = RetentionPolicySchema.safeParse(input)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!
		return { ok: false as const, field: issue.path.length ? String(issue.path[0]) : null, message: issue.message }
	}
	const v = parsed.data
	const to = { yearsAfterRecord: v.yearsAfterRecord, yearsAfterLeaving: v.yearsAfterLeaving ?? null }
	return db.transaction(async (tx) => {
		const from = (await retentionRules(tx))[v.recordType]
		if (from.yearsAfterRecord === to.yearsAfterRecord && from.yearsAfterLeaving === to.yearsAfterLeaving) {
			return { ok: false as const, field: null, message: `与现行保存期限相同（${ruleText(from)}），未作变更` }
		}
		await audit(tx, { actorUserId: actor.userId, action: 'retention_policy.set', entityType: 'retention_policy', entityId: v.recordType, detail: { from, to, note: v.note } })
		const values = { ...to, note: v.note, setBy: actor.userId, setAt: new Date() }
		await tx.insert(retentionPolicies).values({ recordType: v.recordType, ...values }).onConflictDoUpdate({ target: retentionPolicies.recordType, set: values })
		return { ok: true as const }
	})
}

/**
 * A person's archive at an enterprise, type by type, under the periods in force: `lastRecordOn`
 * from the archive (archive-view.ts lastRecordDates).
 */
export async function employmentRetention(
	employment: { leftOn: string | null; jobCategory: string; events: readonly { kind: string; fromJobCategory: string | null; toJobCategory: string | null }[] },
	lastRecordOn: Partial<Record<RecordType, string | null>>,
) {
	return personRetention(await retentionRules(), { leftOn: employment.leftOn, specialOperator: wasSpecialOperator(employment), lastRecordOn })
}

/**
 * A person's whole archive (their own 一人一档 at /me/archive, `archive` unscoped), type by type,
 * across every employer: see `wholeArchiveFacts`.
 */
export async function wholeArchiveRetention(scope: { personId: number }, archive: Parameters<typeof lastRecordDates>[0]) {
	const [jobs, events] = await Promise.all([
		db.select({ id: employments.id, leftOn: employments.leftOn, jobCategory: employments.jobCategory }).from(employments).where(eq(employments.personId, scope.personId)),
		db
			.select({ employmentId: employmentEvents.employmentId, kind: employmentEvents.kind, fromJobCategory: employmentEvents.fromJobCategory, toJobCategory: employmentEvents.toJobCategory, createdAt: employmentEvents.createdAt })
			.from(employmentEvents)
			.innerJoin(employments, eq(employments.id, employmentEvents.employmentId))
			.where(eq(employments.personId, scope.personId))
			.orderBy(asc(employmentEvents.id)),
	])
	const facts = wholeArchiveFacts(jobs.map((j) => ({ ...j, events: events.filter((e) => e.employmentId === j.id) })))
	return personRetention(await retentionRules(), { ...facts, lastRecordOn: lastRecordDates(archive, events) })
}
