// Declaring an exam result void (成绩作废). A finished attempt is never edited: its paper, score
// and pass stay as they were. When an admin finds it should not count — sat by someone else,
// cheating found on review of a 走过场 flag — they annul it once, with the reason; from then
// on it counts as passed nowhere (coverage, plans, classes, statistics), the certificate it
// issued is revoked, and the archive shows both the result and its annulment. The database
// allows this one change to a finished attempt and no other.
import { and, desc, eq, isNotNull, isNull, or } from 'drizzle-orm'
import { refreshPeopleIn } from '#app/coverage/coverage.server.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { attempts, certificates, exams, people, users } from '#db/schema/index.ts'

type Scope = { enterpriseId: number; personId: number }

/**
 * The attempts an enterprise answers for: its own exams, whoever recorded the sitting, and the
 * platform's or a region's exams sat while the person worked there. Never another enterprise's
 * own exam, even when the person works at both.
 */
const answersFor = (scope: Scope) =>
	and(
		eq(attempts.personId, scope.personId),
		isNotNull(attempts.finishedAt),
		or(eq(exams.enterpriseId, scope.enterpriseId), and(isNull(exams.enterpriseId), eq(attempts.enterpriseId, scope.enterpriseId))),
	)

/** The finished attempts of a person at an enterprise, newest first, with any annulment. */
export async function finishedAttemptsOf(scope: Scope) {
	return db
		.select({
			id: attempts.id,
			exam: exams.title,
			number: attempts.number,
			finishedAt: attempts.finishedAt,
			score: attempts.score,
			maxScore: attempts.maxScore,
			passed: attempts.passed,
			annulledAt: attempts.annulledAt,
			annulReason: attempts.annulReason,
			annulledBy: users.displayName,
		})
		.from(attempts)
		.innerJoin(exams, eq(exams.id, attempts.examId))
		.leftJoin(users, eq(users.id, attempts.annulledBy))
		.where(answersFor(scope))
		.orderBy(desc(attempts.finishedAt))
}

export type AnnulResult = { ok: true; certificate: string | null } | { ok: false; field: 'attempt' | 'reason'; message: string }

/**
 * Annul one passed attempt of the person that the enterprise answers for. Refused, naming the
 * field, when the reason is too short, the attempt is not one of those, not finished, not a pass
 * (a failed result counts for nothing already; voiding it would only hand out another sitting),
 * or already void.
 */
export async function annulAttempt(actor: { userId: number }, scope: Scope, input: { attemptId: number; reason: string }): Promise<AnnulResult> {
	const reason = input.reason.trim()
	if (reason.length < 4) return { ok: false, field: 'reason', message: '请写明作废理由（至少 4 个字）' }
	if (reason.length > 200) return { ok: false, field: 'reason', message: '作废理由不能超过200个字' }
	return db.transaction(async (tx) => {
		// One change to a person's record at a time (as 更正学时): the coverage recomputed below
		// cannot interleave with another annulment or correction of theirs.
		await tx.select({ id: people.id }).from(people).where(eq(people.id, scope.personId)).for('update')
		const [attempt] = await tx
			.select({ id: attempts.id, examId: attempts.examId, number: attempts.number, finishedAt: attempts.finishedAt, score: attempts.score, passed: attempts.passed, annulledAt: attempts.annulledAt })
			.from(attempts)
			.innerJoin(exams, eq(exams.id, attempts.examId))
			.where(and(eq(attempts.id, input.attemptId), answersFor(scope)))
			.for('update', { of: attempts })
		if (!attempt) return { ok: false as const, field: 'attempt' as const, message: '找不到该考试成绩，或它不是本单位的考试记录' }
		if (!attempt.passed) return { ok: false as const, field: 'attempt' as const, message: '只有合格的成绩需要作废：不合格的成绩本就不计为合格' }
		if (attempt.annulledAt) return { ok: false as const, field: 'attempt' as const, message: `该次成绩已于 ${formatDateTime(attempt.annulledAt)} 作废` }
		await tx.update(attempts).set({ annulledAt: new Date(), annulledBy: actor.userId, annulReason: reason }).where(eq(attempts.id, attempt.id))
		const revoked = await tx
			.update(certificates)
			.set({ revokedAt: new Date() })
			.where(and(eq(certificates.attemptId, attempt.id), isNull(certificates.revokedAt)))
			.returning({ number: certificates.number })
		await audit(tx, {
			actorUserId: actor.userId,
			action: 'attempt.annul',
			entityType: 'attempt',
			entityId: attempt.id,
			enterpriseId: scope.enterpriseId,
			detail: { personId: scope.personId, examId: attempt.examId, number: attempt.number, score: attempt.score, passed: attempt.passed, reason, certificate: revoked[0]?.number ?? null },
		})
		// The year the result counted in (Asia/Shanghai) loses it, and this year's plans, which
		// accept a pass of any year, may no longer be done.
		const years = new Set([Number(todayInShanghai(attempt.finishedAt!).slice(0, 4)), Number(todayInShanghai().slice(0, 4))])
		for (const year of years) await refreshPeopleIn(tx, [scope.personId], year)
		return { ok: true as const, certificate: revoked[0]?.number ?? null }
	})
}
