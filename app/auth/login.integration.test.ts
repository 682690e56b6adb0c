import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { loginAttempts, people, roleGrants, sessions, users } from '#db/schema/index.ts'
import { changePassword, login, MAX_FAILURES } from './login.server.ts'
import { hashPassword } from './password.server.ts'
import { SESSION_RENEW_WITHIN, sessionIdFromToken, validateSessionToken } from './session.server.ts'

const PASSWORD = 'correct1horse'

async function makeUser(kind: 'learner' | 'staff') {
	const passwordHash = await hashPassword(PASSWORD)
	if (kind === 'staff') {
		const [u] = await db.insert(users).values({ username: 'staff', displayName: '监管员', passwordHash }).returning()
		await db.insert(roleGrants).values({ userId: u!.id, role: 'platform_admin' })
		return u!
	}
	const [p] = await db.insert(people).values({ name: '张三', phone: '13900001111' }).returning()
	const [u] = await db
		.insert(users)
		.values({ phone: '13900001111', displayName: '张三', passwordHash, personId: p!.id })
		.returning()
	await db.insert(roleGrants).values({ userId: u!.id, role: 'learner' })
	return u!
}

function tokenOf(setCookie: string) {
	return /anxun_session=([^;]+)/.exec(setCookie)![1]!
}

const meta = { ip: '10.0.0.1', userAgent: 'vitest' }

test('a learner logs in by phone number, in any common spelling', async () => {
	await makeUser('learner')
	const result = await login({ identifier: '+86 139-0000-1111', password: PASSWORD, ...meta })
	expect(result.ok).toBe(true)
	if (!result.ok) return
	expect(result.setCookie).toMatch(/HttpOnly; SameSite=Lax; Path=\//)
	const validated = await validateSessionToken(tokenOf(result.setCookie))
	expect(validated?.user.displayName).toBe('张三')
})

test('the database keeps only the hash of the session token', async () => {
	await makeUser('staff')
	const result = await login({ identifier: 'STAFF', password: PASSWORD, ...meta })
	if (!result.ok) throw new Error(result.message)
	const token = tokenOf(result.setCookie)
	const rows = await db.select({ id: sessions.id }).from(sessions)
	expect(rows).toHaveLength(1)
	expect(rows[0]!.id).toBe(sessionIdFromToken(token))
	expect(rows[0]!.id).not.toContain(token)
})

test('a wrong password is refused without saying which part was wrong', async () => {
	await makeUser('staff')
	const wrongPassword = await login({ identifier: 'staff', password: 'nope', ...meta })
	const noSuchUser = await login({ identifier: 'ghost', password: 'nope', ...meta })
	expect(wrongPassword).toEqual({ ok: false, message: '账号或密码不正确' })
	expect(noSuchUser).toEqual({ ok: false, message: '账号或密码不正确' })
})

test('after five failures for an account and IP, even the right password waits, with the time to retry', async () => {
	await makeUser('staff')
	for (let i = 0; i < MAX_FAILURES - 1; i++) {
		const r = await login({ identifier: 'staff', password: 'bad', ...meta })
		expect(r.ok).toBe(false)
	}
	const fifth = await login({ identifier: 'staff', password: 'bad', ...meta })
	expect(fifth).toMatchObject({ ok: false, throttled: true })
	const right = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	expect(right.ok).toBe(false)
	if (right.ok) return
	expect(right.message).toMatch(/请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 之后再试/)
	// Another IP is not locked out by someone else's guesses.
	const elsewhere = await login({ identifier: 'staff', password: PASSWORD, ip: '10.0.0.2', userAgent: null })
	expect(elsewhere.ok).toBe(true)
})

test('failures older than fifteen minutes no longer count', async () => {
	await makeUser('staff')
	const old = new Date(Date.now() - 16 * 60 * 1000)
	await db.insert(loginAttempts).values(
		Array.from({ length: 6 }, () => ({ identifier: 'staff', ip: meta.ip, success: false, at: old })),
	)
	expect((await login({ identifier: 'staff', password: PASSWORD, ...meta })).ok).toBe(true)
})

test('a learner’s new login ends their other sessions; staff keep several', async () => {
	await makeUser('learner')
	await makeUser('staff')
	const a = await login({ identifier: '13900001111', password: PASSWORD, ...meta })
	const b = await login({ identifier: '13900001111', password: PASSWORD, ...meta })
	if (!a.ok || !b.ok) throw new Error('login failed')
	expect(await validateSessionToken(tokenOf(a.setCookie))).toBeNull()
	expect(await validateSessionToken(tokenOf(b.setCookie))).not.toBeNull()

	const s1 = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	const s2 = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	if (!s1.ok || !s2.ok) throw new Error('login failed')
	expect(await validateSessionToken(tokenOf(s1.setCookie))).not.toBeNull()
	expect(await validateSessionToken(tokenOf(s2.setCookie))).not.toBeNull()
})

test('a session near its expiry slides forward; an expired one is gone', async () => {
	await makeUser('staff')
	const r = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	if (!r.ok) throw new Error(r.message)
	const token = tokenOf(r.setCookie)
	const id = sessionIdFromToken(token)
	const soon = new Date(Date.now() + SESSION_RENEW_WITHIN - 60_000)
	await db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, id))
	const renewed = await validateSessionToken(token)
	expect(renewed?.renewed).toBe(true)
	expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000)

	await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id))
	expect(await validateSessionToken(token)).toBeNull()
	expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0)
})

test('changing the password signs out every other session and needs the current password', async () => {
	await makeUser('staff')
	const here = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	const there = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	if (!here.ok || !there.ok) throw new Error('login failed')
	const hereId = sessionIdFromToken(tokenOf(here.setCookie))
	const wrong = await changePassword({ userId: here.userId, currentSessionId: hereId, currentPassword: 'x', newPassword: 'newpass123' })
	expect(wrong).toEqual({ ok: false, field: 'currentPassword', message: '当前密码不正确' })
	const weak = await changePassword({ userId: here.userId, currentSessionId: hereId, currentPassword: PASSWORD, newPassword: 'short' })
	expect(weak.ok).toBe(false)
	const done = await changePassword({ userId: here.userId, currentSessionId: hereId, currentPassword: PASSWORD, newPassword: 'newpass123' })
	expect(done).toEqual({ ok: true })
	expect(await validateSessionToken(tokenOf(here.setCookie))).not.toBeNull()
	expect(await validateSessionToken(tokenOf(there.setCookie))).toBeNull()
	expect((await login({ identifier: 'staff', password: 'newpass123', ip: '10.0.0.9', userAgent: null })).ok).toBe(true)
})

test('a disabled account cannot log in and loses its sessions', async () => {
	const user = await makeUser('staff')
	const r = await login({ identifier: 'staff', password: PASSWORD, ...meta })
	if (!r.ok) throw new Error(r.message)
	await db.update(users).set({ active: false }).where(eq(users.id, user.id))
	expect(await validateSessionToken(tokenOf(r.setCookie))).toBeNull()
	expect((await login({ identifier: 'staff', password: PASSWORD, ...meta })).ok).toBe(false)
})
