import { and, eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { refusal } from '#tests/support/refusal.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptAnswers, attemptQuestions, attempts, people, questions, questionVersions, users, wrongAnswers } from '#db/schema/index.ts'
import { CERTIFICATE_NUMBER } from './certificate.ts'
import { verifyCertificate } from './certificates.server.ts'
import { bankItemStatistics } from './import.server.ts'
import { attemptInProgress, attemptPaper, checkDraw, checkExamDraws, finishAttempt, finishOverdueAttempts, saveAnswer, startAttempt } from './attempts.server.ts'
import { ANSWER_GRACE_SECONDS } from './answer.ts'
import { prepareBanks } from './bank-store.server.ts'
import { createExam, type ExamInput, publishExam } from './exams.server.ts'
import { attemptResult } from './learner.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'

let actor = { userId: 0 }
let personId = 0
const meta = { ip: '10.0.0.1', userAgent: 'vitest' }
const T0 = new Date('2026-06-01T02:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)

beforeEach(async () => {
	await prepareBanks()
	const [p] = await db.insert(people).values({ name: '考生甲', phone: '13700000009' }).returning()
	personId = p!.id
	const [u] = await db.insert(users).values({ username: 'exam-admin', displayName: '出题人', passwordHash: 'x' }).returning()
	actor = { userId: u!.id }
})

const paper: ExamInput['paper'] = {
	kind: 'draw',
	banks: ['fixture-bank'],
	rules: [
		{ type: 'single', count: 6, points: 10 },
		{ type: 'multiple', count: 2, points: 10 },
		{ type: 'judge', count: 4, points: 5 },
	],
}

async function publishedExam(overrides: Partial<ExamInput> = {}) {
	const created = await createExam(actor, { title: '年度考试', paper, timeLimitMinutes: 30, attemptsAllowed: 2, ...overrides })
	if (!created.ok) throw new Error(created.problems.join())
	expect(await publishExam(actor, created.examId)).toEqual({ ok: true })
	return created.examId
}

/** The displayed option indices that are right for each position (test-side knowledge). */
async function correctDisplayed(attemptId: number) {
	const rows = await db
		.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content })
		.from(attemptQuestions)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
		.where(eq(attemptQuestions.attemptId, attemptId))
	return new Map(rows.map((r) => [r.position, (r.content.answer as number[]).map((a) => r.order.indexOf(a)).sort()]))
}

test('an exam whose rules the bank cannot meet is not published, and says which rule lacks how many', async () => {
	const created = await createExam(actor, { title: '题量不足', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'multiple', count: 9, points: 5 }] }, timeLimitMinutes: 10 })
	if (!created.ok) throw new Error('create failed')
	expect(await publishExam(actor, created.examId)).toEqual({ ok: false, problems: ['规则 1（多选题）需要 9 题，题库中符合条件的只有 6 题，还差 3 题'] })
	expect(await startAttempt({ personId }, created.examId, meta, T0)).toEqual({ ok: false, message: '考试不存在或尚未发布' })
})

test('the attempt life cycle: draw, resume, save in order, submit twice, grade', async () => {
	const examId = await publishedExam()
	const started = await startAttempt({ personId }, examId, meta, T0)
	expect(started).toMatchObject({ ok: true, resumed: false })
	if (!started.ok) return
	// A double click or a second device resumes the same attempt.
	expect(await startAttempt({ personId }, examId, meta, at(5))).toEqual({ ok: true, attemptId: started.attemptId, resumed: true })

	const view = await attemptPaper({ personId }, started.attemptId, at(10))
	expect(view!.items).toHaveLength(12)
	expect(view!.deadlineAt).toEqual(at(30 * 60))
	// Nothing of the answers or explanations reaches the learner before the end.
	expect(JSON.stringify(view)).not.toMatch(/answer|explanation|测试解析/)

	const right = await correctDisplayed(started.attemptId)
	let seq = 0
	for (const item of view!.items) {
		const result = await saveAnswer({ personId }, { attemptId: started.attemptId, position: item.position, chosen: right.get(item.position)!, seq: ++seq, secondsSpent: 20 }, at(60))
		expect(result).toEqual({ ok: true, saved: true })
	}
	// Change the first answer to a wrong one (seq 20), then a late duplicate of an older save (seq 1) arrives.
	const first = view!.items[0]!
	const wrong = [(right.get(0)![0]! + 1) % first.options.length]
	expect(await saveAnswer({ personId }, { attemptId: started.attemptId, position: 0, chosen: wrong, seq: 20 }, at(70))).toEqual({ ok: true, saved: true })
	expect(await saveAnswer({ personId }, { attemptId: started.attemptId, position: 0, chosen: right.get(0)!, seq: 1 }, at(71))).toEqual({ ok: true, saved: false })
	const resumed = await attemptPaper({ personId }, started.attemptId, at(80))
	expect(resumed!.items[0]!.chosen).toEqual(wrong)
	expect(resumed!.lastSeq).toBe(20)
	const [spent] = await db.select({ s: attemptAnswers.secondsSpent }).from(attemptAnswers).where(eq(attemptAnswers.position, 1))
	expect(spent!.s).toBe(20)

	// Someone else's attempt does not exist for them.
	const [other] = await db.insert(people).values({ name: '考生乙', phone: '13700000008' }).returning()
	expect(await attemptPaper({ personId: other!.id }, started.attemptId)).toBeNull()
	expect(await saveAnswer({ personId: other!.id }, { attemptId: started.attemptId, position: 1, chosen: [0], seq: 99 })).toMatchObject({ ok: false, reason: 'not-found' })

	const submitted = await finishAttempt(started.attemptId, 'learner', at(90))
	expect(submitted).toEqual({ score: 90, passed: true, maxScore: 100, alreadyFinished: false, certificate: null })
	expect(await finishAttempt(started.attemptId, 'learner', at(91))).toEqual({ score: 90, passed: true, maxScore: 100, alreadyFinished: true, certificate: null })
	expect(await saveAnswer({ personId }, { attemptId: started.attemptId, position: 0, chosen: right.get(0)!, seq: 30 }, at(95))).toMatchObject({ ok: false, reason: 'finished' })
	const [row] = await db.select().from(attempts).where(eq(attempts.id, started.attemptId))
	expect(row).toMatchObject({ finishedBy: 'learner', score: 90, passed: true, ip: '10.0.0.1' })
	// Each question keeps its own mark: only the first (changed to a wrong answer) lost its points.
	const marks = await db.select({ position: attemptQuestions.position, earned: attemptQuestions.earned, correct: attemptQuestions.correct, points: attemptQuestions.points }).from(attemptQuestions).where(eq(attemptQuestions.attemptId, started.attemptId))
	expect(marks).toHaveLength(12)
	for (const m of marks) expect(m).toMatchObject(m.position === 0 ? { earned: 0, correct: false } : { earned: m.points, correct: true })
})

test('past the deadline the server finishes the paper with the answers it holds, and refuses later ones', async () => {
	const examId = await publishedExam({ timeLimitMinutes: 10 })
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	const right = await correctDisplayed(started.attemptId)
	for (const position of [0, 1, 2]) await saveAnswer({ personId }, { attemptId: started.attemptId, position, chosen: right.get(position)!, seq: position + 1 }, at(60))
	// Within the grace after the deadline an offline queue may still flush.
	expect(await saveAnswer({ personId }, { attemptId: started.attemptId, position: 3, chosen: right.get(3)!, seq: 4 }, at(600 + 20))).toEqual({ ok: true, saved: true })
	expect(await saveAnswer({ personId }, { attemptId: started.attemptId, position: 4, chosen: right.get(4)!, seq: 5 }, at(600 + 31))).toMatchObject({ ok: false, reason: 'late' })

	expect(await finishOverdueAttempts(at(600 + 10))).toBe(0)
	expect(await finishOverdueAttempts(at(600 + 31))).toBe(1)
	const [row] = await db.select().from(attempts).where(eq(attempts.id, started.attemptId))
	expect(row).toMatchObject({ finishedBy: 'deadline', score: 40, passed: false })
	expect(await finishOverdueAttempts(at(700))).toBe(0)
})

test('attempts are limited; a second attempt avoids the first one’s questions while the bank allows', async () => {
	const examId = await publishedExam({ paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 6, points: 10 }, { type: 'judge', count: 3, points: 40 / 3 }] } })
	const first = await startAttempt({ personId }, examId, meta, T0)
	if (!first.ok) throw new Error('start failed')
	await finishAttempt(first.attemptId, 'learner', at(60))
	const second = await startAttempt({ personId }, examId, meta, at(120))
	if (!second.ok) throw new Error('second start failed')
	const ids = async (attemptId: number) => new Set((await db.select({ q: attemptQuestions.questionId }).from(attemptQuestions).where(eq(attemptQuestions.attemptId, attemptId))).map((r) => r.q))
	const a = await ids(first.attemptId)
	const b = await ids(second.attemptId)
	expect([...b].filter((q) => a.has(q))).toEqual([])
	await finishAttempt(second.attemptId, 'learner', at(180))
	expect(await startAttempt({ personId }, examId, meta, at(200))).toEqual({ ok: false, message: '本场考试最多可考 2 次，您已用完' })
})

test('an attempt is drawn again from what it recorded, after the bank has changed, and a paper it did not draw is caught', async () => {
	const examId = await publishedExam()
	const first = await startAttempt({ personId }, examId, meta, T0)
	if (!first.ok) throw new Error('start failed')
	await finishAttempt(first.attemptId, 'learner', at(60))
	const second = await startAttempt({ personId }, examId, meta, at(120))
	if (!second.ok) throw new Error('second start failed')
	const [recorded] = await db.select({ avoid: attempts.drawAvoid }).from(attempts).where(eq(attempts.id, second.attemptId))
	expect(recorded!.avoid).toHaveLength(12)
	// The bank changes after the draw: questions leave it and others are re-tagged.
	const shown = await db.select({ q: attemptQuestions.questionId }).from(attemptQuestions).where(eq(attemptQuestions.attemptId, second.attemptId))
	await db.update(questions).set({ active: false }).where(eq(questions.id, shown[0]!.q))
	await db.update(questions).set({ difficulty: '难' }).where(eq(questions.id, shown[1]!.q))
	expect(await checkDraw(first.attemptId)).toEqual({ status: 'same', questions: 12 })
	expect(await checkDraw(second.attemptId)).toEqual({ status: 'same', questions: 12 })
	// A paper altered after the draw no longer matches, and the check says where.
	await db.update(attemptQuestions).set({ optionOrder: [1, 0] }).where(and(eq(attemptQuestions.attemptId, second.attemptId), eq(attemptQuestions.position, 11)))
	await db.update(attemptQuestions).set({ points: 99 }).where(and(eq(attemptQuestions.attemptId, second.attemptId), eq(attemptQuestions.position, 0)))
	const check = await checkDraw(second.attemptId)
	expect(check).toEqual({ status: 'different', differences: ['第 1 题：分值不同（99 / 10）', '第 12 题：选项顺序不同'] })
	expect(await checkExamDraws(examId)).toEqual({ same: 1, unrecorded: 0, different: [{ attemptId: second.attemptId, differences: check && check.status === 'different' ? check.differences : [] }] })
	expect(await checkDraw(999_999)).toBeNull()
	expect(await checkExamDraws(999_999)).toBeNull()
	// Once finished, a paper cannot be altered at all: the database refuses.
	expect(await refusal(db.update(attemptQuestions).set({ points: 1 }).where(eq(attemptQuestions.attemptId, first.attemptId)))).toMatch(/只能追加/)
	// Attempts from before draws were kept say so instead of guessing.
	const other = await startAttempt({ personId }, await publishedExam({ title: '旧答卷' }), meta, at(130))
	if (!other.ok) throw new Error('start failed')
	await db.update(attempts).set({ drawHash: null }).where(eq(attempts.id, other.attemptId))
	expect(await checkDraw(other.attemptId)).toEqual({ status: 'unrecorded' })
})

test('a finished attempt is a record: its result cannot be edited or the attempt deleted; corrections go elsewhere', async () => {
	const examId = await publishedExam()
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	// While open, the engine moves it (focus losses, the finish itself).
	await db.update(attempts).set({ focusLosses: 1 }).where(eq(attempts.id, started.attemptId))
	await finishAttempt(started.attemptId, 'learner', at(600))
	expect(await refusal(db.update(attempts).set({ score: 100, passed: true }).where(eq(attempts.id, started.attemptId)))).toMatch(/记录只能追加，不能修改或删除（attempts）/)
	expect(await refusal(db.delete(attempts).where(eq(attempts.id, started.attemptId)))).toMatch(/只能追加/)
	expect(await refusal(db.delete(attemptQuestions).where(eq(attemptQuestions.attemptId, started.attemptId)))).toMatch(/只能追加/)
	// Handing it in again changes nothing and is not an error.
	expect(await finishAttempt(started.attemptId, 'learner', at(700))).toMatchObject({ alreadyFinished: true })
})

test('editing a question creates a version; the attempt keeps the one it showed', async () => {
	const examId = await publishedExam()
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	const before = await attemptPaper({ personId }, started.attemptId, at(5))
	const { syncBanks } = await import('./bank-store.server.ts')
	const { loadBanks } = await import('./banks.server.ts')
	const { banks } = await loadBanks()
	for (const q of banks[0]!.questions) q.stem = `${q.stem}（修订）`
	const counts = await syncBanks(banks)
	expect(counts['fixture-bank']).toMatchObject({ changed: 24, created: 0 })
	const after = await attemptPaper({ personId }, started.attemptId, at(6))
	expect(after!.items.map((i) => i.stem)).toEqual(before!.items.map((i) => i.stem))
	expect(after!.items.some((i) => i.stem.includes('修订'))).toBe(false)
})

test('integrity and the wrong-answer book: a paper handed in faster than it can be read is flagged; wrong answers enter the book', async () => {
	const examId = await publishedExam()
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	const right = await correctDisplayed(started.attemptId)
	const view = await attemptPaper({ personId }, started.attemptId, at(1))
	const wrongFirst = [(right.get(0)![0]! + 1) % view!.items[0]!.options.length]
	await saveAnswer({ personId }, { attemptId: started.attemptId, position: 0, chosen: wrongFirst, seq: 1, secondsSpent: 2 }, at(2))
	await saveAnswer({ personId }, { attemptId: started.attemptId, position: 1, chosen: right.get(1)!, seq: 2, secondsSpent: 1 }, at(3))
	await finishAttempt(started.attemptId, 'learner', at(5))
	const [row] = await db.select().from(attempts).where(eq(attempts.id, started.attemptId))
	expect(row).toMatchObject({ secondsTaken: 5, tooFast: true })
	expect(row!.readingSeconds).toBeGreaterThan(30)

	const [q0] = await db.select({ id: attemptQuestions.questionId }).from(attemptQuestions).where(eq(attemptQuestions.position, 0))
	const book = await db.select().from(wrongAnswers).where(eq(wrongAnswers.personId, personId))
	// Only the answered wrong question enters; unanswered ones do not fill the book.
	expect(book).toMatchObject([{ questionId: q0!.id, wrongCount: 1, streak: 0, inBook: true }])
})

test('passing an exam that grants a certificate issues one; the public check shows only a masked name and the dates', async () => {
	const examId = await publishedExam({ certificateMonths: 12 })
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	const right = await correctDisplayed(started.attemptId)
	for (const [position, chosen] of right) await saveAnswer({ personId }, { attemptId: started.attemptId, position, chosen, seq: position + 1 }, at(60))
	const finished = await finishAttempt(started.attemptId, 'learner', at(600))
	expect(finished).toMatchObject({ passed: true, score: 100, certificate: expect.stringMatching(CERTIFICATE_NUMBER) })
	expect((await finishAttempt(started.attemptId, 'learner', at(601)))!.certificate).toBeNull()
	const checked = await verifyCertificate(finished!.certificate!, at(700))
	expect(checked).toEqual({ number: finished!.certificate, holder: '考*甲', title: '年度考试', issuedOn: '2026-06-01', expiresOn: '2027-06-01', status: 'valid' })
	expect((await verifyCertificate(finished!.certificate!, new Date('2027-06-02T04:00:00Z')))!.status).toBe('expired')
	expect(await verifyCertificate('AX-2026-000001-ZZZZ')).toBeNull()
})

test('item statistics come from finished attempts only', async () => {
	const examId = await publishedExam()
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	const right = await correctDisplayed(started.attemptId)
	await saveAnswer({ personId }, { attemptId: started.attemptId, position: 0, chosen: right.get(0)!, seq: 1 }, at(10))
	expect((await bankItemStatistics('fixture-bank'))!.items).toEqual([])
	await finishAttempt(started.attemptId, 'learner', at(100))
	const stats = await bankItemStatistics('fixture-bank')
	expect(stats!.items).toHaveLength(12)
	expect(stats!.items.filter((i) => i.facility === 1)).toHaveLength(1)
	expect(stats!.items.every((i) => i.responses === 1 && i.flags.length === 0 && typeof i.stem === 'string')).toBe(true)
})

test('while a paper is open the person counts as sitting an exam; handed in or past the deadline, no longer', async () => {
	const examId = await publishedExam()
	expect(await attemptInProgress({ personId }, T0)).toBeNull()
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error(started.message)
	expect(await attemptInProgress({ personId }, at(60))).toEqual({ id: started.attemptId })
	// Past the deadline and its grace the sweep finishes it: nothing is held back for it.
	expect(await attemptInProgress({ personId }, at(30 * 60 + ANSWER_GRACE_SECONDS + 1))).toBeNull()
	await finishAttempt(started.attemptId, 'learner', at(120))
	expect(await attemptInProgress({ personId }, at(121))).toBeNull()
})

test('the window: no start before it opens or once it has closed, and no deadline past the close', async () => {
	const early = await publishedExam({ title: '未开始的考试', opensAt: at(3600) })
	expect(await startAttempt({ personId }, early, meta, T0)).toEqual({ ok: false, message: '考试尚未开始' })
	const closed = await publishedExam({ title: '已结束的考试', opensAt: at(-7200), closesAt: at(-60) })
	expect(await startAttempt({ personId }, closed, meta, T0)).toEqual({ ok: false, message: '考试已经结束' })
	// Ten minutes before the close, a thirty-minute paper ends at the close.
	const closing = await publishedExam({ title: '即将结束的考试', closesAt: at(600) })
	const started = await startAttempt({ personId }, closing, meta, T0)
	if (!started.ok) throw new Error(started.message)
	expect((await attemptPaper({ personId }, started.attemptId, at(1)))!.deadlineAt).toEqual(at(600))
})

test('review: never shows no answers; after the close shows them only once the exam has closed', async () => {
	for (const [review, closesAt, expected] of [
		['never', null, [false, false]],
		['after_close', at(3600), [false, true]],
		['after_submit', null, [true, true]],
	] as const) {
		const examId = await publishedExam({ title: `复核${review}`, review, closesAt })
		const started = await startAttempt({ personId }, examId, meta, T0)
		if (!started.ok) throw new Error(started.message)
		await finishAttempt(started.attemptId, 'learner', at(120))
		const before = await attemptResult({ personId }, started.attemptId, at(200))
		const after = await attemptResult({ personId }, started.attemptId, at(3601))
		expect([before!.items !== null, after!.items !== null], review).toEqual(expected)
		// The score is there whatever the policy.
		expect(before!.score, review).toBe(0)
	}
})

test('partial scoring: a multiple-choice answer with some right options and no wrong one earns its share', async () => {
	const examId = await publishedExam({ title: '部分得分', scoring: 'partial', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'multiple', count: 2, points: 10 }] } })
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error(started.message)
	const right = await correctDisplayed(started.attemptId)
	// First question: one of its right options only; second: all of them.
	expect(right.get(0)!.length).toBeGreaterThan(1)
	await saveAnswer({ personId }, { attemptId: started.attemptId, position: 0, chosen: [right.get(0)![0]!], seq: 1 }, at(30))
	await saveAnswer({ personId }, { attemptId: started.attemptId, position: 1, chosen: right.get(1)!, seq: 2 }, at(31))
	const result = await finishAttempt(started.attemptId, 'learner', at(60))
	const share = Math.floor(((10 * 1) / right.get(0)!.length) * 2) / 2
	expect(result).toMatchObject({ score: 10 + share, maxScore: 20 })
})

test('a fixed paper shows exactly its questions, at their points', async () => {
	const chosen = await db.select({ id: questions.id }).from(questions).orderBy(questions.id).limit(3)
	const examId = await publishedExam({ title: '固定试卷', paper: { kind: 'fixed', banks: ['fixture-bank'], questions: chosen.map((q, i) => ({ questionId: q.id, points: 10 + i })) } })
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error(started.message)
	const drawn = await db.select({ questionId: attemptQuestions.questionId, points: attemptQuestions.points }).from(attemptQuestions).where(eq(attemptQuestions.attemptId, started.attemptId))
	expect(drawn.map((d) => [d.questionId, d.points]).sort((a, b) => a[0]! - b[0]!)).toEqual(chosen.map((q, i) => [q.id, 10 + i]))
})

test('a result declared void keeps its score, counts as passed nowhere, revokes its certificate, frees the attempt, and is refused any other change', async () => {
	const { annulAttempt, finishedAttemptsOf } = await import('./annulment.server.ts')
	const { rebuildCoverage } = await import('#app/coverage/coverage.server.ts')
	const { auditLog, coveragePersonYear, employments, enterprises, regions } = await import('#db/schema/index.ts')
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [plant] = await db.insert(enterprises).values({ name: '某机械厂', creditCode: 'C'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	await db.insert(employments).values({ enterpriseId: plant!.id, personId, jobCategory: 'other', hiredOn: '2020-03-01' })
	const scope = { enterpriseId: plant!.id, personId }
	const examId = await publishedExam({ certificateMonths: 12, attemptsAllowed: 1 })
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	for (const [position, chosen] of await correctDisplayed(started.attemptId)) await saveAnswer({ personId }, { attemptId: started.attemptId, position, chosen, seq: position + 1 }, at(60))
	const finished = await finishAttempt(started.attemptId, 'learner', at(600))
	expect(finished).toMatchObject({ passed: true, score: 100 })
	const kept = async () => (await db.select({ examPassed: coveragePersonYear.examPassed }).from(coveragePersonYear).where(eq(coveragePersonYear.personId, personId)))[0]?.examPassed
	expect(await kept()).toBe(true)
	expect(await startAttempt({ personId }, examId, meta, at(700))).toMatchObject({ ok: false, message: expect.stringContaining('最多可考 1 次') })

	// Refused, naming the field: no reason, someone else's enterprise.
	expect(await annulAttempt(actor, scope, { attemptId: started.attemptId, reason: '作弊' })).toEqual({ ok: false, field: 'reason', message: '请写明作废理由（至少 4 个字）' })
	expect(await annulAttempt(actor, { ...scope, enterpriseId: plant!.id + 1 }, { attemptId: started.attemptId, reason: '他人代考，经核实' })).toMatchObject({ ok: false, field: 'attempt' })

	expect(await annulAttempt(actor, scope, { attemptId: started.attemptId, reason: '他人代考，经核实' })).toEqual({ ok: true, certificate: finished!.certificate })
	expect(await annulAttempt(actor, scope, { attemptId: started.attemptId, reason: '他人代考，经核实' })).toMatchObject({ ok: false, field: 'attempt', message: expect.stringContaining('已于') })
	const [row] = await db.select().from(attempts).where(eq(attempts.id, started.attemptId))
	expect(row).toMatchObject({ score: 100, passed: true, annulledBy: actor.userId, annulReason: '他人代考，经核实' })
	expect((await verifyCertificate(finished!.certificate!, at(800)))!.status).toBe('revoked')
	expect(await kept()).toBe(false)
	expect((await rebuildCoverage(2026, { dryRun: true })).differenceCount).toBe(0)
	expect(await db.select({ detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, 'attempt.annul'))).toEqual([
		{ detail: expect.objectContaining({ personId, score: 100, passed: true, reason: '他人代考，经核实', certificate: finished!.certificate }) },
	])
	expect((await finishedAttemptsOf(scope))[0]).toMatchObject({ id: started.attemptId, annulReason: '他人代考，经核实', annulledBy: '出题人' })
	expect(await attemptResult({ personId }, started.attemptId, at(900))).toMatchObject({ annulReason: '他人代考，经核实', annulledAt: expect.any(Date) })
	// The annulment itself is a record: neither it nor the result can be changed afterwards.
	expect(await refusal(db.update(attempts).set({ annulReason: '改个理由' }).where(eq(attempts.id, started.attemptId)))).toMatch(/只能追加/)
	expect(await refusal(db.update(attempts).set({ annulledAt: null, annulledBy: null, annulReason: null }).where(eq(attempts.id, started.attemptId)))).toMatch(/只能追加/)
	// A void sitting does not use up the one attempt allowed.
	const again = await startAttempt({ personId }, examId, meta, at(1_000))
	expect(again).toMatchObject({ ok: true, resumed: false })
	if (!again.ok) return
	// Handed in blank: a fail, which counts for nothing and so is not voided (no extra sitting).
	expect(await finishAttempt(again.attemptId, 'learner', at(1_100))).toMatchObject({ passed: false })
	expect(await annulAttempt(actor, scope, { attemptId: again.attemptId, reason: '他人代考，经核实' })).toMatchObject({ ok: false, field: 'attempt', message: expect.stringContaining('只有合格的成绩') })
})

test('an enterprise answers for its own exams and for platform exams sat while the person worked there, never for another enterprise’s own exam', async () => {
	const { annulAttempt, finishedAttemptsOf } = await import('./annulment.server.ts')
	const { employments, enterprises, regions } = await import('#db/schema/index.ts')
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const make = async (name: string, code: string) => (await db.insert(enterprises).values({ name, creditCode: code.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const first = await make('甲厂', 'E')
	const second = await make('乙厂', 'F')
	await db.insert(employments).values([
		{ enterpriseId: first, personId, jobCategory: 'other', hiredOn: '2019-03-01' },
		{ enterpriseId: second, personId, jobCategory: 'other', hiredOn: '2023-03-01' },
	])
	const examId = await publishedExam({ enterpriseId: second })
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	for (const [position, chosen] of await correctDisplayed(started.attemptId)) await saveAnswer({ personId }, { attemptId: started.attemptId, position, chosen, seq: position + 1 }, at(60))
	expect(await finishAttempt(started.attemptId, 'learner', at(600))).toMatchObject({ passed: true })
	// The sitting belongs to 乙厂, whose exam it is, though 甲厂 hired the person first; so does the pass.
	const { coveragePersonYear } = await import('#db/schema/index.ts')
	expect((await db.select({ enterpriseId: attempts.enterpriseId }).from(attempts).where(eq(attempts.id, started.attemptId)))[0]!.enterpriseId).toBe(second)
	const passes = await db.select({ enterpriseId: coveragePersonYear.enterpriseId, examPassed: coveragePersonYear.examPassed }).from(coveragePersonYear).where(eq(coveragePersonYear.personId, personId))
	expect(new Map(passes.map((r) => [r.enterpriseId, r.examPassed]))).toEqual(new Map([[first, false], [second, true]]))
	// 乙厂's own exam: 甲厂 neither sees nor voids it.
	expect(await finishedAttemptsOf({ enterpriseId: first, personId })).toEqual([])
	expect(await annulAttempt(actor, { enterpriseId: first, personId }, { attemptId: started.attemptId, reason: '他人代考，经核实' })).toMatchObject({ ok: false, field: 'attempt' })
	expect((await finishedAttemptsOf({ enterpriseId: second, personId })).map((a) => a.id)).toEqual([started.attemptId])
	expect(await annulAttempt(actor, { enterpriseId: second, personId }, { attemptId: started.attemptId, reason: '他人代考，经核实' })).toMatchObject({ ok: true })
})

test('annulling a finished attempt changes nothing else: the database refuses an annulment that also edits the score, or gives no reason', async () => {
	const examId = await publishedExam()
	const started = await startAttempt({ personId }, examId, meta, T0)
	if (!started.ok) throw new Error('start failed')
	await finishAttempt(started.attemptId, 'learner', at(600))
	expect(await refusal(db.update(attempts).set({ annulledAt: new Date(), annulledBy: actor.userId, annulReason: '他人代考', score: 100 }).where(eq(attempts.id, started.attemptId)))).toMatch(/只能追加/)
	expect(await refusal(db.update(attempts).set({ annulledAt: new Date(), annulledBy: actor.userId, annulReason: '  ' }).where(eq(attempts.id, started.attemptId)))).toMatch(/只能追加/)
	expect(await refusal(db.update(attempts).set({ annulledAt: new Date(), annulledBy: actor.userId, annulReason: '他人代考' }).where(eq(attempts.id, started.attemptId)))).toBe('accepted')
})
