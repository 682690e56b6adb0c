import { createHash, randomBytes } from 'node:crypto'
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm'
import { db, preparedStatement } from '#app/utils/db.server.ts'
import { ANSWER_GRACE_SECONDS, type AnswerRefusal, type AnswerTarget, answerToStore, secondsToStore } from './answer.ts'
import { attemptAnswers, attemptQuestions, attempts, drawInputs, exams, questionBanks, questions, questionVersions } from '#db/schema/index.ts'
import { drawPaper, maxScore, type PaperSpec, type PoolItem, describeShortfall } from './paper.ts'
import { gradeResponse, type QuestionContent, type Scoring } from './question.ts'
import { recordExamPassed } from '#app/coverage/coverage.server.ts'
import { attemptsLeft } from './audience.ts'
import { audienceCheck } from './audience.server.ts'
import { issueCertificate } from './certificates.server.ts'
import { plausibleReadingSeconds } from './wrong-book.ts'
import { recordInWrongBook } from './wrong-book.server.ts'

export type ExamRow = typeof exams.$inferSelect

/** The pool a paper is drawn from: active questions of the named banks. */
export async function questionPool(bankSlugs: string[]): Promise<PoolItem[]> {
	if (bankSlugs.length === 0) return []
	const rows = await db
		.select({
			id: questions.id,
			bank: questionBanks.slug,
			type: questions.type,
			difficulty: questions.difficulty,
			topic: questions.topic,
			caseSlug: questions.caseSlug,
			jobs: questions.jobs,
			optionCount: sql<number>`jsonb_array_length(${questionVersions.content}->'options')`,
		})
		.from(questions)
		.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(and(inArray(questionBanks.slug, bankSlugs), eq(questions.active, true), eq(questionBanks.active, true)))
	return rows as PoolItem[]
}

export type ExamPaper = PaperSpec & { banks: string[] }

function paperOf(exam: Pick<ExamRow, 'paper'>) {
	return exam.paper as unknown as ExamPaper
}

/** Why an exam cannot be published (empty when it can): each rule the banks cannot meet. */
export async function publishProblems(exam: Pick<ExamRow, 'paper'>) {
	const paper = paperOf(exam)
	const pool = await questionPool(paper.banks)
	const result = drawPaper(pool, paper, 'publish-check')
	return result.ok ? [] : result.shortfalls.map(describeShortfall)
}

/** The draw's inputs besides the seed, in a canonical form, and their SHA-256. */
function drawInputsOf(paper: ExamPaper, pool: readonly PoolItem[]) {
	const canonicalPool = [...pool]
		.sort((a, b) => a.id - b.id)
		.map((q) => ({ id: q.id, bank: q.bank, type: q.type, difficulty: q.difficulty, topic: q.topic, caseSlug: q.caseSlug, jobs: q.jobs, optionCount: Number(q.optionCount) }))
	const hash = createHash('sha256').update(JSON.stringify({ paper, pool: canonicalPool })).digest('hex')
	return { hash, paper: paper as unknown as Record<string, unknown>, pool: canonicalPool }
}

export type DrawCheck =
	| { status: 'same'; questions: number }
	| { status: 'different'; differences: string[] }
	| { status: 'unrecorded' }

/**
 * Draw an attempt's paper again from what it recorded (seed, paper, pool, avoided questions)
 * and compare it with the paper the learner was shown: question, points and option order at
 * every position. For audits: a paper that does not come out the same was not the engine's.
 */
export async function checkDraw(attemptId: number): Promise<DrawCheck | null> {
	const [row] = await db
		.select({ seed: attempts.seed, avoid: attempts.drawAvoid, paper: drawInputs.paper, pool: drawInputs.pool })
		.from(attempts)
		.leftJoin(drawInputs, eq(drawInputs.hash, attempts.drawHash))
		.where(eq(attempts.id, attemptId))
	if (!row) return null
	if (!row.paper || !row.pool) return { status: 'unrecorded' }
	const shown = await db
		.select({ position: attemptQuestions.position, questionId: attemptQuestions.questionId, points: attemptQuestions.points, optionOrder: attemptQuestions.optionOrder })
		.from(attemptQuestions)
		.where(eq(attemptQuestions.attemptId, attemptId))
		.orderBy(asc(attemptQuestions.position))
	const redrawn = drawPaper(row.pool as PoolItem[], row.paper as unknown as PaperSpec, row.seed, new Set(row.avoid ?? []))
	if (!redrawn.ok) return { status: 'different', differences: ['按记录的题库和规则重新抽题时无法组卷'] }
	const differences: string[] = []
	if (redrawn.questions.length !== shown.length) differences.push(`题目数量不同：记录 ${shown.length} 题，重新抽题 ${redrawn.questions.length} 题`)
	shown.forEach((q, i) => {
		const again = redrawn.questions[i]
		if (!again) return
		if (again.questionId !== q.questionId) differences.push(`第 ${i + 1} 题：记录为题目 ${q.questionId}，重新抽题为题目 ${again.questionId}`)
		else if (again.points !== q.points) differences.push(`第 ${i + 1} 题：分值不同（${q.points} / ${again.points}）`)
		else if (again.optionOrder.join(',') !== q.optionOrder.join(',')) differences.push(`第 ${i + 1} 题：选项顺序不同`)
	})
	return differences.length === 0 ? { status: 'same', questions: shown.length } : { status: 'different', differences }
}

/** Every attempt of an exam drawn again (an audit run; one attempt at a time). */
export async function checkExamDraws(examId: number) {
	const [exam] = await db.select({ id: exams.id }).from(exams).where(eq(exams.id, examId))
	if (!exam) return null
	const rows = await db.select({ id: attempts.id }).from(attempts).where(eq(attempts.examId, examId)).orderBy(asc(attempts.id))
	const summary = { same: 0, unrecorded: 0, different: [] as { attemptId: number; differences: string[] }[] }
	for (const { id } of rows) {
		const check = await checkDraw(id)
		if (check?.status === 'same') summary.same++
		else if (check?.status === 'unrecorded') summary.unrecorded++
		else if (check?.status === 'different') summary.different.push({ attemptId: id, differences: check.differences })
	}
	return summary
}

export type StartResult = { ok: true; attemptId: number; resumed: boolean } | { ok: false; message: string }

/**
 * Start (or resume) a person's attempt. An unfinished attempt within its deadline is resumed,
 * so a double click or a second device never opens two papers. The draw is seeded and the seed
 * kept; the previous attempt's questions are avoided while the banks allow.
 */
export async function startAttempt(scope: { personId: number }, examId: number, meta: { ip: string | null; userAgent: string | null; deviceId?: string | null }, now = new Date()): Promise<StartResult> {
	await finishOverdueAttempts(now, { personId: scope.personId })
	const [exam] = await db.select().from(exams).where(eq(exams.id, examId))
	if (!exam || exam.status !== 'published') return { ok: false, message: '考试不存在或尚未发布' }
	// The route shows only the learner's own exams; the engine checks the audience again itself.
	const audience = await audienceCheck(scope.personId, exam)
	if (!audience.ok) return { ok: false, message: '这场考试不面向您，不能参加' }
	if (exam.opensAt && now < exam.opensAt) return { ok: false, message: '考试尚未开始' }
	if (exam.closesAt && now >= exam.closesAt) return { ok: false, message: '考试已经结束' }
	const previous = await db
		.select({ id: attempts.id, number: attempts.number, finishedAt: attempts.finishedAt, annulledAt: attempts.annulledAt })
		.from(attempts)
		.where(and(eq(attempts.examId, examId), eq(attempts.personId, scope.personId)))
		.orderBy(desc(attempts.number))
	const open = previous.find((a) => !a.finishedAt)
	if (open) return { ok: true, attemptId: open.id, resumed: true }
	// A sitting declared void (成绩作废) does not use up an attempt: the person sits again.
	if (attemptsLeft(exam.attemptsAllowed, previous) === 0) return { ok: false, message: `本场考试最多可考 ${exam.attemptsAllowed} 次，您已用完` }

	const paper = paperOf(exam)
	const last = previous[0]
	const avoid = new Set(
		last ? (await db.select({ id: attemptQuestions.questionId }).from(attemptQuestions).where(eq(attemptQuestions.attemptId, last.id))).map((r) => r.id) : [],
	)
	const number = (last?.number ?? 0) + 1
	const seed = `${examId}:${scope.personId}:${number}:${randomBytes(8).toString('hex')}`
	const pool = await questionPool(paper.banks)
	const inputs = drawInputsOf(paper, pool)
	const drawn = drawPaper(pool, paper, seed, avoid)
	if (!drawn.ok) return { ok: false, message: `题库题目不足，无法组卷：${drawn.shortfalls.map(describeShortfall).join('；')}` }
	const versions = await db
		.select({ id: questions.id, versionId: questions.versionId })
		.from(questions)
		.where(inArray(questions.id, drawn.questions.map((q) => q.questionId)))
	const versionOf = new Map(versions.map((v) => [v.id, v.versionId!]))
	let deadline = new Date(now.getTime() + exam.timeLimitMinutes * 60_000)
	if (exam.closesAt && exam.closesAt < deadline) deadline = exam.closesAt

	return db.transaction(async (tx) => {
		await tx.insert(drawInputs).values(inputs).onConflictDoNothing({ target: drawInputs.hash })
		const [row] = await tx
			.insert(attempts)
			.values({
				examId,
				personId: scope.personId,
				enterpriseId: audience.enterpriseId,
				number,
				seed,
				drawHash: inputs.hash,
				drawAvoid: [...avoid].sort((a, b) => a - b),
				startedAt: now,
				deadlineAt: deadline,
				maxScore: maxScore(paper),
				ip: meta.ip,
				userAgent: meta.userAgent?.slice(0, 300) ?? null,
				deviceId: meta.deviceId ?? null,
			})
			// Two starts at once: the second finds the first's row and resumes it.
			.onConflictDoNothing({ target: [attempts.examId, attempts.personId, attempts.number] })
			.returning({ id: attempts.id })
		if (!row) {
			const [existing] = await tx.select({ id: attempts.id }).from(attempts).where(and(eq(attempts.examId, examId), eq(attempts.personId, scope.personId), eq(attempts.number, number)))
			return { ok: true as const, attemptId: existing!.id, resumed: true }
		}
		await tx.insert(attemptQuestions).values(
			drawn.questions.map((q, position) => ({
				attemptId: row.id,
				position,
				questionId: q.questionId,
				questionVersionId: versionOf.get(q.questionId)!,
				optionOrder: q.optionOrder,
				points: q.points,
			})),
		)
		return { ok: true as const, attemptId: row.id, resumed: false }
	})
}

/** One question as the learner sees it during an attempt: no answer, no explanation. */
export type PaperItem = { position: number; type: QuestionContent['type']; stem: string; options: string[]; points: number; chosen: number[] }

/**
 * The paper of the person's own attempt, options in the attempt's order, with the answers the
 * server holds (as displayed indices). Never the correct answers.
 */
export async function attemptPaper(scope: { personId: number }, attemptId: number, now = new Date()) {
	const [attempt] = await db
		.select({ id: attempts.id, examId: attempts.examId, deadlineAt: attempts.deadlineAt, finishedAt: attempts.finishedAt, title: exams.title, maxScore: attempts.maxScore })
		.from(attempts)
		.innerJoin(exams, eq(exams.id, attempts.examId))
		.where(and(eq(attempts.id, attemptId), eq(attempts.personId, scope.personId)))
	if (!attempt) return null
	if (!attempt.finishedAt && now.getTime() > attempt.deadlineAt.getTime() + ANSWER_GRACE_SECONDS * 1000) {
		await finishAttempt(attempt.id, 'deadline', now)
		return { ...attempt, finishedAt: now, items: [], lastSeq: 0 }
	}
	const rows = await db
		.select({
			position: attemptQuestions.position,
			points: attemptQuestions.points,
			optionOrder: attemptQuestions.optionOrder,
			type: sql<QuestionContent['type']>`${questionVersions.content}->>'type'`,
			stem: sql<string>`${questionVersions.content}->>'stem'`,
			options: sql<string[]>`${questionVersions.content}->'options'`,
			chosen: attemptAnswers.chosen,
			seq: attemptAnswers.seq,
		})
		.from(attemptQuestions)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
		.leftJoin(attemptAnswers, and(eq(attemptAnswers.attemptId, attemptQuestions.attemptId), eq(attemptAnswers.position, attemptQuestions.position)))
		.where(eq(attemptQuestions.attemptId, attemptId))
		.orderBy(asc(attemptQuestions.position))
	const items: PaperItem[] = rows.map((r) => ({
		position: r.position,
		type: r.type,
		stem: r.stem,
		options: r.optionOrder.map((authored) => r.options[authored]!),
		points: r.points,
		chosen: (r.chosen ?? []).map((authored) => r.optionOrder.indexOf(authored)).sort((a, b) => a - b),
	}))
	return { ...attempt, items, lastSeq: Math.max(0, ...rows.map((r) => r.seq ?? 0)) }
}

export type SaveResult = { ok: true; saved: boolean } | AnswerRefusal

export type AnswerInput = { attemptId: number; position: number; chosen: number[]; seq: number; secondsSpent?: number }

// The two statements of every answer save, prepared once (docs/decisions/0006): the attempt
// and question it is for, read only for its owner, and the sequenced upsert.
const answerTargetStatement = preparedStatement((db) =>
	db
		.select({ deadlineAt: attempts.deadlineAt, finishedAt: attempts.finishedAt, optionOrder: attemptQuestions.optionOrder, type: sql<string>`${questionVersions.content}->>'type'` })
		.from(attempts)
		.innerJoin(attemptQuestions, and(eq(attemptQuestions.attemptId, attempts.id), eq(attemptQuestions.position, sql.placeholder('position'))))
		.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
		.where(and(eq(attempts.id, sql.placeholder('attemptId')), eq(attempts.personId, sql.placeholder('personId'))))
		.prepare('answer_target'),
)

const upsertAnswerStatement = preparedStatement((db) =>
	db
		.insert(attemptAnswers)
		.values({
			attemptId: sql.placeholder('attemptId'),
			position: sql.placeholder('position'),
			chosen: sql.placeholder('chosen'),
			seq: sql.placeholder('seq'),
			savedAt: sql.placeholder('savedAt'),
			secondsSpent: sql.placeholder('secondsSpent'),
		})
		.onConflictDoUpdate({
			target: [attemptAnswers.attemptId, attemptAnswers.position],
			set: { chosen: sql`excluded.chosen`, seq: sql`excluded.seq`, savedAt: sql`excluded.saved_at`, secondsSpent: sql`${attemptAnswers.secondsSpent} + excluded.seconds_spent` },
			setWhere: sql`${attemptAnswers.seq} < excluded.seq`,
		})
		.returning({ seq: attemptAnswers.seq })
		.prepare('answer_upsert'),
)

const focusLossStatement = preparedStatement((db) =>
	db
		.update(attempts)
		.set({ focusLosses: sql`${attempts.focusLosses} + 1` })
		.where(and(eq(attempts.id, sql.placeholder('attemptId')), eq(attempts.personId, sql.placeholder('personId')), isNull(attempts.finishedAt)))
		.prepare('answer_focus_loss'),
)

/**
 * Store an answer for a target already read for its owner: one idempotent upsert that only
 * moves forward in `seq`, so a late duplicate never overwrites a newer choice.
 */
export async function storeAnswer(target: AnswerTarget | null, input: AnswerInput, now = new Date()): Promise<SaveResult> {
	const checked = answerToStore(target, input.chosen, now)
	if (!checked.ok) return checked
	const saved = await upsertAnswerStatement().execute({
		attemptId: input.attemptId,
		position: input.position,
		chosen: checked.chosen,
		seq: input.seq,
		savedAt: now,
		secondsSpent: secondsToStore(input.secondsSpent),
	})
	return { ok: true, saved: saved.length > 0 }
}

/** Save one answer of a person's attempt. `chosen` are displayed option indices. */
export async function saveAnswer(scope: { personId: number }, input: AnswerInput, now = new Date()): Promise<SaveResult> {
	const [target] = await answerTargetStatement().execute({ attemptId: input.attemptId, position: input.position, personId: scope.personId })
	return storeAnswer(target ?? null, input, now)
}

/** Record that the exam page lost focus (integrity signal; never a penalty by itself). */
export async function recordFocusLoss(scope: { personId: number }, attemptId: number) {
	await focusLossStatement().execute({ attemptId, personId: scope.personId })
}

/**
 * Finish and grade an attempt with the answers the server holds. Idempotent: the row is locked
 * and a finished attempt is returned as it is, so a double submit or the deadline sweep racing
 * the learner's own submit grade it once.
 */
export async function finishAttempt(attemptId: number, by: 'learner' | 'deadline', now = new Date()) {
	return db.transaction(async (tx) => {
		const [attempt] = await tx
			.select({ id: attempts.id, finishedAt: attempts.finishedAt, score: attempts.score, passed: attempts.passed, maxScore: attempts.maxScore, examId: attempts.examId, personId: attempts.personId, startedAt: attempts.startedAt, enterpriseId: attempts.enterpriseId })
			.from(attempts)
			.where(eq(attempts.id, attemptId))
			.for('update')
		if (!attempt) return null
		if (attempt.finishedAt) return { score: attempt.score!, passed: attempt.passed!, maxScore: attempt.maxScore, alreadyFinished: true, certificate: null }
		const [exam] = await tx.select({ passMark: exams.passMark, scoring: exams.scoring, title: exams.title, certificateMonths: exams.certificateMonths }).from(exams).where(eq(exams.id, attempt.examId))
		const rows = await tx
			.select({
				position: attemptQuestions.position,
				points: attemptQuestions.points,
				type: sql<QuestionContent['type']>`${questionVersions.content}->>'type'`,
				answer: sql<number[]>`${questionVersions.content}->'answer'`,
				stem: sql<string>`${questionVersions.content}->>'stem'`,
				options: sql<string[]>`${questionVersions.content}->'options'`,
				questionId: attemptQuestions.questionId,
				chosen: attemptAnswers.chosen,
			})
			.from(attemptQuestions)
			.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
			.leftJoin(attemptAnswers, and(eq(attemptAnswers.attemptId, attemptQuestions.attemptId), eq(attemptAnswers.position, attemptQuestions.position)))
			.where(eq(attemptQuestions.attemptId, attemptId))
		let score = 0
		const answered: { questionId: number; correct: boolean }[] = []
		const marks: { position: number; earned: number; correct: boolean }[] = []
		for (const r of rows) {
			const graded = gradeResponse({ type: r.type, answer: r.answer }, r.chosen ?? [], r.points, (exam?.scoring ?? 'all-or-nothing') as Scoring)
			score += graded.points
			if (r.chosen?.length) answered.push({ questionId: r.questionId, correct: graded.correct })
			marks.push({ position: r.position, earned: graded.points, correct: graded.correct })
		}
		// Every question's mark in one statement, not one per question.
		if (marks.length > 0) {
			await tx
				.update(attemptQuestions)
				.set({ earned: sql`m.earned`, correct: sql`m.correct` })
				.from(sql`json_to_recordset(${JSON.stringify(marks)}::json) as m(position integer, earned real, correct boolean)`)
				.where(and(eq(attemptQuestions.attemptId, attemptId), sql`${attemptQuestions.position} = m.position`))
		}
		score = Math.round(score * 100) / 100
		// The pass mark is out of 100; papers of another total are scaled.
		const percent = attempt.maxScore > 0 ? (score / attempt.maxScore) * 100 : 0
		const passed = percent + 1e-9 >= (exam?.passMark ?? 80)
		// Integrity signal: a paper handed in faster than it can be read.
		const secondsTaken = Math.max(0, Math.round((now.getTime() - attempt.startedAt.getTime()) / 1000))
		const readingSeconds = plausibleReadingSeconds(rows)
		const tooFast = by === 'learner' && secondsTaken < readingSeconds
		await tx.update(attempts).set({ finishedAt: now, finishedBy: by, score, passed, secondsTaken, readingSeconds, tooFast }).where(eq(attempts.id, attemptId))
		await recordInWrongBook(tx, attempt.personId, answered, now)
		if (passed) await recordExamPassed(tx, { personId: attempt.personId, at: now })
		const certificate =
			passed && exam?.certificateMonths
				? await issueCertificate(tx, { attemptId, examId: attempt.examId, personId: attempt.personId, enterpriseId: attempt.enterpriseId, title: exam.title, months: exam.certificateMonths }, now)
				: null
		return { score, passed, maxScore: attempt.maxScore, alreadyFinished: false, certificate }
	})
}

/** Finish every attempt whose deadline (plus grace) has passed: no paper waits for its learner. */
export async function finishOverdueAttempts(now = new Date(), scope?: { personId: number }) {
	const cutoff = new Date(now.getTime() - ANSWER_GRACE_SECONDS * 1000)
	const overdue = await db
		.select({ id: attempts.id })
		.from(attempts)
		.where(and(isNull(attempts.finishedAt), lt(attempts.deadlineAt, cutoff), scope ? eq(attempts.personId, scope.personId) : undefined))
		.limit(500)
	for (const a of overdue) await finishAttempt(a.id, 'deadline', now)
	return overdue.length
}

/** While a person sits an exam, nothing shows them correct answers (practice, mock grading, reviews). */
export const EXAM_IN_PROGRESS_MESSAGE = '您有一场考试正在进行，交卷后才能查看答案与解析（练习、模拟考试和答题详情暂停）'

/**
 * The person's attempt still open for answers (unfinished, before its deadline and grace), if
 * any. Practice, mock exams and past reviews share the question pool with the paper in front
 * of them, so they hold back answers until it is handed in.
 */
export async function attemptInProgress(scope: { personId: number }, now = new Date()) {
	const [row] = await db
		.select({ id: attempts.id })
		.from(attempts)
		.where(and(eq(attempts.personId, scope.personId), isNull(attempts.finishedAt), gt(attempts.deadlineAt, new Date(now.getTime() - ANSWER_GRACE_SECONDS * 1000))))
		.limit(1)
	return row ?? null
}
