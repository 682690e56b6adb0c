// POST /exams/attempts/:attemptId/answer — one answer, saved as it is chosen. The busiest URL
// of the platform (every click of every examinee, crowding at the deadline), so the HTTP server
// hands it here before the Remix router (docs/decisions/0006): one prepared statement checks the
// session, the learner role and the ownership of the attempt and stores the answer. It answers
// JSON only, never a redirect: the exam page keeps an answer it could not save and says why.
import { and, eq, sql } from 'drizzle-orm'
import { z } from 'zod'
import { extendSession, invalidateSession, sessionCookie, sessionIdFromToken, sessionStatus, sessionTokenOf } from '#app/auth/session.server.ts'
import { preparedStatement } from '#app/utils/db.server.ts'
import { attemptAnswers, attemptQuestions, attempts, questionVersions, roleGrants, sessions, users } from '#db/schema/index.ts'
import { ANSWER_GRACE_SECONDS, answerToStore, secondsToStore } from './answer.ts'
import { recordFocusLoss } from './attempts.server.ts'

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

/**
 * The whole save in one round trip: a first part reads the session, its user's learner role and
 * the attempt's question (as `answerToStore` needs them); a second stores the answer, mapped from
 * displayed to authored option indices, only when every check of `answerToStore` holds; the
 * reply carries the context, the sequence number stored by this call (if any) and the one held
 * before it. The reply is then decided by `answerToStore` on that context, which stays the one
 * statement of the rules: the SQL conditions only have to refuse whatever it refuses, and a save
 * they skipped that it would have accepted is a 500 (the page keeps the answer and sends it again),
 * never a silent loss.
 */
const saveStatement = preparedStatement((db) => {
	const context = db.$with('context').as(
		db
			.select({
				expiresAt: sessions.expiresAt,
				personId: users.personId,
				learner: sql<boolean>`exists (select 1 from ${roleGrants} where ${roleGrants.userId} = ${users.id} and ${roleGrants.role} = 'learner')`.as('learner'),
				deadlineAt: attempts.deadlineAt,
				finishedAt: attempts.finishedAt,
				optionOrder: attemptQuestions.optionOrder,
				type: sql<string | null>`${questionVersions.content}->>'type'`.as('type'),
				heldSeq: sql<number | null>`(select ${attemptAnswers.seq} from ${attemptAnswers} where ${attemptAnswers.attemptId} = ${attempts.id} and ${attemptAnswers.position} = ${attemptQuestions.position})`.as('held_seq'),
			})
			.from(sessions)
			.innerJoin(users, and(eq(users.id, sessions.userId), eq(users.active, true)))
			.leftJoin(attempts, and(eq(attempts.id, sql`${sql.placeholder('attemptId')}::integer`), eq(attempts.personId, users.personId)))
			.leftJoin(attemptQuestions, and(eq(attemptQuestions.attemptId, attempts.id), eq(attemptQuestions.position, sql`${sql.placeholder('position')}::integer`)))
			.leftJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
			.where(eq(sessions.id, sql.placeholder('sessionId'))),
	)
	const now = sql`${sql.placeholder('now')}::timestamptz`
	const saved = db.$with('saved').as(
		db
			.insert(attemptAnswers)
			.select(
				db
					.select({
						attemptId: sql`${sql.placeholder('attemptId')}::integer`.as('attempt_id'),
						position: sql`${sql.placeholder('position')}::integer`.as('position'),
						chosen: sql`coalesce((select array_agg(${context.optionOrder}[d + 1] order by ${context.optionOrder}[d + 1]) from unnest(${sql.placeholder('chosen')}::integer[]) as d), '{}')`.as('chosen'),
						seq: sql`${sql.placeholder('seq')}::integer`.as('seq'),
						savedAt: sql`${now}`.as('saved_at'),
						secondsSpent: sql`${sql.placeholder('secondsSpent')}::integer`.as('seconds_spent'),
					})
					.from(context)
					// answerToStore's checks, in its order (the chosen indices arrive distinct and sorted).
					.where(
						sql`${context.expiresAt} > ${now} and ${context.learner} and ${context.personId} is not null
						and ${context.optionOrder} is not null and ${context.finishedAt} is null
						and ${context.deadlineAt} >= ${now} - ${sql.raw(`interval '${ANSWER_GRACE_SECONDS} seconds'`)}
						and ${sql.placeholder('topIndex')}::integer < cardinality(${context.optionOrder})
						and (${sql.placeholder('count')}::integer <= 1 or ${context.type} = 'multiple')`,
					),
			)
			.onConflictDoUpdate({
				target: [attemptAnswers.attemptId, attemptAnswers.position],
				set: { chosen: sql`excluded.chosen`, seq: sql`excluded.seq`, savedAt: sql`excluded.saved_at`, secondsSpent: sql`${attemptAnswers.secondsSpent} + excluded.seconds_spent` },
				setWhere: sql`${attemptAnswers.seq} < excluded.seq`,
			})
			.returning({ seq: attemptAnswers.seq }),
	)
	return db
		.with(context, saved)
		.select({
			expiresAt: context.expiresAt,
			personId: context.personId,
			learner: context.learner,
			deadlineAt: context.deadlineAt,
			finishedAt: context.finishedAt,
			optionOrder: context.optionOrder,
			type: context.type,
			heldSeq: context.heldSeq,
			savedSeq: sql<number | null>`(select ${saved.seq} from ${saved})`,
		})
		.from(context)
		.prepare('answer_save')
})

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
	const answer = 'position' in parsed.data ? parsed.data : null
	// Distinct and sorted, as answerToStore reads them; a focus loss reads the context only (no
	// question has position -1, so nothing is stored).
	const chosen = answer ? [...new Set(answer.chosen)].sort((a, b) => a - b) : []
	const [row] = await saveStatement().execute({
		sessionId,
		attemptId,
		position: answer?.position ?? -1,
		chosen,
		topIndex: chosen.at(-1) ?? -1,
		count: chosen.length,
		seq: answer?.seq ?? 0,
		// A string: the drivers pass raw parameters through as they are (only columns map dates).
		now: now.toISOString(),
		secondsSpent: secondsToStore(answer?.secondsSpent),
	})
	if (!row) return { status: 401, body: { reason: 'signed-out', message: SIGNED_OUT } }
	const status = sessionStatus(row.expiresAt, now.getTime())
	if (status === 'expired') {
		await invalidateSession(sessionId)
		return { status: 401, body: { reason: 'signed-out', message: SIGNED_OUT } }
	}
	if (!row.learner || !row.personId) return { status: 403, body: { reason: 'forbidden', message: '您没有权限执行此操作' } }
	const setCookie = status === 'renew' ? sessionCookie(token, await extendSession(sessionId)) : undefined

	if (!answer) {
		await recordFocusLoss({ personId: row.personId }, attemptId)
		return { status: 200, body: { ok: true }, setCookie }
	}
	const target = row.deadlineAt && row.optionOrder && row.type ? { deadlineAt: row.deadlineAt, finishedAt: row.finishedAt, optionOrder: row.optionOrder, type: row.type } : null
	const checked = answerToStore(target, chosen, now)
	if (!checked.ok) return { status: checked.reason === 'not-found' ? 404 : checked.reason === 'invalid' ? 400 : 409, body: { reason: checked.reason, message: checked.message }, setCookie }
	if (row.savedSeq !== null) return { status: 200, body: { saved: true }, setCookie }
	// Not stored: right only when the answer held is as new or newer (a late duplicate).
	if (row.heldSeq !== null && row.heldSeq >= answer.seq) return { status: 200, body: { saved: false }, setCookie }
	throw new Error(`答案未写入，但校验认为应当写入（attempt ${attemptId}, position ${answer.position}, seq ${answer.seq}）`)
}
