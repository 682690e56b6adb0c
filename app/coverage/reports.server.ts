import { and, asc, eq, gte, like, lt, sql } from 'drizzle-orm'
import { reportsDb as db } from '#app/utils/db.server.ts'
import { attempts, coveragePersonYear, enterprises, learningCredits, people, regions } from '#db/schema/index.ts'
import { type CoverageStatus } from './coverage.ts'
import { statusSql } from './coverage.server.ts'

export type CoverageFilters = { industry?: string; size?: string; highRisk?: boolean; parkId?: number }

const c = coveragePersonYear

function filtered(regionPath: string, year: number, f: CoverageFilters) {
	return and(
		eq(c.year, year),
		like(c.regionPath, `${regionPath}%`),
		sql`(${c.obligations} > 0 or ${c.requiredItems} > 0)`,
		f.industry ? eq(c.industry, f.industry) : undefined,
		f.size ? eq(c.size, f.size) : undefined,
		f.highRisk === undefined ? undefined : eq(c.highRisk, f.highRisk),
		f.parkId === undefined ? undefined : eq(c.parkId, f.parkId),
	)
}

/** Counts by status, a share, and hours: one row of figures. */
function figures(today: string) {
	const status = statusSql(today)
	return {
		people: sql<number>`count(*)::int`,
		done: sql<number>`count(*) filter (where ${status} = 'done')::int`,
		inProgress: sql<number>`count(*) filter (where ${status} = 'in_progress')::int`,
		notStarted: sql<number>`count(*) filter (where ${status} = 'not_started')::int`,
		overdue: sql<number>`count(*) filter (where ${status} = 'overdue')::int`,
		examPassed: sql<number>`count(*) filter (where ${c.examPassed})::int`,
		owedMinutes: sql<number>`coalesce(sum(${c.owedMinutes}), 0)::bigint`,
		creditedSeconds: sql<number>`coalesce(sum(${c.creditedSeconds}), 0)::bigint`,
	}
}

export type Figures = { people: number; done: number; inProgress: number; notStarted: number; overdue: number; examPassed: number; owedMinutes: number; creditedSeconds: number }

function normalise<T extends Figures>(row: T): T {
	return { ...row, owedMinutes: Number(row.owedMinutes), creditedSeconds: Number(row.creditedSeconds) }
}

/**
 * A region's coverage for a year: totals, each child region (one grouped query on the
 * materialised path), and each enterprise, worst first. Scope: the region path.
 */
export async function regionCoverage(scope: { regionPath: string; regionId: number }, year: number, today: string, f: CoverageFilters = {}) {
	const where = filtered(scope.regionPath, year, f)
	// The offset is inlined (a number) so the grouped expression is textually the selected one.
	const childKey = sql<string>`split_part(substr(${c.regionPath}, ${sql.raw(String(scope.regionPath.length + 1))}), '/', 1)`
	const [totals, byChild, childRegions, byEnterprise] = await Promise.all([
		db.select(figures(today)).from(c).where(where),
		db.select({ childId: childKey, ...figures(today) }).from(c).where(where).groupBy(childKey),
		db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.parentId, scope.regionId)).orderBy(asc(regions.id)),
		coverageByEnterprise(scope, year, today, f),
	])
	const children = childRegions.map((r) => {
		const row = byChild.find((b) => b.childId === String(r.id))
		return { regionId: r.id, name: r.name, ...normalise(row ?? { childId: '', people: 0, done: 0, inProgress: 0, notStarted: 0, overdue: 0, examPassed: 0, owedMinutes: 0, creditedSeconds: 0 }) }
	})
	return { totals: normalise(totals[0]!), children, enterprises: byEnterprise }
}

/** Each enterprise under a region with its figures, worst coverage first (the page's table and its export). */
export async function coverageByEnterprise(scope: { regionPath: string }, year: number, today: string, f: CoverageFilters = {}) {
	const rows = await db
		.select({ enterpriseId: c.enterpriseId, name: enterprises.name, industry: enterprises.industry, ...figures(today) })
		.from(c)
		.innerJoin(enterprises, eq(enterprises.id, c.enterpriseId))
		.where(filtered(scope.regionPath, year, f))
		.groupBy(c.enterpriseId, enterprises.name, enterprises.industry)
		.orderBy(sql`count(*) filter (where ${statusSql(today)} = 'done')::float / count(*)`, asc(enterprises.name))
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

/**
 * Month by month in a region: 学时 credited (seconds) and exams passed — the trend a regulator
 * watches. Two grouped queries over the facts, by the enterprise's region path.
 */
export async function regionTrend(scope: { regionPath: string }, year: number) {
	const startAt = new Date(`${year}-01-01T00:00:00+08:00`)
	const endAt = new Date(`${year + 1}-01-01T00:00:00+08:00`)
	const creditMonth = sql<number>`extract(month from ${learningCredits.day})::int`
	const passMonth = sql<number>`extract(month from ${attempts.finishedAt} at time zone 'Asia/Shanghai')::int`
	const [credits, passes] = await Promise.all([
		db
			.select({ month: creditMonth, seconds: sql<number>`sum(${learningCredits.seconds})::bigint` })
			.from(learningCredits)
			.innerJoin(enterprises, eq(enterprises.id, learningCredits.enterpriseId))
			.where(and(like(enterprises.regionPath, `${scope.regionPath}%`), gte(learningCredits.day, `${year}-01-01`), lt(learningCredits.day, `${year + 1}-01-01`)))
			.groupBy(creditMonth),
		db
			.select({ month: passMonth, passed: sql<number>`count(*)::int` })
			.from(attempts)
			.innerJoin(enterprises, eq(enterprises.id, attempts.enterpriseId))
			.where(and(like(enterprises.regionPath, `${scope.regionPath}%`), eq(attempts.passed, true), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt)))
			.groupBy(passMonth),
	])
	return Array.from({ length: 12 }, (_, i) => ({
		month: i + 1,
		seconds: Number(credits.find((c) => c.month === i + 1)?.seconds ?? 0),
		passed: passes.find((p) => p.month === i + 1)?.passed ?? 0,
	}))
}
