import { data, redirect } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { enterprises, regions, roleGrants } from '#db/schema/index.ts'
import {
	canEditEnterpriseProfile,
	canReadEnterprise,
	canReadRegion,
	canWriteEnterpriseRecords,
	type Grant,
	hasRole,
	type Principal,
	type Role,
} from './scope.ts'
import { readSessionToken, type ValidatedSession, validateSessionToken } from './session.server.ts'

type Resolved = { principal: Principal; validated: ValidatedSession } | null
const perRequest = new WeakMap<Request, Promise<Resolved>>()

async function loadGrants(userId: number, personId: number | null): Promise<Grant[]> {
	const rows = await db
		.select({
			role: roleGrants.role,
			regionId: roleGrants.regionId,
			regionPath: regions.path,
			regionName: regions.name,
			enterpriseId: roleGrants.enterpriseId,
			enterpriseName: enterprises.name,
		})
		.from(roleGrants)
		.leftJoin(regions, eq(regions.id, roleGrants.regionId))
		.leftJoin(enterprises, eq(enterprises.id, roleGrants.enterpriseId))
		.where(eq(roleGrants.userId, userId))
		.orderBy(roleGrants.id)
	const grants: Grant[] = []
	for (const r of rows) {
		if (r.role === 'platform_admin') grants.push({ role: 'platform_admin' })
		else if (r.role === 'regulator' && r.regionId && r.regionPath && r.regionName)
			grants.push({ role: 'regulator', regionId: r.regionId, regionPath: r.regionPath, regionName: r.regionName })
		else if (r.role === 'enterprise_admin' && r.enterpriseId && r.enterpriseName)
			grants.push({ role: 'enterprise_admin', enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName })
		else if (r.role === 'learner' && personId) grants.push({ role: 'learner', personId })
	}
	return grants
}

async function resolve(request: Request): Promise<Resolved> {
	const token = readSessionToken(request)
	if (!token) return null
	const validated = await validateSessionToken(token)
	if (!validated) return null
	const { user } = validated
	const grants = await loadGrants(user.id, user.personId)
	return {
		validated,
		principal: { userId: user.id, displayName: user.displayName, personId: user.personId, grants },
	}
}

/** The signed-in principal of this request (looked up once per request), or null. */
export async function getSession(request: Request) {
	let pending = perRequest.get(request)
	if (!pending) {
		pending = resolve(request)
		perRequest.set(request, pending)
	}
	return pending
}

export async function getPrincipal(request: Request) {
	return (await getSession(request))?.principal ?? null
}

export async function requireUser(request: Request): Promise<Principal> {
	const principal = await getPrincipal(request)
	if (principal) return principal
	const url = new URL(request.url)
	const redirectTo = `${url.pathname}${url.search}`
	throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`)
}

export function forbidden(message = '您没有权限执行此操作'): never {
	throw data({ message }, { status: 403 })
}

export function notFound(message = '页面不存在，或您无权查看'): never {
	throw data({ message }, { status: 404 })
}

export async function requireRole(request: Request, ...roles: Role[]) {
	const principal = await requireUser(request)
	if (!roles.some((role) => hasRole(principal, role))) forbidden()
	return principal
}

export function parseId(value: string | undefined): number {
	const id = Number(value)
	if (!Number.isSafeInteger(id) || id <= 0) notFound()
	return id
}

export type EnterpriseAccess = 'read' | 'records' | 'profile'

/**
 * An enterprise the user may see: outside the scope it does not exist (404); inside it but
 * without the right to change what is asked, 403.
 */
export async function requireEnterprise(
	request: Request,
	enterpriseIdParam: string | undefined,
	access: EnterpriseAccess = 'read',
) {
	const principal = await requireUser(request)
	const id = parseId(enterpriseIdParam)
	const [enterprise] = await db
		.select({ id: enterprises.id, name: enterprises.name, regionPath: enterprises.regionPath })
		.from(enterprises)
		.where(eq(enterprises.id, id))
	if (!enterprise || !canReadEnterprise(principal, enterprise)) notFound()
	if (access === 'records' && !canWriteEnterpriseRecords(principal, enterprise)) forbidden()
	if (access === 'profile' && !canEditEnterpriseProfile(principal, enterprise)) forbidden()
	return { principal, enterprise }
}

/** A region under the user's regulatory scope (or any, for the platform admin); else 404. */
export async function requireRegion(request: Request, regionIdParam: string | undefined) {
	const principal = await requireUser(request)
	const id = parseId(regionIdParam)
	const [region] = await db
		.select({ id: regions.id, name: regions.name, path: regions.path, level: regions.level, parentId: regions.parentId, code: regions.code })
		.from(regions)
		.where(eq(regions.id, id))
	if (!region || !canReadRegion(principal, region.path)) notFound()
	return { principal, region }
}
