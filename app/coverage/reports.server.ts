import { and, asc, eq, like, sql } from 'drizzle-orm'
import { reportsDb as db } from '#app/utils/db.server.ts'
import { coverageEnterpriseRollup, coveragePersonYear, coverageRegionMonthRollup, coverageRegionRollup, employments, people, regions } from '#db/schema/index.ts'
import { type CoverageStatus } from './coverage.ts'
import { ENTERPRISE_PAGE_SIZE } from './report-view.ts'
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
 * materialised path), and one page of its enterprises, worst first, with their number — read
 * from the rollups (rollups.server.ts), as of their last refresh. Scope: the region path.
 */
export async function regionCoverage(scope: { regionPath: string; regionId: number }, year: number, f: CoverageFilters = {}, page = 1) {
	// Totals and children from the region rollups: a few rows per region, whatever its size.
	// Three statements for the page (each costs a round trip on both sides, whatever it reads).
	const [totals, children, enterprisePage] = await Promise.all([
		db
			.select({
				...sums,
				enterprises: sql<number>`coalesce(sum(${g.enterprises}), 0)::int`,
				// Every row of one refresh carries the same time; none when the year has no refresh yet.
				refreshedAt: sql<string | null>`(select ${g.refreshedAt} from ${g} where ${g.year} = ${year} limit 1)`,
			})
			.from(g)
			.where(and(byFilters(g, year, f), eq(g.regionId, scope.regionId))),
		db
			.select({ regionId: regions.id, name: regions.name, ...sums })
			.from(regions)
			.leftJoin(g, and(eq(g.regionId, regions.id), byFilters(g, year, f)))
			.where(eq(regions.parentId, scope.regionId))
			.groupBy(regions.id)
			.orderBy(asc(regions.id)),
		coverageByEnterprise(scope, year, f, { limit: ENTERPRISE_PAGE_SIZE, offset: (page - 1) * ENTERPRISE_PAGE_SIZE }),
	])
	const none = { people: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0, examPassed: 0, owedMinutes: 0, creditedSeconds: 0 }
	const { refreshedAt, enterprises: enterpriseCount, ...figures } = totals[0] ?? { ...none, enterprises: 0, refreshedAt: null }
	return {
		totals: normalise(figures),
		children: children.map(normalise),
		enterprises: enterprisePage,
		enterpriseCount,
		refreshedAt: refreshedAt ? new Date(refreshedAt) : null,
	}
}

/**
 * The enterprises under a region with their figures, worst coverage first: a page of them for
 * the coverage page, or every one (no `page`) for its export.
 */
export async function coverageByEnterprise(scope: { regionPath: string }, year: number, f: CoverageFilters = {}, page?: { limit: number; offset: number }) {
	const query = db
		.select({
			enterpriseId: r.enterpriseId,
			name: r.name,
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
		.where(filtered(scope.regionPath, year, f))
		// The order of coverage_rollup_rank_idx; the id last, so equal ratios and names still
		// page in one fixed order.
		.orderBy(sql`${r.done}::float / nullif(${r.people}, 0)`, asc(r.name), asc(r.enterpriseId))
		.$dynamic()
	const rows = page ? await query.limit(page.limit).offset(page.offset) : await query
	return rows.map(normalise)
}

/** An enterprise's people for a year with their status: who is behind, by department and job. */
export async function enterpriseCoverage(scope: { enterpriseId: number }, year: number, today: string) {
	const status = statusSql(today)
	return db
		.select({
			personId: c.personId,
			// The person's latest job at the enterprise: where their archive (一人一档) lives.
			employmentId: sql<number>`(select max(e.id) from ${employments} e where e.person_id = ${c.personId} and e.enterprise_id = ${c.enterpriseId})`,
			name: people.name,
			jobCategory: c.jobCategory,
			department: c.department,
			owedMinutes: c.owedMinutes,
			creditedSeconds: c.creditedSeconds,
			categoryShortSeconds: c.categoryShortSeconds,
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
