import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { rebuildCoverage, refreshCoverageFor } from '#app/coverage/coverage.server.ts'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { obligationsOfPerson } from '#app/coverage/obligations.server.ts'
import { auditLog, coveragePersonYear, employmentEvents, employments, enterprises, people, regions } from '#db/schema/index.ts'
import { recordJobChange, recordLeave, recordPosting, recordReturn } from './employment.server.ts'
import { markLeaver } from './roster.server.ts'

async function setup() {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const make = async (name: string, code: string) =>
		(
			await db
				.insert(enterprises)
				.values({ name, creditCode: code, regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false })
				.returning()
		)[0]!
	const e1 = await make('甲厂', 'A'.repeat(18))
	const e2 = await make('乙厂', 'B'.repeat(18))
	const [p] = await db.insert(people).values({ name: '赵六', phone: '13700000000' }).returning()
	const [job] = await db
		.insert(employments)
		.values({ enterpriseId: e1.id, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
		.returning()
	return { e1, e2, job: job! }
}

test('a job change updates the employment and appends its event', async () => {
	const { e1, job } = await setup()
	const scope = { enterpriseId: e1.id, actorUserId: 1 }
	const r = await recordJobChange(scope, { employmentId: job.id, effectiveOn: '2024-05-01', jobCategory: 'special_operator', workType: '电工作业', department: '设备部', note: null })
	expect(r).toEqual({ ok: true })
	const [after] = await db.select().from(employments).where(eq(employments.id, job.id))
	expect(after).toMatchObject({ jobCategory: 'special_operator', workType: '电工作业', department: '设备部' })
	const events = await db.select().from(employmentEvents)
	expect(events).toMatchObject([{ kind: 'job_change', fromJobCategory: 'other', toJobCategory: 'special_operator' }])
})

test('a special operator needs a work type; another enterprise cannot touch the employment', async () => {
	const { e1, e2, job } = await setup()
	const missing = await recordJobChange({ enterpriseId: e1.id, actorUserId: 1 }, { employmentId: job.id, effectiveOn: '2024-05-01', jobCategory: 'special_operator', workType: null, department: null, note: null })
	expect(missing).toEqual({ ok: false, message: '调整为特种作业人员时须填写工种' })
	const foreign = await recordLeave({ enterpriseId: e2.id, actorUserId: 1 }, { employmentId: job.id, from: '2024-01-01', to: null, note: null })
	expect(foreign).toEqual({ ok: false, message: '找不到该人员的任职记录' })
	expect(await db.select().from(employmentEvents)).toHaveLength(0)
})

test('a leave is opened, cannot overlap or double up, and closes with a return', async () => {
	const { e1, job } = await setup()
	const scope = { enterpriseId: e1.id, actorUserId: 1 }
	expect(await recordLeave(scope, { employmentId: job.id, from: '2021-01-01', to: '2022-02-01', note: '病假' })).toEqual({ ok: true })
	expect((await recordLeave(scope, { employmentId: job.id, from: '2021-06-01', to: '2021-07-01', note: null })).ok).toBe(false)
	expect(await recordLeave(scope, { employmentId: job.id, from: '2023-03-01', to: null, note: null })).toEqual({ ok: true })
	const twice = await recordLeave(scope, { employmentId: job.id, from: '2023-04-01', to: null, note: null })
	expect(twice).toEqual({ ok: false, message: '该人员目前处于离岗状态，请先登记返岗' })
	expect((await recordReturn(scope, { employmentId: job.id, on: '2023-02-01', note: null })).ok).toBe(false)
	expect(await recordReturn(scope, { employmentId: job.id, on: '2024-03-05', note: null })).toEqual({ ok: true })
	const kinds = (await db.select({ kind: employmentEvents.kind }).from(employmentEvents)).map((e) => e.kind)
	expect(kinds).toEqual(['leave', 'leave', 'return'])
})

test('changes of last December recorded this year move last year’s kept coverage too, and create no year nobody kept', async () => {
	const { e1, job } = await setup()
	const scope = { enterpriseId: e1.id, actorUserId: 1 }
	const year = Number(todayInShanghai().slice(0, 4))
	const last = year - 1
	await refreshCoverageFor([job.personId], last)
	await refreshCoverageFor([job.personId], year)
	const kept = async (y: number) => db.select().from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, job.personId), eq(coveragePersonYear.year, y)))
	const agree = async () => {
		for (const y of [last, year]) expect((await rebuildCoverage(y, { dryRun: true })).differences, String(y)).toEqual([])
	}
	expect(await kept(last)).toMatchObject([{ jobCategory: 'other', obligations: 1 }])

	// Appointed safety manager on 20 December: last year's row owes the initial training.
	expect(await recordJobChange(scope, { employmentId: job.id, effectiveOn: `${last}-12-20`, jobCategory: 'safety_manager', workType: null, department: null, note: null })).toEqual({ ok: true })
	expect(await kept(last)).toMatchObject([{ jobCategory: 'safety_manager', obligations: 2 }])
	await agree()
	// A leave from two years back, ended on 27 December: recorded, and the years nobody kept stay empty.
	expect(await recordLeave(scope, { employmentId: job.id, from: `${last - 2}-12-01`, to: `${last}-12-27`, note: null })).toEqual({ ok: true })
	await agree()
	expect(await kept(last - 1)).toEqual([])
	expect(await kept(last - 2)).toEqual([])
	// Left on 28 December: no longer on this year's list, and last year's row knows it.
	expect(await markLeaver({ enterpriseId: e1.id, employmentId: job.id, leftOn: `${last}-12-28`, reason: null, actorUserId: 1 })).toMatchObject({ ok: true })
	expect(await kept(year)).toEqual([])
	expect(await kept(last)).toHaveLength(1)
	await agree()
})

test('a recorded 上岗日期 moves the pre-job deadline in the kept coverage and the person’s obligations; bad dates are refused by name', async () => {
	const { e1, e2, job: other } = await setup()
	const year = Number(todayInShanghai().slice(0, 4))
	const [p] = await db.insert(people).values({ name: '新员工', phone: '13700000001' }).returning()
	const [job] = await db.insert(employments).values({ enterpriseId: e1.id, personId: p!.id, jobCategory: 'other', hiredOn: `${year}-01-05` }).returning()
	const scope = { enterpriseId: e1.id, actorUserId: 1 }
	await refreshCoverageFor([p!.id, other.personId], year)
	const kept = async () => (await db.select({ dueBy: coveragePersonYear.dueBy }).from(coveragePersonYear).where(eq(coveragePersonYear.personId, p!.id)))[0]?.dueBy
	expect(await kept()).toBe(`${year}-01-05`)

	expect(await recordPosting(scope, { employmentId: job!.id, postedOn: `${year - 1}-12-31`, note: null })).toEqual({ ok: false, message: `上岗日期${year - 1}-12-31早于入职日期${year}-01-05，请核对` })
	expect(await recordPosting(scope, { employmentId: job!.id, postedOn: `${year + 1}-01-06`, note: null })).toEqual({ ok: false, message: `上岗日期${year + 1}-01-06比入职日期${year}-01-05晚一年以上，请核对` })
	expect(await recordPosting({ enterpriseId: e2.id, actorUserId: 1 }, { employmentId: job!.id, postedOn: `${year}-01-19`, note: null })).toEqual({ ok: false, message: '找不到该人员的任职记录' })
	expect(await kept()).toBe(`${year}-01-05`)

	expect(await recordPosting(scope, { employmentId: job!.id, postedOn: `${year}-01-19`, note: '三级教育后上岗' })).toEqual({ ok: true })
	expect(await recordPosting(scope, { employmentId: job!.id, postedOn: `${year}-01-19`, note: null })).toEqual({ ok: false, message: `上岗日期已是${year}-01-19` })
	expect(await kept()).toBe(`${year}-01-19`)
	const [preJob] = await obligationsOfPerson(p!.id, year)
	expect(preJob).toMatchObject({ trigger: 'pre_job', startsOn: `${year}-01-05`, dueBy: `${year}-01-19` })
	const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'employment.posting'))
	expect(entry).toMatchObject({ entityId: String(job!.id), detail: { from: null, to: `${year}-01-19`, note: '三级教育后上岗' } })
	expect((await rebuildCoverage(year, { dryRun: true })).differences).toEqual([])
})

test('a job change may carry the day the new post is taken up, not before the change nor a year after it', async () => {
	const { e1, job } = await setup()
	const scope = { enterpriseId: e1.id, actorUserId: 1 }
	const change = { employmentId: job.id, effectiveOn: '2024-05-01', jobCategory: 'special_operator' as const, workType: '电工作业', department: null, note: null }
	expect(await recordJobChange(scope, { ...change, postedOn: '2024-04-30' })).toEqual({ ok: false, message: '上岗日期2024-04-30早于调岗日期2024-05-01，请核对' })
	expect(await recordJobChange(scope, { ...change, postedOn: '2025-05-02' })).toEqual({ ok: false, message: '上岗日期2025-05-02比调岗日期2024-05-01晚一年以上，请核对' })
	expect(await db.$count(employmentEvents)).toBe(0)
	expect(await recordJobChange(scope, { ...change, postedOn: '2024-05-15' })).toEqual({ ok: true })
	expect(await db.select({ postedOn: employmentEvents.postedOn }).from(employmentEvents)).toEqual([{ postedOn: '2024-05-15' }])
})
