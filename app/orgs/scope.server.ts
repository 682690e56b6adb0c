import { inArray, like, or, sql, type SQL } from 'drizzle-orm'
import { type EnterpriseScope } from '#app/auth/scope.ts'
import { enterprises } from '#db/schema/index.ts'

/** The WHERE condition an enterprise list can never forget. */
export function enterpriseScopeWhere(scope: EnterpriseScope): SQL {
	if (scope.kind === 'all') return sql`true`
	const parts: SQL[] = scope.regionPaths.map((p) => like(enterprises.regionPath, `${p}%`))
	if (scope.enterpriseIds.length > 0) parts.push(inArray(enterprises.id, scope.enterpriseIds))
	if (parts.length === 0) return sql`false`
	return parts.length === 1 ? parts[0]! : or(...parts)!
}

/** Escape LIKE wildcards in user input. */
export function likeEscape(s: string) {
	return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
