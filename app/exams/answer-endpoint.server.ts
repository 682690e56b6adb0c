// POST /exams/attempts/:attemptId/answer — one answer, saved as it is chosen. The busiest URL
// of the platform (every click of every examinee, crowding at the deadline), so the HTTP server
// hands it here before the Remix router (docs/decisions/0006): one prepared read checks the
// session, the learner role and the ownership of the attempt together, one prepared upsert
// stores the answer. It answers JSON only, never a redirect: the exam page keeps an answer it
// could not save and says why.
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { extendSession, invalidateSession, sessionCookie, sessionIdFromToken, sessionStatus, sessionTokenOf } from '#app/auth/session.server.ts'
import { preparedStatement } from '#app/utils/db.server.ts'
import { attemptQuestions, attempts, questionVersions, roleGrants, sessions, users } from '#db/schema/index.ts'
import { recordFocusLoss, storeAnswer } from './attempts.server.ts'

const AnswerSchema = z.union([
	z.object({
		position: z.number().int().min(0).max(1000),
		chosen: z.array(z.number().int().min(0).max(7)).max(8),
		seq: z.number().int().min(1).max(2_000_000_000),
		secondsSpent: z.number().min(0).max(86_400).optional(),
	}),
	z.object({ focusLost: z.literal(true) }),
])

/** What the HTTP server sends back. */
export type EndpointReply = { status: number; body: Record<string, unknown>; setCookie?: string }

const SIGNED_OUT = '登录已失效，请重新登录后继续作答（未保存的答案仍保留在本机）'

/** The session, its user's learner role and the attempt's question, in one round trip. */
const contextStatement = preparedStatement((db) =>
	db
		.select({
			expiresAt: sessions.expiresAt,
			personId: users.personId,
			learner: sql<boolean>`exists (select 1 from ${roleGrants} where ${roleGrants.userId} = ${users.id} and ${roleGrants.role} = 'learner')`,
			deadlineAt: attempts.deadlineAt,
			finishedAt: attempts.finishedAt,
			optionOrder: attemptQuestions.optionOrder,
			type: sql<string | null>`${questionVersions.content}->>'type'`,
		})
		.from(sessions)
		.innerJoin(users, and(eq(users.id, sessions.userId), eq(users.active, true)))
		.leftJoin(attempts, and(eq(attempts.id, sql.placeholder('attemptId')), eq(attempts.personId, users.personId)))
		.leftJoin(attemptQuestions, and(eq(attemptQuestions.attemptId, attempts.id), eq(attemptQuestions.position, sql.placeholder('position'))))
		.leftJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
		.where(eq(sessions.id, sql.placeholder('sessionId')))
		.prepare('answer_context'),
)

export async function answerEndpoint(input: { attemptId: string; cookie: string | undefined; body: string }, now = new Date()): Promise<EndpointReply> {
	const token = sessionTokenOf(input.cookie)
	if (!token) return { status: 401, body: { reason: 'signed-out', message: SIGNED_OUT } }
	const attemptId = Number(input.attemptId)
	if (!Number.isSafeInteger(attemptId) || attemptId <= 0 || attemptId > 2_147_483_647) return { status: 404, body: { reason: 'not-found', message: '试卷或题目不存在' } }
	let json: unknown = null
	try {
		json = JSON.parse(input.body)
	} catch {
		// Reported below as a malformed answer.
	}
	const parsed = AnswerSchema.safeParse(json)
	if (!parsed.success) return { status: 400, body: { reason: 'invalid', message: '答案格式不正确' } }

	const sessionId = sessionIdFromToken(token)
	const position = 'position' in parsed.data ? parsed.data.position : -1
	const [row] = await contextStatement().execute({ sessionId, attemptId, position })
	if (!row) return { status: 401, body: { reason: 'signed-out', message: SIGNED_OUT } }
	const status = sessionStatus(row.expiresAt, now.getTime())
	if (status === 'expired') {
		await invalidateSession(sessionId)
		return { status: 401, body: { reason: 'signed-out', message: SIGNED_OUT } }
	}
	if (!row.learner || !row.personId) return { status: 403, body: { reason: 'forbidden', message: '您没有权限执行此操作' } }
	const setCookie = status === 'renew' ? sessionCookie(token, await extendSession(sessionId)) : undefined

	if ('focusLost' in parsed.data) {
		await recordFocusLoss({ personId: row.personId }, attemptId)
		return { status: 200, body: { ok: true }, setCookie }
	}
	const target = row.deadlineAt && row.optionOrder && row.type ? { deadlineAt: row.deadlineAt, finishedAt: row.finishedAt, optionOrder: row.optionOrder, type: row.type } : null
	const result = await storeAnswer(target, { attemptId, ...parsed.data }, now)
	if (result.ok) return { status: 200, body: { saved: result.saved }, setCookie }
	return { status: result.reason === 'not-found' ? 404 : result.reason === 'invalid' ? 400 : 409, body: { reason: result.reason, message: result.message }, setCookie }
}
