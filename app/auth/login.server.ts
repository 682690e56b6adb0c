import { and, desc, eq, gt, or } from 'drizzle-orm'
import { checkPhone } from '#app/orgs/phone.ts'
import { db } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { loginAttempts, roleGrants, users } from '#db/schema/index.ts'
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password.server.ts'
import { isStaff, type Role } from './scope.ts'
import {
	createSession,
	generateSessionToken,
	invalidateUserSessions,
	sessionCookie,
} from './session.server.ts'

export const MAX_FAILURES = 5
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000

/** Phone numbers are stored normalised; anything else is a username. */
export function normaliseIdentifier(input: string) {
	const trimmed = input.trim()
	const phone = checkPhone(trimmed)
	return phone.ok ? { kind: 'phone' as const, value: phone.phone } : { kind: 'username' as const, value: trimmed.toLowerCase() }
}

/**
 * When this account+IP may try again: after MAX_FAILURES failures within the window (and no
 * success since), the oldest of them must leave the window first.
 */
export async function throttledUntil(identifier: string, ip: string, now = new Date()): Promise<Date | null> {
	const since = new Date(now.getTime() - THROTTLE_WINDOW_MS)
	const recent = await db
		.select({ success: loginAttempts.success, at: loginAttempts.at })
		.from(loginAttempts)
		.where(and(eq(loginAttempts.identifier, identifier), eq(loginAttempts.ip, ip), gt(loginAttempts.at, since)))
		.orderBy(desc(loginAttempts.at), desc(loginAttempts.id))
		.limit(MAX_FAILURES)
	const failures: Date[] = []
	for (const a of recent) {
		if (a.success) break
		failures.push(a.at)
	}
	if (failures.length < MAX_FAILURES) return null
	const oldest = failures[failures.length - 1]!
	return new Date(oldest.getTime() + THROTTLE_WINDOW_MS)
}

export type LoginResult =
	| { ok: true; setCookie: string; userId: number }
	| { ok: false; message: string; throttled?: boolean }

export async function login(input: {
	identifier: string
	password: string
	ip: string
	userAgent: string | null
}): Promise<LoginResult> {
	const who = normaliseIdentifier(input.identifier)
	const until = await throttledUntil(who.value, input.ip)
	if (until) {
		return {
			ok: false,
			throttled: true,
			message: `密码错误次数过多，该账号已暂时锁定，请于 ${formatDateTime(until)} 之后再试`,
		}
	}
	const [user] = await db
		.select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
		.from(users)
		.where(who.kind === 'phone' ? or(eq(users.phone, who.value), eq(users.username, who.value)) : eq(users.username, who.value))
		.limit(1)
	const ok = user
		? user.active && (await verifyPassword(user.passwordHash, input.password))
		: await verifyAgainstDummy(input.password)
	await db.insert(loginAttempts).values({ identifier: who.value, ip: input.ip, success: Boolean(ok) })
	if (!ok || !user) {
		const left = await throttledUntil(who.value, input.ip)
		return left
			? { ok: false, throttled: true, message: `密码错误次数过多，该账号已暂时锁定，请于 ${formatDateTime(left)} 之后再试` }
			: { ok: false, message: '账号或密码不正确' }
	}
	const grants = await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, user.id))
	// Provincial rules forbid 多点登录 for learners: a new login ends their other sessions.
	if (!isStaff({ grants: grants.map((g) => ({ role: g.role as Role })) as never })) {
		await invalidateUserSessions(user.id)
	}
	const token = generateSessionToken()
	const session = await createSession(token, user.id, { ip: input.ip, userAgent: input.userAgent })
	return { ok: true, userId: user.id, setCookie: sessionCookie(token, session.expiresAt) }
}

export type PasswordChangeResult = { ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string }

/** Change a password; every other session of the account ends. */
export async function changePassword(input: {
	userId: number
	currentSessionId: string
	currentPassword: string
	newPassword: string
}): Promise<PasswordChangeResult> {
	const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId))
	if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
		return { ok: false, field: 'currentPassword', message: '当前密码不正确' }
	}
	const problem = passwordProblem(input.newPassword)
	if (problem) return { ok: false, field: 'newPassword', message: problem }
	if (input.newPassword === input.currentPassword) {
		return { ok: false, field: 'newPassword', message: '新密码不能与当前密码相同' }
	}
	await db
		.update(users)
		.set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() })
		.where(eq(users.id, input.userId))
	await invalidateUserSessions(input.userId, input.currentSessionId)
	return { ok: true }
}
