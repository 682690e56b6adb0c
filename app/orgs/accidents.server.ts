import { and, desc, eq, isNull } from 'drizzle-orm'
import { refreshCoverageFor } from '#app/coverage/coverage.server.ts'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { employments, enterpriseAccidents } from '#db/schema/index.ts'
import { type AccidentInput } from './accidents.ts'
import { audit } from './audit.server.ts'

type Scope = { enterpriseId: number; actorUserId: number }

/**
 * Record an accident with deaths at the enterprise (audited). The managers employed on that day
 * then owe the re-training of 令第44号; their coverage is recomputed for the accident's year.
 */
export async function recordFatalAccident(scope: Scope, input: AccidentInput) {
	if (input.occurredOn > todayInShanghai()) return { ok: false as const, message: '事故发生日期不能晚于今天' }
	await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(enterpriseAccidents)
			.values({ enterpriseId: scope.enterpriseId, occurredOn: input.occurredOn, deaths: input.deaths, summary: input.summary, recordedBy: scope.actorUserId })
			.returning({ id: enterpriseAccidents.id })
		await audit(tx, { actorUserId: scope.actorUserId, action: 'enterprise.fatal_accident', entityType: 'enterprise_accident', entityId: row!.id, enterpriseId: scope.enterpriseId, detail: input })
	})
	const staff = await db.selectDistinct({ personId: employments.personId }).from(employments).where(eq(employments.enterpriseId, scope.enterpriseId))
	await refreshCoverageFor(
		staff.map((s) => s.personId),
		Number(input.occurredOn.slice(0, 4)),
	)
	return { ok: true as const }
}

export async function listAccidents(scope: { enterpriseId: number }) {
	return db
		.select({ id: enterpriseAccidents.id, occurredOn: enterpriseAccidents.occurredOn, deaths: enterpriseAccidents.deaths, summary: enterpriseAccidents.summary })
		.from(enterpriseAccidents)
		.where(and(eq(enterpriseAccidents.enterpriseId, scope.enterpriseId), isNull(enterpriseAccidents.withdrawnAt)))
		.orderBy(desc(enterpriseAccidents.occurredOn))
}
