import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { and, eq, ne } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { cookieValue } from '#app/utils/request.server.ts'
import { sessions, users } from '#db/schema/index.ts'

// Sessions the Lucia way: the cookie carries a random token, the database only its SHA-256.
export const SESSION_COOKIE = 'anxun_session'
const DAY = 24 * 60 * 60 * 1000
export const SESSION_TTL = 30 * DAY
export const SESSION_RENEW_WITHIN = 15 * DAY

export function generateSessionToken() {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

export function sessionIdFromToken(token: string) {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

export async function createSession(
	token: string,
	userId: number,
	meta: { ip?: string | null; userAgent?: string | null } = {},
) {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_TTL),
		ip: meta.ip ?? null,
		userAgent: meta.userAgent?.slice(0, 300) ?? null,
	}
	await db.insert(sessions).values(session)
	return session
}

export type SessionUser = {
	id: number
	username: string | null
	phone: string | null
	displayName: string
	personId: number | null
}

export type ValidatedSession = {
	session: { id: string; userId: number; expiresAt: Date }
	user: SessionUser
	/** The expiry moved: send a fresh cookie. */
	renewed: boolean
}

/** Look up a token; expired sessions are deleted, sessions near expiry slide forward. */
export async function validateSessionToken(token: string): Promise<ValidatedSession | null> {
	const sessionId = sessionIdFromToken(token)
	const [row] = await db
		.select({
			id: sessions.id,
			userId: sessions.userId,
			expiresAt: sessions.expiresAt,
			user: {
				id: users.id,
				username: users.username,
				phone: users.phone,
				displayName: users.displayName,
				personId: users.personId,
				active: users.active,
			},
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sessionId))
	if (!row) return null
	const status = sessionStatus(row.expiresAt)
	if (status === 'expired' || !row.user.active) {
		await invalidateSession(sessionId)
		return null
	}
	const expiresAt = status === 'renew' ? await extendSession(sessionId) : row.expiresAt
	const { active: _active, ...user } = row.user
	return { session: { id: row.id, userId: row.userId, expiresAt }, user, renewed: status === 'renew' }
}

/** A stored session's state: past its expiry, close enough to it to slide forward, or valid. */
export function sessionStatus(expiresAt: Date, now = Date.now()): 'expired' | 'renew' | 'valid' {
	if (now >= expiresAt.getTime()) return 'expired'
	return now >= expiresAt.getTime() - SESSION_RENEW_WITHIN ? 'renew' : 'valid'
}

/** Slide a session's expiry forward (the caller sends a fresh cookie with the new date). */
export async function extendSession(sessionId: string) {
	const expiresAt = new Date(Date.now() + SESSION_TTL)
	await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId))
	return expiresAt
}

export async function invalidateSession(sessionId: string) {
	await db.delete(sessions).where(eq(sessions.id, sessionId))
}

/** End every session of a user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(userId: number, keepSessionId?: string) {
	await db
		.delete(sessions)
		.where(
			keepSessionId
				? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
				: eq(sessions.userId, userId),
		)
}

export function sessionCookie(token: string, expiresAt: Date) {
	const secure = getEnv().NODE_ENV === 'production' ? '; Secure' : ''
	return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Expires=${expiresAt.toUTCString()}${secure}`
}

export function blankSessionCookie() {
	const secure = getEnv().NODE_ENV === 'production' ? '; Secure' : ''
	return `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure}`
}

export function readSessionToken(request: Request) {
	return sessionTokenOf(request.headers.get('Cookie'))
}

/** The session token in a Cookie header, if there is one. */
export function sessionTokenOf(header: string | null | undefined) {
	return cookieValue(header, SESSION_COOKIE)
}
