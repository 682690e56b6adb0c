import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { auditLog, employmentEvents, employments, enterprises, people, regions, users } from '#db/schema/index.ts'
import { chooseRuleOption, currentRules, obligationsOfPerson } from './obligations.server.ts'

let ctx: { personId: number; builder: number; chem: number; userId: number }

beforeEach(async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const make = async (name: string, code: string, industry: string) =>
		(await db.insert(enterprises).values({ name, creditCode: code, regionId: r!.id, regionPath: '/1/', industry, size: 'small', highRisk: industry === 'hazardous_chemicals' }).returning())[0]!.id
	const builder = await make('某建筑公司', 'A'.repeat(18), 'construction')
	const chem = await make('某化工厂', 'B'.repeat(18), 'hazardous_chemicals')
	const [p] = await db.insert(people).values({ name: '周工', phone: '13700000006' }).returning()
	const [u] = await db.insert(users).values({ username: 'rules-admin', displayName: '管理员', passwordHash: 'x' }).returning()
	ctx = { personId: p!.id, builder, chem, userId: u!.id }
})

test('obligations come from the employment record: a builder’s annual refresher and a chemical plant’s new post', async () => {
	await db.insert(employments).values({ enterpriseId: ctx.builder, personId: ctx.personId, jobCategory: 'other', hiredOn: '2019-03-01' })
	const [chemJob] = await db.insert(employments).values({ enterpriseId: ctx.chem, personId: ctx.personId, jobCategory: 'special_operator', hiredOn: '2022-01-01' }).returning()
	await db.insert(employmentEvents).values({ enterpriseId: ctx.chem, employmentId: chemJob!.id, kind: 'job_change', effectiveOn: '2026-05-01', fromJobCategory: 'other', toJobCategory: 'special_operator' })
	const owed = await obligationsOfPerson(ctx.personId, 2026)
	expect(owed.map((o) => [o.enterpriseName, o.ruleId, o.hours])).toEqual([
		['某化工厂', 'reassignment', null],
		['某建筑公司', 'construction-worker-annual-2012', 20],
		['某化工厂', 'high-risk-worker-annual', 20],
	])
	// An enterprise sees only what is owed to it.
	expect((await obligationsOfPerson(ctx.personId, 2026, { enterpriseId: ctx.builder })).map((o) => o.ruleId)).toEqual(['construction-worker-annual-2012'])
})

test('choosing the other source for a disputed rule changes what is owed, and is recorded', async () => {
	await db.insert(employments).values({ enterpriseId: ctx.builder, personId: ctx.personId, jobCategory: 'other', hiredOn: '2019-03-01' })
	expect(await chooseRuleOption({ userId: ctx.userId }, { group: 'construction-worker-annual', option: '建教〔1997〕83号', note: '本省仍按 1997 年规定执行' })).toEqual({ ok: true })
	expect((await obligationsOfPerson(ctx.personId, 2026)).map((o) => [o.ruleId, o.hours])).toEqual([['construction-other-annual-1997', 15]])
	expect((await currentRules()).filter((r) => r.group === 'construction-worker-annual').map((r) => r.option)).toEqual(['建教〔1997〕83号', '建教〔1997〕83号'])
	const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'training_rule.choose'))
	expect(entry).toMatchObject({ actorUserId: ctx.userId, entityId: 'construction-worker-annual', detail: { from: '安委〔2012〕10号', to: '建教〔1997〕83号', note: '本省仍按 1997 年规定执行' } })
	expect(await chooseRuleOption({ userId: ctx.userId }, { group: 'construction-worker-annual', option: '随便', note: null })).toMatchObject({ ok: false })
})
