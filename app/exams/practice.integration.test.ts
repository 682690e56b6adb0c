import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { attempts, people, wrongAnswers } from '#db/schema/index.ts'
import { prepareBanks } from './bank-store.server.ts'
import { answerPractice, gradeMock, mockPaper, nextPracticeQuestion, practiceBanks } from './practice.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'

let personId = 0
beforeEach(async () => {
	await prepareBanks()
	const [p] = await db.insert(people).values({ name: '练习者', phone: '13700000007' }).returning()
	personId = p!.id
})

async function rightAnswer(questionId: number) {
	const probe = await answerPractice(personId, { questionId, chosen: [], mode: 'random' })
	return probe!.answer
}

test('顺序练习 resumes where the learner stopped', async () => {
	const first = await nextPracticeQuestion(personId, 'sequential', 'fixture-bank')
	expect(first).toMatchObject({ number: 1, total: 24 })
	await answerPractice(personId, { questionId: first!.id, chosen: [0], mode: 'sequential' })
	const second = await nextPracticeQuestion(personId, 'sequential', 'fixture-bank')
	expect(second!.number).toBe(2)
	expect(second!.id).not.toBe(first!.id)
	expect((await practiceBanks(personId)).banks).toMatchObject([{ slug: 'fixture-bank', questions: 24, done: 1 }])
})

test('a wrong practice answer enters the book; two correct in a row take it out', async () => {
	const q = await nextPracticeQuestion(personId, 'random', 'fixture-bank')
	const answer = await rightAnswer(q!.id)
	await db.delete(wrongAnswers)
	const wrong = [...Array(q!.options.length).keys()].filter((i) => !answer.includes(i)).slice(0, 1)
	expect((await answerPractice(personId, { questionId: q!.id, chosen: wrong, mode: 'random' }))!.correct).toBe(false)
	expect((await practiceBanks(personId)).wrongBook).toBe(1)
	expect(await nextPracticeQuestion(personId, 'wrong', null)).toMatchObject({ id: q!.id })
	await answerPractice(personId, { questionId: q!.id, chosen: answer, mode: 'wrong' })
	expect((await practiceBanks(personId)).wrongBook).toBe(1)
	await answerPractice(personId, { questionId: q!.id, chosen: answer, mode: 'wrong' })
	expect((await practiceBanks(personId)).wrongBook).toBe(0)
	expect(await nextPracticeQuestion(personId, 'wrong', null)).toBeNull()
})

test('a mock exam redraws its paper from the seed, grades it and records no attempt', async () => {
	const exam = { paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 4, points: 25 }] }, scoring: 'all-or-nothing', passMark: 80 }
	const a = await mockPaper(exam, '0123456789abcdef')
	const b = await mockPaper(exam, '0123456789abcdef')
	expect(b).toEqual(a)
	// Answer every question right, in displayed indices.
	const chosen = new Map(a!.map((item) => [item.position, item.content.answer.map((authored) => item.optionOrder.indexOf(authored))]))
	const result = await gradeMock(personId, exam, '0123456789abcdef', chosen)
	expect(result).toMatchObject({ score: 100, max: 100, passed: true })
	expect(await db.select().from(attempts).where(eq(attempts.personId, personId))).toHaveLength(0)
})
