import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { enterprises, regions } from '#db/schema/index.ts'

/** The ancestors of a region, root first (ids come from the materialised path). */
export async function regionBreadcrumb(path: string) {
	const ids = path.split('/').filter(Boolean).map(Number)
	if (ids.length === 0) return []
	return db
		.select({ id: regions.id, name: regions.name, level: regions.level })
		.from(regions)
		.where(inArray(regions.id, ids))
		.orderBy(asc(regions.depth))
}

/** Direct children of a region (or the roots), each with its subtree's enterprise count. */
export async function regionChildren(parentId: number | null) {
	const enterpriseCount = sql<number>`(
		select count(*)::int from ${enterprises}
		where ${enterprises.regionPath} like ${regions.path} || '%' and ${enterprises.closedAt} is null
	)`
	const highRiskCount = sql<number>`(
		select count(*)::int from ${enterprises}
		where ${enterprises.regionPath} like ${regions.path} || '%' and ${enterprises.highRisk} and ${enterprises.closedAt} is null
	)`
	return db
		.select({
			id: regions.id,
			name: regions.name,
			level: regions.level,
			code: regions.code,
			enterpriseCount,
			highRiskCount,
		})
		.from(regions)
		.where(parentId === null ? isNull(regions.parentId) : eq(regions.parentId, parentId))
		.orderBy(asc(regions.level), asc(regions.name))
}

/** Counts for the whole subtree of a region. */
export async function regionSummary(path: string) {
	const [row] = await db
		.select({
			enterprises: sql<number>`count(*)::int`,
			highRisk: sql<number>`count(*) filter (where ${enterprises.highRisk})::int`,
		})
		.from(enterprises)
		.where(sql`${like(enterprises.regionPath, `${path}%`)} and ${enterprises.closedAt} is null`)
	return row ?? { enterprises: 0, highRisk: 0 }
}

/** Regions under any of these subtree paths (all when null), in tree order, for pickers. */
export async function regionOptions(scopePaths: string[] | null) {
	const where =
		scopePaths === null
			? undefined
			: scopePaths.length === 0
				? sql`false`
				: or(...scopePaths.map((p) => like(regions.path, `${p}%`)))
	return db
		.select({ id: regions.id, name: regions.name, level: regions.level, path: regions.path, depth: regions.depth })
		.from(regions)
		.where(where)
		.orderBy(asc(regions.path))
}

/** The parks (开发区/工业园区) inside a region subtree, for the coverage filter. */
export async function parksUnder(path: string) {
	return db
		.select({ id: regions.id, name: regions.name })
		.from(regions)
		.where(and(eq(regions.level, 'park'), like(regions.path, `${path}%`)))
		.orderBy(asc(regions.name))
}

export async function getRegionById(id: number) {
	const [row] = await db
		.select({ id: regions.id, name: regions.name, level: regions.level, path: regions.path })
		.from(regions)
		.where(eq(regions.id, id))
	return row ?? null
}
