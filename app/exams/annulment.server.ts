// Declaring an exam result void (成绩作废). A finished attempt is never edited: its paper, score
// and pass stay as they were. When an admin finds it should not count — sat by someone else,
// cheating found on review of a 走过场 flag — they annul it once, with the reason; from then
// on it counts as passed nowhere (coverage, plans, classes, statistics), the certificate it
// issued is revoked, and the archive shows both the result and its annulment. The database
// allows this one change to a finished attempt and no other.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import { refreshPeopleIn } from '#app/coverage/coverage.server.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { attempts, certificates, exams, users } from '#db/schema/index.ts'

type Scope = { enterpriseId: number; personId: number }

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
		.where(and(eq(attempts.personId, scope.personId), eq(attempts.enterpriseId, scope.enterpriseId), isNotNull(attempts.finishedAt)))
		.orderBy(desc(attempts.finishedAt))
}

export type AnnulResult = { ok: true; certificate: string | null } | { ok: false; field: 'attempt' | 'reason'; message: string }

/**
 * Annul one finished attempt of the person at the enterprise. Refused, naming the field, when
 * the reason is too short, the attempt is not theirs there, not finished, or already void.
 */
export async function annulAttempt(actor: { userId: number }, scope: Scope, input: { attemptId: number; reason: string }): Promise<AnnulResult> {
	const reason = input.reason.trim()
	if (reason.length < 4) return { ok: false, field: 'reason', message: '请写明作废理由（至少 4 个字）' }
	if (reason.length > 200) return { ok: false, field: 'reason', message: '作废理由不能超过200个字' }
	return db.transaction(async (tx) => {
		const [attempt] = await tx
			.select({ id: attempts.id, examId: attempts.examId, number: attempts.number, finishedAt: attempts.finishedAt, score: attempts.score, passed: attempts.passed, annulledAt: attempts.annulledAt })
			.from(attempts)
			.where(and(eq(attempts.id, input.attemptId), eq(attempts.personId, scope.personId), eq(attempts.enterpriseId, scope.enterpriseId)))
			.for('update')
		if (!attempt) return { ok: false as const, field: 'attempt' as const, message: '找不到该考试记录，或它不属于本单位' }
		if (!attempt.finishedAt) return { ok: false as const, field: 'attempt' as const, message: '该次考试尚未交卷，不能作废' }
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
		// The year the result counted in (Asia/Shanghai) loses it.
		await refreshPeopleIn(tx, [scope.personId], Number(todayInShanghai(attempt.finishedAt).slice(0, 4)))
		return { ok: true as const, certificate: revoked[0]?.number ?? null }
	})
}
