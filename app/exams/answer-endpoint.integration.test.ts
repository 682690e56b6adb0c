import { and, eq, sql } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { createSession, generateSessionToken, SESSION_COOKIE } from '#app/auth/session.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptAnswers, attemptQuestions, attempts, people, questionVersions, roleGrants, sessions, users } from '#db/schema/index.ts'
import { ANSWER_GRACE_SECONDS } from './answer.ts'
import { answerEndpoint } from './answer-endpoint.server.ts'
import { startAttempt } from './attempts.server.ts'
import { prepareBanks } from './bank-store.server.ts'
import { createExam, publishExam } from './exams.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'

let attemptId = 0
let cookie = ''
let otherCookie = ''
let adminCookie = ''

async function account(name: string, phone: string, role: 'learner' | 'platform_admin') {
	const [p] = await db.insert(people).values({ name, phone }).returning()
	const [u] = await db.insert(users).values({ phone, displayName: name, passwordHash: 'x', personId: p!.id }).returning()
	await db.insert(roleGrants).values({ userId: u!.id, role })
	const token = generateSessionToken()
	await createSession(token, u!.id)
	return { personId: p!.id, userId: u!.id, cookie: `theme=light; ${SESSION_COOKIE}=${token}` }
}

beforeEach(async () => {
	await prepareBanks()
	const learner = await account('考生乙', '13700000011', 'learner')
	cookie = learner.cookie
	otherCookie = (await account('考生丙', '13700000012', 'learner')).cookie
	adminCookie = (await account('管理员', '13700000013', 'platform_admin')).cookie
	const created = await createExam({ userId: learner.userId }, { title: '端点考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'judge', count: 3, points: 10 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error(created.problems.join())
	await publishExam({ userId: learner.userId }, created.examId)
	const started = await startAttempt({ personId: learner.personId }, created.examId, { ip: null, userAgent: null })
	if (!started.ok) throw new Error(started.message)
	attemptId = started.attemptId
})

const post = (body: unknown, who = cookie, id = String(attemptId)) => answerEndpoint({ attemptId: id, cookie: who, body: typeof body === 'string' ? body : JSON.stringify(body) })

test('an answer saves once per sequence number and a late duplicate changes nothing', async () => {
	expect(await post({ position: 0, chosen: [1], seq: 2, secondsSpent: 7 })).toEqual({ status: 200, body: { saved: true }, setCookie: undefined })
	expect(await post({ position: 0, chosen: [0], seq: 1 })).toMatchObject({ status: 200, body: { saved: false } })
	const [row] = await db.select({ seq: attemptAnswers.seq, secondsSpent: attemptAnswers.secondsSpent }).from(attemptAnswers).where(eq(attemptAnswers.attemptId, attemptId))
	expect(row).toEqual({ seq: 2, secondsSpent: 7 })
})

test('without a valid session the endpoint answers 401 in JSON, never a redirect, and an expired session is removed', async () => {
	expect(await post({ position: 0, chosen: [0], seq: 1 }, '')).toMatchObject({ status: 401, body: { reason: 'signed-out' } })
	expect(await post({ position: 0, chosen: [0], seq: 1 }, `${SESSION_COOKIE}=forged`)).toMatchObject({ status: 401 })
	await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) })
	expect(await post({ position: 0, chosen: [0], seq: 1 })).toMatchObject({ status: 401 })
	expect(await db.$count(sessions)).toBe(2)
	expect(await db.$count(attemptAnswers)).toBe(0)
})

test('someone else’s paper does not exist for a learner, and a role without learning is refused', async () => {
	expect(await post({ position: 0, chosen: [0], seq: 1 }, otherCookie)).toMatchObject({ status: 404, body: { reason: 'not-found' } })
	expect(await post({ position: 0, chosen: [0], seq: 1 }, adminCookie)).toMatchObject({ status: 403 })
	expect(await post({ position: 0, chosen: [0], seq: 1 }, cookie, String(attemptId + 1000))).toMatchObject({ status: 404 })
	expect(await post({ position: 0, chosen: [0], seq: 1 }, cookie, 'x')).toMatchObject({ status: 404 })
	expect(await post({ position: 99, chosen: [0], seq: 1 })).toMatchObject({ status: 404 })
	expect(await db.$count(attemptAnswers)).toBe(0)
})

test('malformed answers and impossible choices are refused with a message', async () => {
	expect(await post('{not json')).toMatchObject({ status: 400, body: { message: '答案格式不正确' } })
	expect(await post({ position: 0, chosen: [0], seq: 0 })).toMatchObject({ status: 400 })
	expect(await post({ position: 0, chosen: [0, 1], seq: 1 })).toMatchObject({ status: 400, body: { message: '所选选项无效' } })
	expect(await post({ position: 0, chosen: [5], seq: 1 })).toMatchObject({ status: 400, body: { message: '所选选项无效' } })
	expect(await post({ position: 0, chosen: [2], seq: 1 })).toMatchObject({ status: 400, body: { message: '所选选项无效' } })
	expect(await db.$count(attemptAnswers)).toBe(0)
})

test('the options chosen are stored as authored, whatever order the paper showed them in', async () => {
	const [person] = await db.select({ id: users.personId, userId: users.id }).from(users).where(eq(users.phone, '13700000011'))
	const created = await createExam({ userId: person!.userId }, { title: '多选端点考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'multiple', count: 2, points: 10 }, { type: 'single', count: 2, points: 10 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error(created.problems.join())
	await publishExam({ userId: person!.userId }, created.examId)
	const started = await startAttempt({ personId: person!.id! }, created.examId, { ip: null, userAgent: null })
	if (!started.ok) throw new Error(started.message)
	const shown = await db
		.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, type: sql<string>`${questionVersions.content}->>'type'` })
		.from(attemptQuestions)
		.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
		.where(eq(attemptQuestions.attemptId, started.attemptId))
	const id = String(started.attemptId)
	for (const q of shown) {
		const chosen = q.type === 'multiple' ? [2, 0, 2] : [1]
		expect(await post({ position: q.position, chosen, seq: 1 }, cookie, id)).toMatchObject({ status: 200, body: { saved: true } })
		const [row] = await db.select({ chosen: attemptAnswers.chosen }).from(attemptAnswers).where(and(eq(attemptAnswers.attemptId, started.attemptId), eq(attemptAnswers.position, q.position)))
		expect(row!.chosen).toEqual([...new Set(chosen)].map((i) => q.order[i]!).sort((a, b) => a - b))
	}
	const single = shown.find((q) => q.type === 'single')!
	expect(await post({ position: single.position, chosen: [0, 1], seq: 2 }, cookie, id)).toMatchObject({ status: 400 })
	const multiple = shown.find((q) => q.type === 'multiple')!
	expect(await post({ position: multiple.position, chosen: [], seq: 2 }, cookie, id)).toMatchObject({ status: 200, body: { saved: true } })
	const [cleared] = await db.select({ chosen: attemptAnswers.chosen }).from(attemptAnswers).where(and(eq(attemptAnswers.attemptId, started.attemptId), eq(attemptAnswers.position, multiple.position)))
	expect(cleared!.chosen).toEqual([])
})

test('answers count up to the grace after the deadline, and none after it', async () => {
	const now = Date.now()
	await db.update(attempts).set({ deadlineAt: new Date(now - (ANSWER_GRACE_SECONDS - 5) * 1000) })
	expect(await post({ position: 0, chosen: [0], seq: 1 })).toMatchObject({ status: 200, body: { saved: true } })
	await db.update(attempts).set({ deadlineAt: new Date(now - (ANSWER_GRACE_SECONDS + 5) * 1000) })
	expect(await post({ position: 0, chosen: [1], seq: 2 })).toMatchObject({ status: 409, body: { reason: 'late' } })
	const [row] = await db.select({ seq: attemptAnswers.seq }).from(attemptAnswers)
	expect(row).toEqual({ seq: 1 })
})

test('a finished paper refuses answers with 409', async () => {
	await db.update(attempts).set({ finishedAt: new Date() })
	expect(await post({ position: 0, chosen: [0], seq: 1 })).toMatchObject({ status: 409, body: { reason: 'finished' } })
	expect(await db.$count(attemptAnswers)).toBe(0)
})

test('a session near its expiry slides forward and the reply carries a fresh cookie', async () => {
	await db.update(sessions).set({ expiresAt: new Date(Date.now() + 24 * 3600 * 1000) })
	const reply = await post({ position: 1, chosen: [1], seq: 1 })
	expect(reply).toMatchObject({ status: 200, body: { saved: true } })
	expect(reply.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[a-z0-9]+; HttpOnly; SameSite=Lax`))
})

test('a focus loss is counted on the learner’s own unfinished paper only', async () => {
	expect(await post({ focusLost: true })).toMatchObject({ status: 200 })
	expect(await post({ focusLost: true }, otherCookie)).toMatchObject({ status: 200 })
	const [row] = await db.select({ focusLosses: attempts.focusLosses }).from(attempts).where(eq(attempts.id, attemptId))
	expect(row!.focusLosses).toBe(1)
})
