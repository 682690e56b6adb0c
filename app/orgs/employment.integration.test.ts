import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { employmentEvents, employments, enterprises, people, regions } from '#db/schema/index.ts'
import { recordJobChange, recordLeave, recordReturn } from './employment.server.ts'

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
