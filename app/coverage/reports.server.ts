import { and, asc, eq, inArray, like, sql } from 'drizzle-orm'
import { reportsDb as db } from '#app/utils/db.server.ts'
import { coverageEnterpriseRollup, coveragePersonYear, coverageRegionMonthRollup, coverageRegionRollup, enterprises, people, regions } from '#db/schema/index.ts'
import { type CoverageStatus } from './coverage.ts'
import { statusSql } from './coverage.server.ts'

export type CoverageFilters = { industry?: string; size?: string; highRisk?: boolean; parkId?: number }

const c = coveragePersonYear
const r = coverageEnterpriseRollup

/** The dashboard's filters on a rollup (enterprise or region: both carry the same columns). */
function byFilters(t: typeof r | typeof coverageRegionRollup, year: number, f: CoverageFilters) {
	return and(
		eq(t.year, year),
		f.industry ? eq(t.industry, f.industry) : undefined,
		f.size ? eq(t.size, f.size) : undefined,
		f.highRisk === undefined ? undefined : eq(t.highRisk, f.highRisk),
		f.parkId === undefined ? undefined : eq(t.parkId, f.parkId),
	)
}

function filtered(regionPath: string, year: number, f: CoverageFilters) {
	return and(byFilters(r, year, f), like(r.regionPath, `${regionPath}%`))
}

const g = coverageRegionRollup

/** Counts by status, and hours, summed over region rollup rows: one row of figures. */
const sums = {
	people: sql<number>`coalesce(sum(${g.people}), 0)::int`,
	done: sql<number>`coalesce(sum(${g.done}), 0)::int`,
	inProgress: sql<number>`coalesce(sum(${g.inProgress}), 0)::int`,
	notStarted: sql<number>`coalesce(sum(${g.notStarted}), 0)::int`,
	overdue: sql<number>`coalesce(sum(${g.overdue}), 0)::int`,
	examPassed: sql<number>`coalesce(sum(${g.examPassed}), 0)::int`,
	owedMinutes: sql<number>`coalesce(sum(${g.owedMinutes}), 0)::bigint`,
	creditedSeconds: sql<number>`coalesce(sum(${g.creditedSeconds}), 0)::bigint`,
}

export type Figures = { people: number; done: number; inProgress: number; notStarted: number; overdue: number; examPassed: number; owedMinutes: number; creditedSeconds: number }

function normalise<T extends Figures>(row: T): T {
	return { ...row, owedMinutes: Number(row.owedMinutes), creditedSeconds: Number(row.creditedSeconds) }
}

/**
 * A region's coverage for a year: totals, each child region (one grouped query on the
 * materialised path), and each enterprise, worst first — read from the enterprise rollups
 * (rollups.server.ts), as of their last refresh. Scope: the region path.
 */
export async function regionCoverage(scope: { regionPath: string; regionId: number }, year: number, f: CoverageFilters = {}) {
	// Totals and children from the region rollups: a few rows per region, whatever its size.
	const childIds = db.select({ id: regions.id }).from(regions).where(eq(regions.parentId, scope.regionId))
	const [totals, childRegions, byChild, byEnterprise, refreshed] = await Promise.all([
		db.select(sums).from(g).where(and(byFilters(g, year, f), eq(g.regionId, scope.regionId))),
		db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.parentId, scope.regionId)).orderBy(asc(regions.id)),
		db.select({ childId: g.regionId, ...sums }).from(g).where(and(byFilters(g, year, f), inArray(g.regionId, childIds))).groupBy(g.regionId),
		coverageByEnterprise(scope, year, f),
		// Every row of one refresh carries the same time.
		db.select({ at: g.refreshedAt }).from(g).where(eq(g.year, year)).limit(1),
	])
	const none = { people: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0, examPassed: 0, owedMinutes: 0, creditedSeconds: 0 }
	const children = childRegions.map((region) => {
		const { childId: _childId, ...row } = byChild.find((b) => b.childId === region.id) ?? { childId: 0, ...none }
		return { regionId: region.id, name: region.name, ...normalise(row) }
	})
	const at = refreshed[0]?.at
	return { totals: normalise(totals[0] ?? none), children, enterprises: byEnterprise, refreshedAt: at ? new Date(at) : null }
}

/** Each enterprise under a region with its figures, worst coverage first (the page's table and its export). */
export async function coverageByEnterprise(scope: { regionPath: string }, year: number, f: CoverageFilters = {}) {
	const rows = await db
		.select({
			enterpriseId: r.enterpriseId,
			name: enterprises.name,
			industry: r.industry,
			people: r.people,
			done: r.done,
			inProgress: r.inProgress,
			notStarted: r.notStarted,
			overdue: r.overdue,
			examPassed: r.examPassed,
			owedMinutes: r.owedMinutes,
			creditedSeconds: r.creditedSeconds,
		})
		.from(r)
		.innerJoin(enterprises, eq(enterprises.id, r.enterpriseId))
		.where(filtered(scope.regionPath, year, f))
		.orderBy(sql`${r.done}::float / nullif(${r.people}, 0)`, asc(enterprises.name))
		.limit(500)
	return rows.map(normalise)
}

/** An enterprise's people for a year with their status: who is behind, by department and job. */
export async function enterpriseCoverage(scope: { enterpriseId: number }, year: number, today: string) {
	const status = statusSql(today)
	return db
		.select({
			personId: c.personId,
			name: people.name,
			jobCategory: c.jobCategory,
			department: c.department,
			owedMinutes: c.owedMinutes,
			creditedSeconds: c.creditedSeconds,
			examPassed: c.examPassed,
			obligations: c.obligations,
			requiredItems: c.requiredItems,
			requiredDone: c.requiredDone,
			dueBy: c.dueBy,
			status: sql<CoverageStatus>`${status}`,
		})
		.from(c)
		.innerJoin(people, eq(people.id, c.personId))
		.where(and(eq(c.enterpriseId, scope.enterpriseId), eq(c.year, year), sql`(${c.obligations} > 0 or ${c.requiredItems} > 0)`))
		.orderBy(sql`case ${status} when 'overdue' then 0 when 'not_started' then 1 when 'in_progress' then 2 else 3 end`, asc(c.department), asc(people.name))
}

/** Month by month in a region: 学时 credited (seconds) and exams passed — from the month rollups. */
export async function regionTrend(scope: { regionPath: string }, year: number) {
	const m = coverageRegionMonthRollup
	const rows = await db
		.select({ month: m.month, seconds: sql<number>`sum(${m.seconds})::bigint`, passed: sql<number>`sum(${m.passed})::int` })
		.from(m)
		.innerJoin(regions, eq(regions.id, m.regionId))
		.where(and(eq(m.year, year), eq(regions.path, scope.regionPath)))
		.groupBy(m.month)
	return Array.from({ length: 12 }, (_, i) => ({
		month: i + 1,
		seconds: Number(rows.find((x) => x.month === i + 1)?.seconds ?? 0),
		passed: rows.find((x) => x.month === i + 1)?.passed ?? 0,
	}))
}
