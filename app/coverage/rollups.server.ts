import { and, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { attempts, coverageEnterpriseRollup, coverageMonthRollup, coveragePersonYear, enterprises, learningCredits } from '#db/schema/index.ts'
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
	await db.transaction(async (tx) => {
		// Several app servers may run the sweep: one refresh at a time, the others skip.
		const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(${ROLLUP_LOCK}) as got`)
		const rows = (Array.isArray(locked) ? locked : (locked as unknown as { rows: { got: boolean }[] }).rows) as { got: boolean }[]
		if (!rows[0]?.got) return
		await tx.delete(coverageEnterpriseRollup).where(eq(coverageEnterpriseRollup.year, year))
		await tx.insert(coverageEnterpriseRollup).select(
			tx
				.select({
					enterpriseId: c.enterpriseId,
					year: sql<number>`${c.year}`.as('year'),
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
				.where(and(eq(c.year, year), sql`(${c.obligations} > 0 or ${c.requiredItems} > 0)`))
				.groupBy(c.enterpriseId, c.year),
		)
		await tx.delete(coverageMonthRollup).where(eq(coverageMonthRollup.year, year))
		const [credits, passes] = await Promise.all([
			tx
				.select({ enterpriseId: learningCredits.enterpriseId, month: creditMonth, regionPath: enterprises.regionPath, seconds: sql<number>`sum(${learningCredits.seconds})::bigint` })
				.from(learningCredits)
				.innerJoin(enterprises, eq(enterprises.id, learningCredits.enterpriseId))
				.where(and(isNotNull(learningCredits.enterpriseId), gte(learningCredits.day, `${year}-01-01`), lte(learningCredits.day, `${year}-12-31`)))
				.groupBy(learningCredits.enterpriseId, creditMonth, enterprises.regionPath),
			tx
				.select({ enterpriseId: attempts.enterpriseId, month: passMonth, regionPath: enterprises.regionPath, passed: sql<number>`count(*)::int` })
				.from(attempts)
				.innerJoin(enterprises, eq(enterprises.id, attempts.enterpriseId))
				.where(and(eq(attempts.passed, true), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt)))
				.groupBy(attempts.enterpriseId, passMonth, enterprises.regionPath),
		])
		const months = new Map<string, typeof coverageMonthRollup.$inferInsert>()
		for (const r of credits) months.set(`${r.enterpriseId}:${r.month}`, { enterpriseId: r.enterpriseId!, year, month: r.month, regionPath: r.regionPath, seconds: Number(r.seconds), passed: 0 })
		for (const p of passes) {
			const key = `${p.enterpriseId}:${p.month}`
			const row = months.get(key) ?? { enterpriseId: p.enterpriseId!, year, month: p.month, regionPath: p.regionPath, seconds: 0, passed: 0 }
			row.passed = p.passed
			months.set(key, row)
		}
		const monthRows = [...months.values()]
		for (let i = 0; i < monthRows.length; i += 5000) await tx.insert(coverageMonthRollup).values(monthRows.slice(i, i + 5000))
	})
}
