// A browser's own identifier (anxun_device): a random value set at login and kept across
// logins and logouts, so one browser used by many accounts shows as one device. It identifies
// a browser, never a person, and proves nothing alone: it is a 走过场 signal (many people's
// learning or exams on one device), read by a regulator with the records behind it.
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { getEnv } from '#app/utils/env.server.ts'
import { cookieValue } from '#app/utils/request.server.ts'

export const DEVICE_COOKIE = 'anxun_device'
const DEVICE_ID = /^[a-z2-7]{32}$/
/** About thirteen months: the longest a browser keeps a cookie it was told to keep. */
const MAX_AGE_SECONDS = 400 * 24 * 3600

/** The device identifier in a Cookie header, if there is a well-formed one. */
export function deviceIdOf(header: string | null | undefined) {
	const value = cookieValue(header, DEVICE_COOKIE)
	return value && DEVICE_ID.test(value) ? value : null
}

/** The Set-Cookie value that gives a browser its identifier, or null when it has one already. */
export function deviceCookieFor(request: Request) {
	if (deviceIdOf(request.headers.get('Cookie'))) return null
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	const secure = getEnv().NODE_ENV === 'production' ? '; Secure' : ''
	return `${DEVICE_COOKIE}=${encodeBase32LowerCaseNoPadding(bytes)}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${MAX_AGE_SECONDS}${secure}`
}

/** Response headers that set the session cookie and, for a browser without one, the device cookie. */
export function loginHeaders(request: Request, sessionCookie: string) {
	const headers = new Headers()
	headers.append('Set-Cookie', sessionCookie)
	const device = deviceCookieFor(request)
	if (device) headers.append('Set-Cookie', device)
	return headers
}
