import { and, eq, gte, isNotNull, isNull, lt, lte, type SQL, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { attempts, coverageEnterpriseRollup, coverageMonthRollup, coveragePersonYear, coverageRegionMonthRollup, coverageRegionRollup, enterprises, learningCredits, regions } from '#db/schema/index.ts'
import { statusSql } from './coverage.server.ts'

const c = coveragePersonYear
const ROLLUP_LOCK = 727275

/**
 * Recompute a year's dashboard rollups from the person rows and the ledger, as of `today`, in
 * one transaction (readers see the old rollup or the new one, never half). Three GROUP BYs: a
 * few seconds at a province's scale, run every few minutes and at start-up.
 */
export async function refreshCoverageRollups(year: number, today: string) {
	const status = statusSql(today)
	const startAt = new Date(`${year}-01-01T00:00:00+08:00`)
	const endAt = new Date(`${year + 1}-01-01T00:00:00+08:00`)
	const creditMonth = sql<number>`extract(month from ${learningCredits.day})::int`
	const passMonth = sql<number>`extract(month from ${attempts.finishedAt} at time zone 'Asia/Shanghai')::int`
	const refreshed = await db.transaction(async (tx) => {
		// Several app servers may run the sweep: one refresh at a time, the others skip.
		const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(${ROLLUP_LOCK}) as got`)
		const rows = (Array.isArray(locked) ? locked : (locked as unknown as { rows: { got: boolean }[] }).rows) as { got: boolean }[]
		if (!rows[0]?.got) return false
		await tx.delete(coverageEnterpriseRollup).where(eq(coverageEnterpriseRollup.year, year))
		await tx.insert(coverageEnterpriseRollup).select(
			tx
				.select({
					enterpriseId: c.enterpriseId,
					year: sql<number>`${c.year}`.as('year'),
					name: sql<string>`min(${enterprises.name})`.as('name'),
					regionPath: sql<string>`min(${c.regionPath})`.as('region_path'),
					industry: sql<string>`min(${c.industry})`.as('industry'),
					size: sql<string>`min(${c.size})`.as('size'),
					highRisk: sql<boolean>`bool_or(${c.highRisk})`.as('high_risk'),
					parkId: sql<number | null>`min(${c.parkId})`.as('park_id'),
					people: sql<number>`count(*)::int`.as('people'),
					done: sql<number>`(count(*) filter (where ${status} = 'done'))::int`.as('done'),
					inProgress: sql<number>`(count(*) filter (where ${status} = 'in_progress'))::int`.as('in_progress'),
					notStarted: sql<number>`(count(*) filter (where ${status} = 'not_started'))::int`.as('not_started'),
					overdue: sql<number>`(count(*) filter (where ${status} = 'overdue'))::int`.as('overdue'),
					examPassed: sql<number>`(count(*) filter (where ${c.examPassed}))::int`.as('exam_passed'),
					owedMinutes: sql<number>`sum(${c.owedMinutes})::bigint`.as('owed_minutes'),
					creditedSeconds: sql<number>`sum(${c.creditedSeconds})::bigint`.as('credited_seconds'),
					asOf: sql<string>`${today}::date`.as('as_of'),
					refreshedAt: sql<Date>`now()`.as('refreshed_at'),
				})
				.from(c)
				.innerJoin(enterprises, eq(enterprises.id, c.enterpriseId))
				.where(and(eq(c.year, year), sql`(${c.obligations} > 0 or ${c.requiredItems} > 0)`))
				.groupBy(c.enterpriseId, c.year),
		)
		await tx.delete(coverageMonthRollup).where(eq(coverageMonthRollup.year, year))
		// Credits and passes per enterprise and month, merged in the database (a full join):
		// nothing of the ledger's size crosses to the app. (Aliased columns of a subquery are
		// named raw: drizzle would leave `month` unqualified, and both sides have one.)
		const credits = tx
			.select({ enterpriseId: learningCredits.enterpriseId, month: creditMonth.as('month'), regionPath: enterprises.regionPath, seconds: sql<number>`sum(${learningCredits.seconds})::bigint`.as('seconds') })
			.from(learningCredits)
			.innerJoin(enterprises, eq(enterprises.id, learningCredits.enterpriseId))
			.where(and(isNotNull(learningCredits.enterpriseId), gte(learningCredits.day, `${year}-01-01`), lte(learningCredits.day, `${year}-12-31`)))
			.groupBy(learningCredits.enterpriseId, creditMonth, enterprises.regionPath)
			.as('c')
		const passes = tx
			.select({ enterpriseId: attempts.enterpriseId, month: passMonth.as('month'), regionPath: enterprises.regionPath, passed: sql<number>`count(*)::int`.as('passed') })
			.from(attempts)
			.innerJoin(enterprises, eq(enterprises.id, attempts.enterpriseId))
			.where(and(eq(attempts.passed, true), isNull(attempts.annulledAt), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt)))
			.groupBy(attempts.enterpriseId, passMonth, enterprises.regionPath)
			.as('p')
		await tx.insert(coverageMonthRollup).select(
			tx
				.select({
					enterpriseId: sql<number>`coalesce(${credits.enterpriseId}, ${passes.enterpriseId})`.as('enterprise_id'),
					year: sql<number>`${year}::int`.as('year'),
					month: sql<number>`coalesce(c.month, p.month)`.as('month'),
					regionPath: sql<string>`coalesce(${credits.regionPath}, ${passes.regionPath})`.as('region_path'),
					seconds: sql<number>`coalesce(c.seconds, 0)`.as('seconds'),
					passed: sql<number>`coalesce(p.passed, 0)`.as('passed'),
				})
				.from(credits)
				.fullJoin(passes, sql`c.enterprise_id = p.enterprise_id and c.month = p.month`),
		)
		// Every region above each enterprise (itself included), found by the prefixes of the
		// enterprise's path — what `like region.path || '%'` matches, as an equi-join — worked
		// out once per distinct path, not per row.
		const ancestors = (table: SQL, column: SQL) => sql`join (
			select d.path, g.id from (select distinct region_path as path from ${table} where year = ${year}) as d
			cross join lateral (
				select '/' || array_to_string((string_to_array(trim(both '/' from d.path), '/'))[1:i], '/') || '/' as prefix
				from generate_series(1, coalesce(array_length(string_to_array(trim(both '/' from d.path), '/'), 1), 0)) as i
			) as p
			join ${regions} as g on g.path = p.prefix
		) as g on g.path = ${column}`
		await tx.delete(coverageRegionRollup).where(eq(coverageRegionRollup.year, year))
		await tx.execute(sql`insert into ${coverageRegionRollup} (region_id, year, industry, size, high_risk, park_id, enterprises, people, done, in_progress, not_started, overdue, exam_passed, owed_minutes, credited_seconds, refreshed_at)
			select g.id, r.year, r.industry, r.size, r.high_risk, r.park_id, count(*), sum(r.people), sum(r.done), sum(r.in_progress), sum(r.not_started), sum(r.overdue), sum(r.exam_passed),
				sum(r.owed_minutes), sum(r.credited_seconds), now()
			from ${coverageEnterpriseRollup} as r ${ancestors(sql`${coverageEnterpriseRollup}`, sql`r.region_path`)}
			where r.year = ${year}
			group by g.id, r.year, r.industry, r.size, r.high_risk, r.park_id`)
		await tx.delete(coverageRegionMonthRollup).where(eq(coverageRegionMonthRollup.year, year))
		await tx.execute(sql`insert into ${coverageRegionMonthRollup} (region_id, year, month, seconds, passed)
			select g.id, m.year, m.month, sum(m.seconds), sum(m.passed)
			from ${coverageMonthRollup} as m ${ancestors(sql`${coverageMonthRollup}`, sql`m.region_path`)}
			where m.year = ${year}
			group by g.id, m.year, m.month`)
		return true
	})
	// Each refresh replaces every row of the year: without fresh statistics the planner takes a
	// province's 20,000 enterprise rows for one and joins them row by row, and without a vacuum
	// counts visit the heap for every row (the province page: 45 ms → 22 ms). A few hundred ms.
	if (refreshed) await db.execute(sql`vacuum (analyze) ${coverageEnterpriseRollup}, ${coverageMonthRollup}, ${coverageRegionRollup}, ${coverageRegionMonthRollup}`)
}
