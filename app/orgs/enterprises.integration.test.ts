import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { auditLog, enterprises, regions } from '#db/schema/index.ts'
import { makeCreditCode } from './credit-code.ts'
import { EnterpriseFormSchema } from './enterprise-form.ts'
import { createEnterprise, listEnterprises, updateEnterprise } from './enterprises.server.ts'
import { regionChildren } from './regions.server.ts'

async function tree() {
	const [city] = await db.insert(regions).values({ name: '测试市', level: 'city', path: '/1/', depth: 1 }).returning()
	const [a] = await db.insert(regions).values({ name: 'A县', level: 'county', parentId: city!.id, path: '/1/2/', depth: 2 }).returning()
	const [b] = await db.insert(regions).values({ name: 'B县', level: 'county', parentId: city!.id, path: '/1/3/', depth: 2 }).returning()
	const [park] = await db.insert(regions).values({ name: '开发区', level: 'park', parentId: city!.id, path: '/1/4/', depth: 2 }).returning()
	return { city: city!, a: a!, b: b!, park: park! }
}

function form(values: Record<string, unknown>) {
	return EnterpriseFormSchema.parse({
		name: '测试化工有限公司',
		creditCode: makeCreditCode('91990100MA0000001'),
		industry: 'hazardous_chemicals',
		size: 'medium',
		...values,
	})
}

const everywhere = { userId: 1, allowedRegion: () => true }

test('registering an enterprise derives its high-risk flag and path, and audits the act', async () => {
	const { a } = await tree()
	const result = await createEnterprise(form({ regionId: a.id }), everywhere)
	expect(result.ok).toBe(true)
	const [row] = await db.select().from(enterprises)
	expect(row).toMatchObject({ regionPath: '/1/2/', highRisk: true, parkId: null })
	const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'enterprise.create'))
	expect(entries).toHaveLength(1)
})

test('a duplicate credit code is refused on the field, naming why', async () => {
	const { a, b } = await tree()
	await createEnterprise(form({ regionId: a.id }), everywhere)
	const again = await createEnterprise(form({ regionId: b.id, name: '另一家公司' }), everywhere)
	expect(again.ok).toBe(false)
	if (again.ok) return
	expect(again.fieldErrors.creditCode?.[0]).toContain('已登记')
	expect(await db.select().from(enterprises)).toHaveLength(1)
})

test('a regulator cannot place an enterprise outside their region', async () => {
	const { b } = await tree()
	const onlyA = { userId: 2, allowedRegion: (path: string) => path.startsWith('/1/2/') }
	const result = await createEnterprise(form({ regionId: b.id }), onlyA)
	expect(result).toEqual({ ok: false, fieldErrors: { regionId: ['所选区域不存在或不在您的辖区内'] } })
})

test('an enterprise in a park records the park, and edits keep a before/after audit trail', async () => {
	const { a, park } = await tree()
	const created = await createEnterprise(form({ regionId: park.id }), everywhere)
	if (!created.ok) throw new Error('create failed')
	const [inPark] = await db.select().from(enterprises)
	expect(inPark).toMatchObject({ parkId: park.id, regionPath: '/1/4/' })
	await updateEnterprise(created.id, form({ regionId: a.id, industry: 'machinery' }), everywhere)
	const [moved] = await db.select().from(enterprises)
	expect(moved).toMatchObject({ parkId: null, regionPath: '/1/2/', highRisk: false, industry: 'machinery' })
	const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'enterprise.update'))
	expect(entry?.detail).toMatchObject({ changes: { industry: { from: 'hazardous_chemicals', to: 'machinery' } } })
})

test('lists are scoped: a county sees its own enterprises, counts roll up the tree', async () => {
	const { a, b } = await tree()
	await createEnterprise(form({ regionId: a.id }), everywhere)
	await createEnterprise(form({ regionId: b.id, creditCode: makeCreditCode('91990100MA0000002'), industry: 'machinery' }), everywhere)
	const countyA = await listEnterprises({ kind: 'some', regionPaths: ['/1/2/'], enterpriseIds: [] })
	expect(countyA.rows.map((r) => r.regionName)).toEqual(['A县'])
	const nothing = await listEnterprises({ kind: 'some', regionPaths: [], enterpriseIds: [] })
	expect(nothing.total).toBe(0)
	const children = await regionChildren((await db.select().from(regions).where(eq(regions.level, 'city')))[0]!.id)
	expect(children.find((c) => c.name === 'A县')).toMatchObject({ enterpriseCount: 1, highRiskCount: 1 })
	expect(children.find((c) => c.name === 'B县')).toMatchObject({ enterpriseCount: 1, highRiskCount: 0 })
})

test('coverage follows the enterprise: the park filter finds it, and moving or reclassifying it moves its coverage rows', async () => {
	const { city, a, park } = await tree()
	const created = await createEnterprise(form({ regionId: park.id }), everywhere)
	if (!created.ok) throw new Error('create failed')
	const { people, employments, coveragePersonYear } = await import('#db/schema/index.ts')
	const { refreshCoverageFor, rebuildCoverage } = await import('#app/coverage/coverage.server.ts')
	const { regionCoverage } = await import('#app/coverage/reports.server.ts')
	const { refreshCoverageRollups } = await import('#app/coverage/rollups.server.ts')
	const [p] = await db.insert(people).values({ name: '甲', phone: '13500000001' }).returning()
	await db.insert(employments).values({ enterpriseId: created.id, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
	// This year as the app counts it (Beijing time), which updateEnterprise refreshes.
	const year = Number(todayInShanghai().slice(0, 4))
	await refreshCoverageFor([p!.id], year)
	const cityScope = { regionPath: '/1/', regionId: city.id }
	await refreshCoverageRollups(year, `${year}-06-01`)
	expect((await regionCoverage(cityScope, year, { parkId: park.id })).totals.people).toBe(1)
	expect((await regionCoverage(cityScope, year, { parkId: a.id })).totals.people).toBe(0)
	const [before] = await db.select().from(coveragePersonYear)
	expect(before).toMatchObject({ parkId: park.id, industry: 'hazardous_chemicals', owedMinutes: 20 * 45 })

	await updateEnterprise(created.id, form({ regionId: a.id, industry: 'machinery' }), everywhere)
	const [after] = await db.select().from(coveragePersonYear)
	expect(after).toMatchObject({ parkId: null, regionPath: '/1/2/', industry: 'machinery', highRisk: false, owedMinutes: 8 * 45 })
	await refreshCoverageRollups(year, `${year}-06-01`)
	expect((await regionCoverage(cityScope, year, { parkId: park.id })).totals.people).toBe(0)
	expect((await rebuildCoverage(year, { dryRun: true })).differenceCount).toBe(0)
})
