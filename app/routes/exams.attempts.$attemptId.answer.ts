import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { recordFocusLoss, saveAnswer } from '#app/exams/attempts.server.ts'

const AnswerSchema = z.union([
	z.object({
		position: z.number().int().min(0).max(1000),
		chosen: z.array(z.number().int().min(0).max(7)).max(8),
		seq: z.number().int().min(1).max(2_000_000_000),
		secondsSpent: z.number().min(0).max(86_400).optional(),
	}),
	z.object({ focusLost: z.literal(true) }),
])

export async function loader() {
	notFound()
}

/** One answer, saved as it is chosen (fetched by the exam page; JSON in, JSON out). */
export async function action({ request, params }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const attemptId = parseId(params.attemptId)
	const parsed = AnswerSchema.safeParse(await request.json().catch(() => null))
	if (!parsed.success) return Response.json({ message: '答案格式不正确' }, { status: 400 })
	if ('focusLost' in parsed.data) {
		await recordFocusLoss({ personId: principal.personId }, attemptId)
		return Response.json({ ok: true })
	}
	const result = await saveAnswer({ personId: principal.personId }, { attemptId, ...parsed.data })
	if (result.ok) return Response.json({ saved: result.saved }, { headers: { 'Cache-Control': 'no-store' } })
	const status = result.reason === 'not-found' ? 404 : result.reason === 'invalid' ? 400 : 409
	return Response.json({ reason: result.reason, message: result.message }, { status })
}
