// 首次登录（账号激活）: employees come into Anxun through their employer's roster, without an
// account. An employee opens their own account by proving they are the person on the roster —
// phone number, name and the last six characters of the ID number the employer recorded — and
// choosing a password. Mismatches all get the same answer and count against the login
// throttle, so the form cannot be used to find out who is on a roster.
import { and, eq, gte, isNull, or } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { decryptIdNumber } from '#app/orgs/id-crypto.server.ts'
import { checkPhone } from '#app/orgs/phone.ts'
import { db, isUniqueViolation } from '#app/utils/db.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { employments, loginAttempts, people, roleGrants, users } from '#db/schema/index.ts'
import { throttledUntil } from './login.server.ts'
import { hashPassword, passwordProblem } from './password.server.ts'
import { createSession, generateSessionToken, sessionCookie } from './session.server.ts'

export type ActivationInput = { phone: string; name: string; idTail: string; password: string; confirm: string }
export type ActivationResult =
	| { ok: true; setCookie: string; userId: number }
	| { ok: false; fieldErrors?: Partial<Record<keyof ActivationInput, string>>; message?: string; throttled?: boolean }

const MISMATCH = '手机号、姓名或身份证号后六位与单位登记的信息不一致。请核对；如单位登记有误，请联系本单位培训管理员更正。'
const ALREADY_OPEN = '该手机号已开通账号，请直接登录。忘记密码请联系本单位培训管理员。'

/** The form's own checks, before anything is looked up. */
export function activationProblems(input: ActivationInput): Partial<Record<keyof ActivationInput, string>> {
	const errors: Partial<Record<keyof ActivationInput, string>> = {}
	if (!checkPhone(input.phone.trim()).ok) errors.phone = '请填写 11 位手机号（单位登记的号码）'
	if (!input.name.trim()) errors.name = '请填写姓名'
	if (!/^\d{5}[\dXx]$/.test(input.idTail.trim())) errors.idTail = '请填写身份证号的最后六位（末位可以是 X）'
	const weak = passwordProblem(input.password)
	if (weak) errors.password = weak
	else if (input.password !== input.confirm) errors.confirm = '两次输入的密码不一致'
	return errors
}

export async function activateLearner(input: ActivationInput, meta: { ip: string; userAgent: string | null }, now = new Date()): Promise<ActivationResult> {
	const fieldErrors = activationProblems(input)
	if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors }
	const phone = (checkPhone(input.phone.trim()) as { ok: true; phone: string }).phone
	const identifier = `activate:${phone}`
	const locked = await throttledUntil(identifier, meta.ip, now)
	if (locked) return { ok: false, throttled: true, message: `核对失败次数过多，请于 ${formatDateTime(locked)} 之后再试` }

	const [person] = await db.select({ id: people.id, name: people.name, idNumberEnc: people.idNumberEnc }).from(people).where(eq(people.phone, phone))
	const today = todayInShanghai(now)
	const employed = person
		? (await db.select({ id: employments.id }).from(employments).where(and(eq(employments.personId, person.id), or(isNull(employments.leftOn), gte(employments.leftOn, today)))).limit(1)).length > 0
		: false
	const idNumber = person?.idNumberEnc ? await decryptIdNumber(person.idNumberEnc) : null
	const sameName = person?.name === input.name.trim()
	const matches = Boolean(person && employed && sameName && idNumber && idNumber.slice(-6).toUpperCase() === input.idTail.trim().toUpperCase())
	if (!matches || !person) {
		await db.insert(loginAttempts).values({ identifier, ip: meta.ip, success: false, at: now })
		const left = await throttledUntil(identifier, meta.ip, now)
		if (left) return { ok: false, throttled: true, message: `核对失败次数过多，请于 ${formatDateTime(left)} 之后再试` }
		// The one case worth telling apart: the employer recorded no ID number, so no one can prove it.
		if (person && employed && sameName && !idNumber) {
			return { ok: false, message: '单位登记的信息中没有您的身份证号，无法自助开通。请联系本单位培训管理员补登身份证号后再试。' }
		}
		return { ok: false, message: MISMATCH }
	}
	const [existing] = await db.select({ id: users.id }).from(users).where(or(eq(users.personId, person.id), eq(users.phone, phone))).limit(1)
	if (existing) return { ok: false, message: ALREADY_OPEN }

	const passwordHash = await hashPassword(input.password)
	const userId = await db
		.transaction(async (tx) => {
			const [user] = await tx.insert(users).values({ phone, displayName: person.name, personId: person.id, passwordHash }).returning({ id: users.id })
			await tx.insert(roleGrants).values({ userId: user!.id, role: 'learner' })
			await tx.insert(loginAttempts).values({ identifier, ip: meta.ip, success: true, at: now })
			await audit(tx, { actorUserId: user!.id, action: 'account.activate', entityType: 'user', entityId: user!.id, detail: { personId: person.id } })
			return user!.id
		})
		// The same person activating twice at once: the second meets the first's account.
		.catch((error: unknown) => {
			if (isUniqueViolation(error)) return null
			throw error
		})
	if (userId === null) return { ok: false, message: ALREADY_OPEN }
	const token = generateSessionToken()
	const session = await createSession(token, userId, { ip: meta.ip, userAgent: meta.userAgent })
	return { ok: true, userId, setCookie: sessionCookie(token, session.expiresAt) }
}
