import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { notFound, requireUser } from '#app/auth/guards.server.ts'
import { hasRole, safeRedirect } from '#app/auth/scope.ts'
import { recordCheckAnswer, recordSelfCheck } from '#app/learning/ledger.server.ts'

const CheckSchema = z.object({
	intent: z.literal('check'),
	lessonId: z.coerce.number().int().positive(),
	checkId: z.string().min(1).max(40),
	choice: z.coerce.number().int().min(0).max(20),
})
const SelfCheckSchema = z.object({ intent: z.literal('self-check'), lessonId: z.coerce.number().int().positive(), checkId: z.string().min(1).max(40) })

export async function loader() {
	notFound()
}

/** Answers to inline checks and 对照检视 lists; without JavaScript the form returns to the lesson. */
export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireUser(request)
	const formData = await request.formData()
	const back = () => redirect(safeRedirect(new URL(request.headers.get('referer') ?? '/learn', 'http://x').pathname, '/learn'))
	// Hydrated forms say so; a plain form post (no JavaScript) goes back to the lesson.
	const isFetch = formData.get('via') === 'fetcher'
	if (!hasRole(principal, 'learner') || !principal.personId) {
		// Staff previewing a lesson: nothing is recorded.
		return isFetch ? data({ ok: false }) : back()
	}
	if (formData.get('intent') === 'check') {
		const parsed = CheckSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) return data({ ok: false, message: '请选择一个选项' }, { status: 400 })
		const saved = await recordCheckAnswer({ personId: principal.personId }, parsed.data)
		if (!saved) return data({ ok: false, message: '课时或题目不存在' }, { status: 404 })
	} else {
		const parsed = SelfCheckSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) return data({ ok: false, message: '请求有误' }, { status: 400 })
		const answers: Record<string, string> = {}
		for (const [key, value] of formData) {
			const m = /^item-(\d{1,2})$/.exec(key)
			if (m && (value === '是' || value === '否' || value === '不适用')) answers[m[1]!] = value
		}
		const saved = await recordSelfCheck({ personId: principal.personId }, { lessonId: parsed.data.lessonId, checkId: parsed.data.checkId, answers })
		if (!saved) return data({ ok: false, message: '课时不存在' }, { status: 404 })
	}
	return isFetch ? data({ ok: true }) : back()
}
