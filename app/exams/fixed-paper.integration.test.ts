import { and, asc, eq, inArray } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { attemptQuestions, auditLog, exams, people, questionBanks, questions, users } from '#db/schema/index.ts'
import { attemptPaper, startAttempt } from './attempts.server.ts'
import { prepareBanks, syncBanks } from './bank-store.server.ts'
import { loadBanks } from './banks.server.ts'
import { parseExamForm } from './exam-form.ts'
import { createExamFromForm, fixedPaperQuestions, publishExam } from './exams.server.ts'
import { pickableQuestions, questionPicker } from './question-picker.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'

let actor = { userId: 0 }
let personId = 0
const meta = { ip: '10.0.0.1', userAgent: 'vitest' }
const T0 = new Date('2026-06-01T02:00:00Z')

beforeEach(async () => {
	await prepareBanks()
	const [p] = await db.insert(people).values({ name: '考生乙', phone: '13700000019' }).returning()
	personId = p!.id
	const [u] = await db.insert(users).values({ username: 'paper-admin', displayName: '组卷人', passwordHash: 'x' }).returning()
	actor = { userId: u!.id }
})

/** Question ids of the fixture bank (or another) by key. */
async function ids(keys: string[], bank = 'fixture-bank') {
	const rows = await db
		.select({ id: questions.id, key: questions.key })
		.from(questions)
		.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
		.where(and(eq(questionBanks.slug, bank), inArray(questions.key, keys)))
	const byKey = new Map(rows.map((r) => [r.key, r.id]))
	return keys.map((k) => byKey.get(k)!)
}

/** The create form as a training admin fills it for a fixed paper. */
function fixedForm(picks: { id: number; points?: string }[], extra: Record<string, string | string[]> = {}) {
	const f = new FormData()
	const fields: Record<string, string | string[]> = {
		title: '固定试卷考试',
		banks: ['fixture-bank'],
		paperKind: 'fixed',
		'points.single': '10',
		'points.multiple': '20',
		'points.judge': '5',
		questions: picks.map((p) => String(p.id)),
		timeLimitMinutes: '30',
		...Object.fromEntries(picks.map((p) => [`qpoints.${p.id}`, p.points ?? ''])),
		...extra,
	}
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one)
	return f
}

async function createFromForm(form: FormData) {
	const parsed = parseExamForm(form)
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
	return createExamFromForm(actor, { ...parsed.values, enterpriseId: null })
}

test('a fixed exam made through the form is published and its attempt holds exactly the chosen questions, at their points, by type', async () => {
	const [j10, m7, s2, s13] = await ids(['j-010', 'm-007', 's-002', 's-013'])
	const created = await createFromForm(fixedForm([{ id: j10! }, { id: m7! }, { id: s2!, points: '7.5' }, { id: s13! }]))
	if (!created.ok) throw new Error(JSON.stringify(created.errors))
	const [exam] = await db.select().from(exams).where(eq(exams.id, created.examId))
	expect(exam).toMatchObject({ status: 'draft', paper: { kind: 'fixed', banks: ['fixture-bank'], questions: [{ questionId: s2, points: 7.5 }, { questionId: s13, points: 10 }, { questionId: m7, points: 20 }, { questionId: j10, points: 5 }] } })

	// What the manager checks before publishing: key, type, points, total.
	const shown = await fixedPaperQuestions(exam!)
	expect(shown?.total).toBe(42.5)
	expect(shown?.items.map((q) => [q.key, q.type, q.points, q.usable])).toEqual([
		['s-002', '单选题', 7.5, true],
		['s-013', '单选题', 10, true],
		['m-007', '多选题', 20, true],
		['j-010', '判断题', 5, true],
	])

	expect(await publishExam(actor, created.examId)).toEqual({ ok: true })
	const started = await startAttempt({ personId }, created.examId, meta, T0)
	if (!started.ok) throw new Error(started.message)
	const paper = await db
		.select({ questionId: attemptQuestions.questionId, versionId: attemptQuestions.questionVersionId, points: attemptQuestions.points, current: questions.versionId })
		.from(attemptQuestions)
		.innerJoin(questions, eq(questions.id, attemptQuestions.questionId))
		.where(eq(attemptQuestions.attemptId, started.attemptId))
		.orderBy(asc(attemptQuestions.position))
	expect(paper.map((q) => [q.questionId, q.points])).toEqual([
		[s2, 7.5],
		[s13, 10],
		[m7, 20],
		[j10, 5],
	])
	// Each question is shown in its current version.
	for (const q of paper) expect(q.versionId).toBe(q.current)
	const view = await attemptPaper({ personId }, started.attemptId, T0)
	expect(view?.maxScore).toBe(42.5)
	expect(view?.items.map((i) => i.stem)).toEqual(['单选测试题第 2 题，哪一项正确？', '单选测试题第 13 题，哪一项正确？', '多选测试题第 7 题，哪些正确？', '判断测试题第 10 题。'])
})

test('a question from a bank not chosen is refused by its key, and nothing is saved', async () => {
	const { banks } = await loadBanks()
	await syncBanks([...banks, { ...banks[0]!, slug: 'other-bank', title: '另一题库' }])
	const [s1] = await ids(['s-001'])
	const [otherS3] = await ids(['s-003'], 'other-bank')
	const refused = await createFromForm(fixedForm([{ id: s1! }, { id: otherS3! }]))
	expect(refused).toEqual({ ok: false, errors: { questions: '固定试题：试题 s-003 不在所选题库中（或已停用），请重新选择' } })
	const missingType = await createFromForm(fixedForm([{ id: s1! }], { 'points.single': '' }))
	expect(missingType).toEqual({ ok: false, errors: { 'points.single': '固定试题：请填写单选题每题分值（或为每道单选题单独填写分值）' } })
	expect(await db.select().from(exams)).toHaveLength(0)
	expect(await db.select().from(auditLog).where(eq(auditLog.action, 'exam.create'))).toHaveLength(0)
	// With both banks chosen, the same pick is fine.
	expect(await createFromForm(fixedForm([{ id: s1! }, { id: otherS3! }], { banks: ['fixture-bank', 'other-bank'] }))).toMatchObject({ ok: true })
})

test('the picker lists current questions of the chosen banks only, filtered, leaving out the picked ones', async () => {
	const { banks } = await loadBanks()
	const fixture = banks[0]!
	// A second bank, then a new text for s-001 (a new version) and j-012 retired.
	await syncBanks([
		{ ...fixture, questions: fixture.questions.filter((q) => q.key !== 'j-012').map((q) => (q.key === 's-001' ? { ...q, stem: '单选测试题第 1 题（修订），哪一项正确？' } : q)) },
		{ ...fixture, slug: 'other-bank', title: '另一题库' },
	])
	const scope = { banks: ['fixture-bank'] }
	const all = await pickableQuestions(scope, { page: 1 })
	expect(all.total).toBe(23)
	expect(all.rows.every((r) => r.bank === 'fixture-bank')).toBe(true)
	expect(all.rows.find((r) => r.key === 's-001')?.stem).toBe('单选测试题第 1 题（修订），哪一项正确？')
	expect(all.rows.some((r) => r.key === 'j-012')).toBe(false)

	const judges = await pickableQuestions(scope, { type: 'judge', topic: '总则', page: 1 })
	expect(judges.rows.map((r) => r.key)).toEqual(['j-010', 'j-011'])
	const [s13] = await ids(['s-013'])
	const found = await pickableQuestions(scope, { search: '第 1', difficulty: 'easy', page: 1 }, [s13!])
	expect(found.rows.map((r) => r.key).sort()).toEqual(['j-010', 'j-011', 's-001', 's-014', 's-015', 's-016', 's-017', 's-018'])
	// A search for a LIKE wildcard is taken literally.
	expect((await pickableQuestions(scope, { search: '%', page: 1 })).total).toBe(0)
	expect((await pickableQuestions(scope, { page: 2 })).rows).toHaveLength(0)
	expect((await pickableQuestions({ banks: [] }, { page: 1 })).total).toBe(0)

	// The page's picker after a GET: picked ones by type with the total, a pick from an unticked bank let go.
	const [j10, s2] = await ids(['j-010', 's-002'])
	const [otherS3] = await ids(['s-003'], 'other-bank')
	const picker = await questionPicker(
		new URLSearchParams([
			['banks', 'fixture-bank'],
			['questions', String(j10)],
			['questions', String(otherS3)],
			['questions', String(s2)],
			['points.single', '2'],
			['points.judge', '1'],
			[`qpoints.${s2}`, '4'],
			['qtype', 'single'],
		]),
	)
	expect(picker.picked.map((q) => q.key)).toEqual(['s-002', 'j-010'])
	expect(picker.dropped).toBe(1)
	expect(picker.total).toBe(5)
	expect(picker.results.total).toBe(11)
	expect([...picker.topics].sort()).toEqual(['总则', '法律责任'].sort())
})

test('a fixed paper whose question was retired after saving is shown as such and cannot be published', async () => {
	const [s1, s2] = await ids(['s-001', 's-002'])
	const created = await createFromForm(fixedForm([{ id: s1! }, { id: s2! }]))
	if (!created.ok) throw new Error(JSON.stringify(created.errors))
	await db.update(questions).set({ active: false }).where(eq(questions.id, s2!))
	const [exam] = await db.select().from(exams).where(eq(exams.id, created.examId))
	expect((await fixedPaperQuestions(exam!))?.items.map((q) => q.usable)).toEqual([true, false])
	expect(await publishExam(actor, created.examId)).toEqual({ ok: false, problems: ['固定试题需要 2 题，题库中符合条件的只有 1 题，还差 1 题'] })
})
