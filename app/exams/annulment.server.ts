// Declaring an exam result void (成绩作废). A finished attempt is never edited: its paper, score
// and pass stay as they were. When whoever answers for the result finds it should not count —
// sat by someone else, cheating found on review of a 走过场 flag — they annul it once, with the
// reason; from then on it counts as passed nowhere (coverage, plans, classes, statistics), the
// certificate it issued is revoked, and the archive shows both the result and its annulment. The
// database allows this one change to a finished attempt and no other.
//
// Who answers for a result is the scope: an enterprise admin for a person's results at their
// enterprise (the person page), a class's organiser — a regulator over the class's region — for
// the cadres' results in the class's final assessment (the class page). One implementation, two
// predicates.
import { and, desc, eq, inArray, isNotNull, isNull, like, or, type SQL } from 'drizzle-orm'
import { refreshPeopleIn } from '#app/coverage/coverage.server.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db, type Tx } from '#app/utils/db.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { attempts, certificates, classSessions, exams, people, trainingClasses, users } from '#db/schema/index.ts'
import { AnnulReason } from './annulment.ts'

/**
 * Whose results: one person's at an enterprise, or the final assessment of a class held in a
 * region's subtree (every cadre who sat it).
 */
export type ResultScope = { enterpriseId: number; personId: number } | { regionPath: string; classId: number }

type ScopeRule = {
	/** The finished attempts the scope answers for (over `attempts` joined to `exams`). */
	where: SQL
	/** Why an attempt outside it is refused. */
	outside: string
	/** The audit entry's enterprise and what it adds to the detail. */
	enterpriseId: number | null
	detail: Record<string, unknown>
}

function ruleOf(scope: ResultScope): ScopeRule {
	if ('classId' in scope) {
		// The exams of the class's assessment sessions (withdrawn ones too: their results stay on
		// record), and only while the class lies in the organiser's region.
		const classExams = db
			.select({ id: classSessions.examId })
			.from(classSessions)
			.innerJoin(trainingClasses, eq(trainingClasses.id, classSessions.classId))
			.where(and(eq(classSessions.classId, scope.classId), eq(classSessions.kind, 'assessment'), like(trainingClasses.regionPath, `${likeEscape(scope.regionPath)}%`)))
		return {
			where: and(isNotNull(attempts.finishedAt), inArray(attempts.examId, classExams))!,
			outside: '找不到该考试成绩，或它不是本班结业考核的成绩',
			enterpriseId: null,
			detail: { classId: scope.classId },
		}
	}
	// An enterprise answers for its own exams, whoever recorded the sitting, and the platform's or
	// a region's exams sat while the person worked there. Never another enterprise's own exam,
	// even when the person works at both.
	return {
		where: and(
			eq(attempts.personId, scope.personId),
			isNotNull(attempts.finishedAt),
			or(eq(exams.enterpriseId, scope.enterpriseId), and(isNull(exams.enterpriseId), eq(attempts.enterpriseId, scope.enterpriseId))),
		)!,
		outside: '找不到该考试成绩，或它不是本单位的考试记录',
		enterpriseId: scope.enterpriseId,
		detail: {},
	}
}

/** The finished attempts the scope answers for, newest first, with who sat them and any annulment. */
export async function finishedAttemptsOf(scope: ResultScope) {
	return db
		.select({
			id: attempts.id,
			person: people.name,
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
		.innerJoin(people, eq(people.id, attempts.personId))
		.leftJoin(users, eq(users.id, attempts.annulledBy))
		.where(ruleOf(scope).where)
		.orderBy(desc(attempts.finishedAt), desc(attempts.id))
}

export type AnnulResult = { ok: true; certificate: string | null } | { ok: false; field: 'attempt' | 'reason'; message: string }

/**
 * Annul one passed attempt the scope answers for. Refused, naming the field, when the reason is
 * too short, the attempt is not one of those, not finished, not a pass (a failed result counts
 * for nothing already; voiding it would only hand out another sitting), or already void. The
 * annulment, the certificate's revocation, the audit entry and the person's coverage are one
 * transaction: all or nothing.
 */
export async function annulAttempt(actor: { userId: number }, scope: ResultScope, input: { attemptId: number; reason: string }): Promise<AnnulResult> {
	const reasonChecked = AnnulReason.safeParse(input.reason)
	if (!reasonChecked.success) return { ok: false, field: 'reason', message: reasonChecked.error.issues[0]!.message }
	const reason = reasonChecked.data
	const rule = ruleOf(scope)
	const refused = (message: string) => ({ ok: false as const, field: 'attempt' as const, message })
	const inScope = (tx: Tx) =>
		tx
			.select({ id: attempts.id, personId: attempts.personId, examId: attempts.examId, number: attempts.number, finishedAt: attempts.finishedAt, score: attempts.score, passed: attempts.passed, annulledAt: attempts.annulledAt })
			.from(attempts)
			.innerJoin(exams, eq(exams.id, attempts.examId))
			.where(and(eq(attempts.id, input.attemptId), rule.where))
	return db.transaction(async (tx) => {
		// Whose result it is decides the lock; the scope's own check comes again under it.
		const [found] = await inScope(tx)
		if (!found) return refused(rule.outside)
		// One change to a person's record at a time (as 更正学时): the coverage recomputed below
		// cannot interleave with another annulment or correction of theirs.
		await tx.select({ id: people.id }).from(people).where(eq(people.id, found.personId)).for('update')
		const [attempt] = await inScope(tx).for('update', { of: attempts })
		if (!attempt) return refused(rule.outside)
		if (!attempt.passed) return refused('只有合格的成绩需要作废：不合格的成绩本就不计为合格')
		if (attempt.annulledAt) return refused(`该次成绩已于 ${formatDateTime(attempt.annulledAt)} 作废`)
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
			enterpriseId: rule.enterpriseId,
			detail: { personId: attempt.personId, examId: attempt.examId, number: attempt.number, score: attempt.score, passed: attempt.passed, reason, certificate: revoked[0]?.number ?? null, ...rule.detail },
		})
		// The year the result counted in (Asia/Shanghai) loses it, and this year's plans, which
		// accept a pass of any year, may no longer be done.
		const years = new Set([Number(todayInShanghai(attempt.finishedAt!).slice(0, 4)), Number(todayInShanghai().slice(0, 4))])
		for (const year of years) await refreshPeopleIn(tx, [attempt.personId], year)
		return { ok: true as const, certificate: revoked[0]?.number ?? null }
	})
}
