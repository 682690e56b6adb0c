import { expect, test } from 'vitest'
import { db, reportsDb, reportsFromReplica } from '#app/utils/db.server.ts'
import { coveragePersonYear, enterprises, people, regions } from '#db/schema/index.ts'
import { regionCoverage } from './reports.server.ts'
import { refreshCoverageRollups } from './rollups.server.ts'

// Reports read through their own client when REPORTS_DATABASE_URL is set (a streaming replica
// in production). Here it points at the same database, so what is written is read back, and the
// client is read-only: a report can never write. PostgreSQL lane only (PGlite has no replicas).
const onPostgres = Boolean(process.env.DATABASE_URL)
if (onPostgres) process.env.REPORTS_DATABASE_URL = process.env.DATABASE_URL

test.skipIf(!onPostgres)('regulator reports read through the read-only reports client', async () => {
	expect(reportsFromReplica()).toBe(true)
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/9/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '副本厂', creditCode: 'R'.repeat(18), regionId: r!.id, regionPath: '/9/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '甲', phone: '13300000001' }).returning()
	await db.insert(coveragePersonYear).values({ personId: p!.id, enterpriseId: e!.id, year: 2026, regionPath: '/9/', industry: 'machinery', size: 'small', highRisk: false, jobCategory: 'other', owedMinutes: 360, obligations: 1, dueBy: '2026-12-31' })
	await refreshCoverageRollups(2026, '2026-06-01')
	const report = await regionCoverage({ regionPath: '/9/', regionId: r!.id }, 2026)
	expect(report.totals.people).toBe(1)
	expect(report.enterprises.map((x) => x.name)).toEqual(['副本厂'])
	const refused = await reportsDb
		.insert(people)
		.values({ name: '乙', phone: '13300000002' })
		.then(() => null, (error: unknown) => error as Error & { cause?: unknown })
	expect(String(refused?.cause ?? refused)).toMatch(/read-only transaction/)
})
