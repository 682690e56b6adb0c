// Corrections of the 学时 ledger. Credited time is never edited or deleted (the database
// refuses); an admin who finds time that should not count — a lesson left running, time
// credited to the wrong person — appends a correction: negative seconds against one lesson in
// one year, with who made it and why, in the ledger and in the audit log. Coverage is
// recomputed from the facts in the same transaction.
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm'
import { refreshPeopleIn } from '#app/coverage/coverage.server.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { courses, learningCredits, lessons, people, users } from '#db/schema/index.ts'

type Scope = { enterpriseId: number; personId: number }

const yearWindow = (year: number) => and(gte(learningCredits.day, `${year}-01-01`), lt(learningCredits.day, `${year + 1}-01-01`))

/** Lessons with time still credited at the enterprise in a year: what a correction can reduce. */
export async function correctableLessons(scope: Scope, year: number) {
	const rows = await db
		.select({
			lessonId: learningCredits.lessonId,
			course: courses.title,
			lesson: lessons.title,
			seconds: sql<number>`sum(${learningCredits.seconds})::int`,
		})
		.from(learningCredits)
		.innerJoin(lessons, eq(lessons.id, learningCredits.lessonId))
		.innerJoin(courses, eq(courses.id, lessons.courseId))
		.where(and(eq(learningCredits.personId, scope.personId), eq(learningCredits.enterpriseId, scope.enterpriseId), yearWindow(year)))
		.groupBy(learningCredits.lessonId, courses.title, lessons.title, courses.position, lessons.position)
		.orderBy(courses.position, lessons.position)
	return rows.filter((r) => r.seconds >= 60)
}

export type CorrectionInput = { year: number; lessonId: number; minutes: number; reason: string }
export type CorrectionResult = { ok: true } | { ok: false; field: 'lessonId' | 'minutes' | 'reason'; message: string }

/**
 * Take `minutes` of credited time off a lesson in a year, as a new ledger row dated on the last
 * day the lesson was credited that year (so per-day and per-year sums both fall). Refused with
 * the field and the reason when the lesson has less time than that left.
 */
export async function correctCredits(actor: { userId: number }, scope: Scope, input: CorrectionInput): Promise<CorrectionResult> {
	const reason = input.reason.trim()
	if (reason.length < 4) return { ok: false, field: 'reason', message: '请写明更正理由（至少 4 个字）' }
	if (!Number.isInteger(input.minutes) || input.minutes < 1) return { ok: false, field: 'minutes', message: '冲减分钟数应为正整数' }
	return db.transaction(async (tx) => {
		// One correction of a person at a time, so two cannot both take the same minutes.
		await tx.select({ id: people.id }).from(people).where(eq(people.id, scope.personId)).for('update')
		const [credited] = await tx
			.select({
				seconds: sql<number>`coalesce(sum(${learningCredits.seconds}), 0)::int`,
				lastDay: sql<string | null>`max(${learningCredits.day})`,
				versionId: sql<number | null>`(array_agg(${learningCredits.lessonVersionId} order by ${learningCredits.id} desc))[1]`,
			})
			.from(learningCredits)
			.where(and(eq(learningCredits.personId, scope.personId), eq(learningCredits.enterpriseId, scope.enterpriseId), eq(learningCredits.lessonId, input.lessonId), yearWindow(input.year)))
		if (!credited?.lastDay || !credited.versionId || credited.seconds <= 0) return { ok: false as const, field: 'lessonId' as const, message: `该课时在${input.year}年没有可更正的学习时间` }
		const available = Math.floor(credited.seconds / 60)
		if (input.minutes > available) return { ok: false as const, field: 'minutes' as const, message: `冲减不能超过已计入的时间：该课时${input.year}年已计入 ${available} 分钟` }
		await tx.insert(learningCredits).values({
			personId: scope.personId,
			enterpriseId: scope.enterpriseId,
			lessonId: input.lessonId,
			lessonVersionId: credited.versionId,
			day: credited.lastDay,
			seconds: -input.minutes * 60,
			kind: 'correction',
			actorUserId: actor.userId,
			reason,
		})
		await audit(tx, {
			actorUserId: actor.userId,
			action: 'learning_credit.correct',
			entityType: 'person',
			entityId: scope.personId,
			enterpriseId: scope.enterpriseId,
			detail: { year: input.year, lessonId: input.lessonId, minutes: -input.minutes, reason },
		})
		await refreshPeopleIn(tx, [scope.personId], input.year)
		return { ok: true as const }
	})
}

/** The corrections on a person's record (at one enterprise when given), newest first. */
export async function creditCorrections(scope: { personId: number; enterpriseId?: number }) {
	return db
		.select({
			day: learningCredits.day,
			at: learningCredits.creditedAt,
			course: courses.title,
			lesson: lessons.title,
			seconds: learningCredits.seconds,
			reason: learningCredits.reason,
			actor: users.displayName,
		})
		.from(learningCredits)
		.innerJoin(lessons, eq(lessons.id, learningCredits.lessonId))
		.innerJoin(courses, eq(courses.id, lessons.courseId))
		.leftJoin(users, eq(users.id, learningCredits.actorUserId))
		.where(and(eq(learningCredits.personId, scope.personId), eq(learningCredits.kind, 'correction'), scope.enterpriseId === undefined ? undefined : eq(learningCredits.enterpriseId, scope.enterpriseId)))
		.orderBy(desc(learningCredits.id))
}
