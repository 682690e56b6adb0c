import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { practiceProgress, questionBanks, questions, questionVersions, wrongAnswers } from '#db/schema/index.ts'
import { type ExamPaper, questionPool } from './attempts.server.ts'
import { drawPaper } from './paper.ts'
import { gradeResponse, type QuestionContent, type Scoring } from './question.ts'
import { recordInWrongBook } from './wrong-book.server.ts'

export type PracticeMode = 'sequential' | 'random' | 'wrong'

/** The banks a learner can practise, with how far they are and their wrong-book size. */
export async function practiceBanks(personId: number) {
	const [banks, progress, book] = await Promise.all([
		db
			.select({ id: questionBanks.id, slug: questionBanks.slug, title: questionBanks.title, summary: questionBanks.summary, questions: count(questions.id) })
			.from(questionBanks)
			.innerJoin(questions, and(eq(questions.bankId, questionBanks.id), eq(questions.active, true)))
			.where(eq(questionBanks.active, true))
			.groupBy(questionBanks.id)
			.orderBy(asc(questionBanks.slug)),
		db.select({ bankId: practiceProgress.bankId, next: practiceProgress.nextPosition }).from(practiceProgress).where(eq(practiceProgress.personId, personId)),
		db
			.select({ n: count() })
			.from(wrongAnswers)
			.where(and(eq(wrongAnswers.personId, personId), eq(wrongAnswers.inBook, true))),
	])
	return {
		banks: banks.map((b) => ({ ...b, done: Math.min(b.questions, progress.find((p) => p.bankId === b.id)?.next ?? 0) })),
		wrongBook: book[0]?.n ?? 0,
	}
}

const questionColumns = {
	id: questions.id,
	bankSlug: questionBanks.slug,
	bankTitle: questionBanks.title,
	content: questionVersions.content,
}

function view(row: { id: number; bankSlug: string; bankTitle: string; content: Record<string, unknown> }) {
	const q = row.content as unknown as QuestionContent
	return { id: row.id, bankSlug: row.bankSlug, bankTitle: row.bankTitle, type: q.type, stem: q.stem, options: q.options, topic: q.topic }
}

/**
 * The next question for a mode: 顺序 resumes at the saved position (wrapping at the end), 随机
 * picks any active question, 错题本 walks the book in a stable order.
 */
export async function nextPracticeQuestion(personId: number, mode: PracticeMode, bankSlug: string | null, skip = 0) {
	if (mode === 'wrong') {
		const [row] = await db
			.select(questionColumns)
			.from(wrongAnswers)
			.innerJoin(questions, eq(questions.id, wrongAnswers.questionId))
			.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
			.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
			.where(and(eq(wrongAnswers.personId, personId), eq(wrongAnswers.inBook, true), eq(questions.active, true)))
			.orderBy(asc(questions.id))
			.offset(skip)
			.limit(1)
		return row ? { ...view(row), number: skip + 1 } : null
	}
	const [bank] = await db.select({ id: questionBanks.id }).from(questionBanks).where(and(eq(questionBanks.slug, bankSlug ?? ''), eq(questionBanks.active, true)))
	if (!bank) return null
	const [{ total } = { total: 0 }] = await db
		.select({ total: count() })
		.from(questions)
		.where(and(eq(questions.bankId, bank.id), eq(questions.active, true)))
	if (total === 0) return null
	let index: number
	if (mode === 'sequential') {
		const [p] = await db.select({ next: practiceProgress.nextPosition }).from(practiceProgress).where(and(eq(practiceProgress.personId, personId), eq(practiceProgress.bankId, bank.id)))
		index = (p?.next ?? 0) % total
	} else {
		index = Math.floor(Math.random() * total)
	}
	const [row] = await db
		.select(questionColumns)
		.from(questions)
		.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(and(eq(questions.bankId, bank.id), eq(questions.active, true)))
		.orderBy(asc(questions.position), asc(questions.id))
		.offset(index)
		.limit(1)
	return row ? { ...view(row), number: index + 1, total } : null
}

/**
 * Check a practice answer (authored option indices): the feedback, the wrong-answer book and,
 * in 顺序练习, the saved position move on. Practice is never a result.
 */
export async function answerPractice(personId: number, input: { questionId: number; chosen: number[]; mode: PracticeMode }, now = new Date()) {
	const [row] = await db
		.select({ ...questionColumns, bankId: questions.bankId })
		.from(questions)
		.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(and(eq(questions.id, input.questionId), eq(questions.active, true)))
	if (!row) return null
	const q = row.content as unknown as QuestionContent
	const chosen = [...new Set(input.chosen)].filter((i) => i >= 0 && i < q.options.length)
	const { correct } = gradeResponse(q, chosen, 1)
	await db.transaction(async (tx) => {
		await recordInWrongBook(tx, personId, [{ questionId: row.id, correct }], now)
		if (input.mode === 'sequential') {
			await tx
				.insert(practiceProgress)
				.values({ personId, bankId: row.bankId, nextPosition: 1, updatedAt: now })
				.onConflictDoUpdate({ target: [practiceProgress.personId, practiceProgress.bankId], set: { nextPosition: sql`${practiceProgress.nextPosition} + 1`, updatedAt: now } })
		}
	})
	return { ...view(row), chosen, answer: q.answer, correct, explanation: q.explanation, source: q.source }
}

/**
 * 模拟考试: an exam's paper drawn from a seed, graded on the spot, never recorded as a result
 * (wrong answers still go to the book). The same seed redraws the same paper for grading.
 */
export async function mockPaper(exam: { paper: Record<string, unknown> }, seed: string) {
	const paper = exam.paper as unknown as ExamPaper
	const drawn = drawPaper(await questionPool(paper.banks), paper, seed)
	if (!drawn.ok) return null
	const rows = await db
		.select({ id: questions.id, content: questionVersions.content })
		.from(questions)
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(inArray(questions.id, drawn.questions.map((q) => q.questionId)))
	const byId = new Map(rows.map((r) => [r.id, r.content as unknown as QuestionContent]))
	return drawn.questions.map((q, position) => {
		const content = byId.get(q.questionId)!
		return { position, questionId: q.questionId, points: q.points, optionOrder: q.optionOrder, content }
	})
}

export async function gradeMock(personId: number, exam: { paper: Record<string, unknown>; scoring: string; passMark: number }, seed: string, chosenByPosition: Map<number, number[]>, now = new Date()) {
	const items = await mockPaper(exam, seed)
	if (!items) return null
	let score = 0
	let max = 0
	const review = items.map((item) => {
		const chosen = (chosenByPosition.get(item.position) ?? []).map((d) => item.optionOrder[d]!).filter((i) => i !== undefined)
		const graded = gradeResponse(item.content, chosen, item.points, exam.scoring as Scoring)
		score += graded.points
		max += item.points
		return {
			position: item.position,
			questionId: item.questionId,
			type: item.content.type,
			stem: item.content.stem,
			options: item.optionOrder.map((authored) => ({ text: item.content.options[authored]!, correct: item.content.answer.includes(authored), chosen: chosen.includes(authored) })),
			earned: graded.points,
			points: item.points,
			correct: graded.correct,
			answered: chosen.length > 0,
			explanation: item.content.explanation,
		}
	})
	await recordInWrongBook(db, personId, review.filter((r) => r.answered).map((r) => ({ questionId: r.questionId, correct: r.correct })), now)
	score = Math.round(score * 100) / 100
	return { score, max, passed: max > 0 && (score / max) * 100 + 1e-9 >= exam.passMark, review }
}
