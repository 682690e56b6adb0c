import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { attemptAnswers, attemptQuestions, attempts, employments, enterprises, exams, questionVersions } from '#db/schema/index.ts'
import { type ExamAudience, inAudience } from './audience.ts'
import { classIdsOf, jobsOf } from './audience.server.ts'
import { finishOverdueAttempts } from './attempts.server.ts'
import { type QuestionContent } from './question.ts'

const examColumns = {
	id: exams.id,
	title: exams.title,
	enterpriseId: exams.enterpriseId,
	audience: exams.audience,
	paper: exams.paper,
	timeLimitMinutes: exams.timeLimitMinutes,
	passMark: exams.passMark,
	attemptsAllowed: exams.attemptsAllowed,
	opensAt: exams.opensAt,
	closesAt: exams.closesAt,
	review: exams.review,
	scoring: exams.scoring,
}

/** Published exams this person may sit, with their own attempts (newest first). */
export async function examsFor(personId: number) {
	await finishOverdueAttempts(new Date(), { personId })
	const [jobs, classIds, published] = await Promise.all([jobsOf(personId), classIdsOf(personId), db.select(examColumns).from(exams).where(eq(exams.status, 'published')).orderBy(desc(exams.id))])
	const mine = published.filter((e) => inAudience({ enterpriseId: e.enterpriseId, audience: e.audience as ExamAudience }, jobs, classIds))
	const tries = mine.length
		? await db
				.select({ id: attempts.id, examId: attempts.examId, number: attempts.number, finishedAt: attempts.finishedAt, score: attempts.score, maxScore: attempts.maxScore, passed: attempts.passed, deadlineAt: attempts.deadlineAt, annulledAt: attempts.annulledAt, annulReason: attempts.annulReason })
				.from(attempts)
				.where(and(eq(attempts.personId, personId), inArray(attempts.examId, mine.map((e) => e.id))))
				.orderBy(desc(attempts.number))
		: []
	return mine.map((e) => ({ ...e, attempts: tries.filter((t) => t.examId === e.id) }))
}

/** One exam for this person, or null when it is not theirs to sit. */
export async function examFor(personId: number, examId: number) {
	const list = await examsFor(personId)
	return list.find((e) => e.id === examId) ?? null
}

/** Whether the answers of a finished attempt may be shown now. */
export function reviewAllowed(exam: { review: string; closesAt: Date | null }, now = new Date()) {
	if (exam.review === 'after_submit') return true
	if (exam.review === 'after_close') return exam.closesAt !== null && now >= exam.closesAt
	return false
}

/** A finished attempt's result and, when the exam allows, the review of every question. */
export async function attemptResult(scope: { personId: number }, attemptId: number, now = new Date()) {
	const [row] = await db
		.select({
			id: attempts.id,
			examId: attempts.examId,
			title: exams.title,
			finishedAt: attempts.finishedAt,
			finishedBy: attempts.finishedBy,
			score: attempts.score,
			maxScore: attempts.maxScore,
			passed: attempts.passed,
			annulledAt: attempts.annulledAt,
			annulReason: attempts.annulReason,
			passMark: exams.passMark,
			review: exams.review,
			closesAt: exams.closesAt,
		})
		.from(attempts)
		.innerJoin(exams, eq(exams.id, attempts.examId))
		.where(and(eq(attempts.id, attemptId), eq(attempts.personId, scope.personId)))
	if (!row || !row.finishedAt) return row ? { ...row, items: null } : null
	if (!reviewAllowed(row, now)) return { ...row, items: null }
	const items = await db
		.select({
			position: attemptQuestions.position,
			points: attemptQuestions.points,
			earned: attemptQuestions.earned,
			correct: attemptQuestions.correct,
			optionOrder: attemptQuestions.optionOrder,
			content: questionVersions.content,
			chosen: attemptAnswers.chosen,
		})
		.from(attemptQuestions)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
		.leftJoin(attemptAnswers, and(eq(attemptAnswers.attemptId, attemptQuestions.attemptId), eq(attemptAnswers.position, attemptQuestions.position)))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.orderBy(asc(attemptQuestions.position))
	return {
		...row,
		items: items.map((i) => {
			const q = i.content as unknown as QuestionContent
			return {
				position: i.position,
				type: q.type,
				stem: q.stem,
				options: i.optionOrder.map((authored) => ({ text: q.options[authored]!, correct: q.answer.includes(authored), chosen: (i.chosen ?? []).includes(authored) })),
				points: i.points,
				earned: i.earned ?? 0,
				correct: i.correct ?? false,
				explanation: q.explanation,
				source: q.source,
			}
		}),
	}
}
