import { redirect } from '@remix-run/node'
import { z } from 'zod'

// A one-shot message shown after a redirect, carried in a short-lived cookie.
const TOAST_COOKIE = 'anxun_toast'

const ToastSchema = z.object({
	kind: z.enum(['success', 'error', 'info']).default('success'),
	message: z.string().max(300),
})
export type Toast = z.infer<typeof ToastSchema>

function serialise(toast: Toast) {
	const value = Buffer.from(JSON.stringify(toast), 'utf8').toString('base64url')
	return `${TOAST_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`
}

export function redirectWithToast(url: string, toast: Toast, init: { headers?: HeadersInit } = {}) {
	const headers = new Headers(init.headers)
	headers.append('Set-Cookie', serialise(toast))
	return redirect(url, { headers })
}

/** Read and clear the toast of this request. */
export function takeToast(request: Request): { toast: Toast | null; setCookie: string | null } {
	const header = request.headers.get('Cookie') ?? ''
	const raw = header
		.split(';')
		.map((p) => p.trim())
		.find((p) => p.startsWith(`${TOAST_COOKIE}=`))
		?.slice(TOAST_COOKIE.length + 1)
	if (!raw) return { toast: null, setCookie: null }
	const clear = `${TOAST_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
	try {
		const parsed = ToastSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
		return { toast: parsed.success ? parsed.data : null, setCookie: clear }
	} catch {
		return { toast: null, setCookie: clear }
	}
}
