import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { coverageEnterpriseRollup, coveragePersonYear, coverageRebuilds, employments, enterprises, people, regions, users } from '#db/schema/index.ts'
import { chooseRuleOption } from './obligations.server.ts'
import { latestCoverageRebuild, requestCoverageRebuild, resumeCoverageRebuilds, runQueuedRebuilds } from './rebuild-jobs.server.ts'

/** The current year: its rebuild also refreshes the dashboard's rollups. */
const YEAR = Number(todayInShanghai().slice(0, 4))
let userId = 0
let personId = 0

beforeEach(async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [builder] = await db.insert(enterprises).values({ name: '某建筑公司', creditCode: 'A'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'construction', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '周工', phone: '13700000016' }).returning()
	personId = p!.id
	await db.insert(employments).values({ enterpriseId: builder!.id, personId, jobCategory: 'other', hiredOn: '2019-03-01' })
	const [u] = await db.insert(users).values({ username: 'rebuild-admin', displayName: '管理员', passwordHash: 'x' }).returning()
	userId = u!.id
})

test('a change of rules queues a rebuild that runs in the background, shows its progress and ends with what it found', async () => {
	expect(await db.$count(coveragePersonYear)).toBe(0)
	await chooseRuleOption({ userId }, { group: 'construction-worker-annual', option: '建教〔1997〕83号', note: null })
	const id = await requestCoverageRebuild({ userId }, YEAR, '培训规则选择变更')
	expect((await latestCoverageRebuild(YEAR))?.id).toBe(id)
	await runQueuedRebuilds()
	expect(await latestCoverageRebuild(YEAR)).toMatchObject({ id, status: 'done', rows: 1, differenceCount: 1, peopleDone: 1, peopleTotal: 1, error: null })
	// The rows now follow the rule chosen: 15 学时 a year for this builder, not 20.
	const [row] = await db.select({ owedMinutes: coveragePersonYear.owedMinutes }).from(coveragePersonYear).where(eq(coveragePersonYear.personId, personId))
	expect(row!.owedMinutes).toBe(15 * 45)
	// The dashboard's rollups were refreshed with it.
	expect(await db.$count(coverageEnterpriseRollup)).toBe(1)
	// Two requests in a row both run, one after the other; the second finds nothing to change.
	const a = await requestCoverageRebuild({ userId }, YEAR, '第一次')
	const b = await requestCoverageRebuild({ userId }, YEAR, '第二次')
	await runQueuedRebuilds()
	const jobs = await db.select({ id: coverageRebuilds.id, status: coverageRebuilds.status, differenceCount: coverageRebuilds.differenceCount }).from(coverageRebuilds).orderBy(coverageRebuilds.id)
	expect(jobs.filter((j) => j.id === a || j.id === b)).toEqual([
		{ id: a, status: 'done', differenceCount: 0 },
		{ id: b, status: 'done', differenceCount: 0 },
	])
})

test('a rebuild cut off by a crash is queued again at start-up and finishes', async () => {
	const [cut] = await db
		.insert(coverageRebuilds)
		.values({ year: YEAR, reason: '培训规则选择变更', status: 'running', peopleDone: 0, peopleTotal: 1, startedAt: new Date(Date.now() - 600_000), heartbeatAt: new Date(Date.now() - 600_000) })
		.returning()
	expect(await resumeCoverageRebuilds()).toBe(1)
	await runQueuedRebuilds()
	expect(await latestCoverageRebuild(YEAR)).toMatchObject({ id: cut!.id, status: 'done', rows: 1, differenceCount: 1 })
	expect(await db.$count(coveragePersonYear)).toBe(1)
})
