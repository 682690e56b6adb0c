import { type ActionFunctionArgs } from '@remix-run/node'
import { deviceIdOf } from '#app/auth/device.server.ts'
import { z } from 'zod'
import { getSession, notFound, requireRole } from '#app/auth/guards.server.ts'
import { recordHeartbeat } from '#app/learning/ledger.server.ts'

const HeartbeatSchema = z.object({
	lessonId: z.number().int().positive(),
	tabId: z.string().min(8).max(64),
	visible: z.boolean(),
	input: z.boolean(),
	position: z.number().min(0).max(1_000_000).optional(),
	video: z.object({ position: z.number().min(0).max(100_000), ended: z.boolean() }).optional(),
})

export async function loader() {
	notFound()
}

/** A learner's heartbeat: the server measures time with its own clock (see app/learning/ledger.ts). */
export async function action({ request, context }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	const session = await getSession(request)
	if (!principal.personId || !session) notFound()
	const parsed = HeartbeatSchema.safeParse(await request.json().catch(() => null))
	if (!parsed.success) return Response.json({ message: '心跳数据格式不正确' }, { status: 400 })
	const client = { ip: context.clientIp || null, userAgent: request.headers.get('user-agent'), deviceId: deviceIdOf(request.headers.get('Cookie')) }
	const result = await recordHeartbeat({ personId: principal.personId, sessionId: session.validated.session.id }, parsed.data, new Date(), client)
	if (!result) notFound('课时不存在')
	// Called with fetch(), not a fetcher: a plain JSON response.
	return Response.json(result, { headers: { 'Cache-Control': 'no-store' } })
}
