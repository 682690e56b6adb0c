import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { auditLog, employmentEvents, employments, enterprises, learningCredits, people, regions, users } from '#db/schema/index.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { chooseRuleOption, currentRules, obligationProgressOfPerson, obligationsOfPerson } from './obligations.server.ts'

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

test('a recorded certificate review and a recorded fatal accident become obligations with their reasons, in kept coverage too', async () => {
	const { recordSpecialReview } = await import('#app/orgs/employment.server.ts')
	const { recordFatalAccident, listAccidents } = await import('#app/orgs/accidents.server.ts')
	const { rebuildCoverage } = await import('./coverage.server.ts')
	const { coveragePersonYear } = await import('#db/schema/index.ts')
	const [welder] = await db.insert(employments).values({ enterpriseId: ctx.chem, personId: ctx.personId, jobCategory: 'special_operator', workType: '焊接与热切割作业', hiredOn: '2018-03-01' }).returning()
	const [boss] = await db.insert(people).values({ name: '厂长', phone: '13700000007' }).returning()
	await db.insert(employments).values({ enterpriseId: ctx.chem, personId: boss!.id, jobCategory: 'principal', hiredOn: '2015-01-01' })
	const scope = { enterpriseId: ctx.chem, actorUserId: ctx.userId }

	expect(await recordSpecialReview(scope, { employmentId: welder!.id, reviewOn: '2026-12-10', note: '证号 T0001' })).toEqual({ ok: true })
	expect(await recordSpecialReview(scope, { employmentId: welder!.id, reviewOn: '2026-12-10', note: null })).toMatchObject({ ok: false, message: expect.stringContaining('已登记过') })
	expect(await recordSpecialReview({ ...scope, enterpriseId: ctx.builder }, { employmentId: welder!.id, reviewOn: '2026-12-10', note: null })).toMatchObject({ ok: false })
	const review = (await obligationsOfPerson(ctx.personId, 2026)).find((o) => o.ruleId === 'special-review')
	expect(review).toMatchObject({ hours: 8, dueBy: '2026-12-10', reason: expect.stringContaining('2026年12月10日复审') })

	expect(await recordFatalAccident(scope, { occurredOn: '2026-05-20', deaths: 1, summary: '储罐检修时一人中毒死亡' })).toEqual({ ok: true })
	expect((await listAccidents({ enterpriseId: ctx.chem })).map((a) => a.summary)).toEqual(['储罐检修时一人中毒死亡'])
	const retrain = (await obligationsOfPerson(boss!.id, 2026)).find((o) => o.ruleId === 'fatal-accident-retrain')
	expect(retrain).toMatchObject({ dueBy: '2026-11-20', reason: expect.stringContaining('发生造成人员死亡的生产安全事故') })
	// The welder is not a manager: the accident asks nothing more of them.
	expect((await obligationsOfPerson(ctx.personId, 2026)).some((o) => o.ruleId === 'fatal-accident-retrain')).toBe(false)

	const [bossRow] = await db.select().from(coveragePersonYear).where(eq(coveragePersonYear.personId, boss!.id))
	expect(bossRow).toMatchObject({ obligations: 2, dueBy: '2026-12-31' })
	expect((await rebuildCoverage(2026, { dryRun: true })).differenceCount).toBe(0)
	const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action)
	expect(actions).toEqual(expect.arrayContaining(['employment.special_review', 'enterprise.fatal_accident']))
})

test('the year’s ledger splits over what is owed, by category: the certificate review due first fills first, a correction takes back, another enterprise’s time does not count', async () => {
	const { recordSpecialReview } = await import('#app/orgs/employment.server.ts')
	const hour = ledgerRules().minutesPerCreditHour * 60
	const [welder] = await db.insert(employments).values({ enterpriseId: ctx.chem, personId: ctx.personId, jobCategory: 'special_operator', workType: '焊接与热切割作业', hiredOn: '2018-03-01' }).returning()
	await db.insert(employments).values({ enterpriseId: ctx.builder, personId: ctx.personId, jobCategory: 'other', hiredOn: '2019-03-01' })
	expect(await recordSpecialReview({ enterpriseId: ctx.chem, actorUserId: ctx.userId }, { employmentId: welder!.id, reviewOn: '2026-12-10', note: null })).toEqual({ ok: true })
	const credit = (enterpriseId: number, day: string, seconds: number, kind = 'heartbeat') => ({ personId: ctx.personId, enterpriseId, lessonId: 1, lessonVersionId: 1, day, seconds, kind })
	await db.insert(learningCredits).values([
		credit(ctx.chem, '2026-02-01', 6 * hour),
		credit(ctx.chem, '2026-02-01', 2 * hour),
		credit(ctx.chem, '2026-03-01', 10 * hour),
		credit(ctx.builder, '2026-03-02', 5 * hour),
		credit(ctx.chem, '2025-12-30', 4 * hour),
	])
	await db.insert(learningCredits).values({ ...credit(ctx.chem, '2026-03-01', -2 * hour, 'correction'), actorUserId: ctx.userId, reason: '重复计时' })

	const atChem = await obligationProgressOfPerson(ctx.personId, 2026, { enterpriseId: ctx.chem })
	expect(atChem.obligations.map((o) => [o.category, o.progress.owed, o.progress.credited, o.progress.metOn])).toEqual([
		['特种作业复审培训', 8, 8, '2026-02-01'],
		['年度再培训', 20, 8, null],
	])
	expect(atChem.unallocatedHours).toBe(0)
	// The learner sees both enterprises, each counting its own time.
	const mine = await obligationProgressOfPerson(ctx.personId, 2026)
	expect(mine.obligations.map((o) => [o.enterpriseName, o.category, o.progress.credited])).toEqual([
		['某化工厂', '特种作业复审培训', 8],
		['某建筑公司', '年度再培训', 5],
		['某化工厂', '年度再培训', 8],
	])
})
