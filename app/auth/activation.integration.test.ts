import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { protectIdNumber } from '#app/orgs/id-crypto.server.ts'
import { maskIdNumber } from '#app/orgs/id-number.ts'
import { db } from '#app/utils/db.server.ts'
import { fixtureIdNumber } from '#tests/fixtures/roster.ts'
import { auditLog, employments, enterprises, people, regions, roleGrants, sessions, users } from '#db/schema/index.ts'
import { activateLearner, activationProblems } from './activation.server.ts'
import { login } from './login.server.ts'

const ID = fixtureIdNumber(4321)
const meta = { ip: '10.0.0.9', userAgent: 'vitest' }
const good = { phone: '13600004321', name: '林小川', idTail: ID.slice(-6), password: 'anquan2026', confirm: 'anquan2026' }
let enterpriseId = 0

beforeEach(async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '某化工厂', creditCode: 'B'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'hazardous_chemicals', size: 'small', highRisk: true }).returning()
	enterpriseId = e!.id
	const [p] = await db.insert(people).values({ name: good.name, phone: good.phone, ...(await protectIdNumber(ID, maskIdNumber)) }).returning()
	await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory: 'other', hiredOn: '2026-10-01' })
})

test('an employee on the roster opens a learner account with phone, name and the ID tail, and is signed in', async () => {
	const result = await activateLearner(good, meta)
	expect(result).toMatchObject({ ok: true })
	if (!result.ok) return
	expect(result.setCookie).toMatch(/^anxun_session=/)
	const [user] = await db.select({ phone: users.phone, displayName: users.displayName, personId: users.personId }).from(users).where(eq(users.id, result.userId))
	expect(user).toMatchObject({ phone: good.phone, displayName: good.name })
	expect(await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, result.userId))).toEqual([{ role: 'learner' }])
	expect(await db.$count(sessions)).toBe(1)
	expect(await db.$count(auditLog)).toBe(1)
	// From now on it is an ordinary login; a second activation is refused.
	expect((await login({ identifier: good.phone, password: good.password, ...meta })).ok).toBe(true)
	expect(await activateLearner(good, meta)).toMatchObject({ ok: false, message: expect.stringContaining('已开通账号') })
})

test('a wrong name, ID tail or phone gets one answer, creates nothing, and five failures lock the form', async () => {
	for (const wrong of [{ name: '林大川' }, { idTail: '000000' }, { phone: '13600009999' }]) {
		expect(await activateLearner({ ...good, ...wrong }, meta)).toMatchObject({ ok: false, message: expect.stringContaining('不一致') })
	}
	expect(await db.$count(users)).toBe(0)
	// Failures count per phone number and address: three more on this phone make five.
	for (const idTail of ['111111', '222222', '333333']) await activateLearner({ ...good, idTail }, meta)
	// Locked for this phone and address, even with the right answers.
	expect(await activateLearner(good, meta)).toMatchObject({ ok: false, throttled: true, message: expect.stringContaining('核对失败次数过多') })
	expect(await activateLearner(good, { ...meta, ip: '10.0.0.10' })).toMatchObject({ ok: true })
})

test('someone who has left, or whose employer recorded no ID number, cannot open an account', async () => {
	await db.update(employments).set({ leftOn: '2026-01-31' })
	expect(await activateLearner(good, meta, new Date('2026-06-01T00:00:00Z'))).toMatchObject({ ok: false, message: expect.stringContaining('不一致') })
	await db.update(employments).set({ leftOn: null })
	await db.update(people).set({ idNumberEnc: null, idNumberHash: null, idNumberMasked: null })
	expect(await activateLearner(good, { ...meta, ip: '10.0.0.11' })).toMatchObject({ ok: false, message: expect.stringContaining('没有您的身份证号') })
	expect(await db.$count(users)).toBe(0)
})

test('the form names each field it cannot accept', () => {
	expect(activationProblems({ phone: '12345', name: ' ', idTail: '12X456', password: 'short', confirm: 'short' })).toEqual({
		phone: '请填写 11 位手机号（单位登记的号码）',
		name: '请填写姓名',
		idTail: '请填写身份证号的最后六位（末位可以是 X）',
		password: '密码至少8位',
	})
	expect(activationProblems({ ...good, confirm: 'anquan2027' })).toEqual({ confirm: '两次输入的密码不一致' })
	expect(activationProblems({ ...good, idTail: '12345x' })).toEqual({})
})
