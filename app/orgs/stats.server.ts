import { isNull, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { employments, enterprises, users } from '#db/schema/index.ts'

/** Platform-wide totals for the platform admin's overview. */
export async function platformCounts() {
	const [[e], [p], [u]] = await Promise.all([
		db
			.select({
				enterprises: sql<number>`count(*)::int`,
				highRisk: sql<number>`count(*) filter (where ${enterprises.highRisk})::int`,
			})
			.from(enterprises)
			.where(isNull(enterprises.closedAt)),
		db.select({ people: sql<number>`count(distinct ${employments.personId})::int` }).from(employments).where(isNull(employments.leftOn)),
		db.select({ users: sql<number>`count(*)::int` }).from(users),
	])
	return { enterprises: e?.enterprises ?? 0, highRisk: e?.highRisk ?? 0, people: p?.people ?? 0, users: u?.users ?? 0 }
}
