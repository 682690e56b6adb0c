// Who may see and change what. Pure rules; the guards in guards.server.ts apply them.

export const ROLES = ['platform_admin', 'regulator', 'enterprise_admin', 'learner'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
	platform_admin: '平台管理员',
	regulator: '监管人员',
	enterprise_admin: '企业管理员',
	learner: '学员',
}

export type Grant =
	| { role: 'platform_admin' }
	| { role: 'regulator'; regionId: number; regionPath: string; regionName: string }
	| { role: 'enterprise_admin'; enterpriseId: number; enterpriseName: string }
	| { role: 'learner'; personId: number }

export type Principal = {
	userId: number
	displayName: string
	personId: number | null
	grants: Grant[]
}

export type EnterpriseRef = { id: number; regionPath: string }

export function hasRole(p: Principal, role: Role) {
	return p.grants.some((g) => g.role === role)
}

export function isPlatformAdmin(p: Principal) {
	return hasRole(p, 'platform_admin')
}

/** Staff accounts may keep several sessions; a pure learner account only one. */
export function isStaff(p: Pick<Principal, 'grants'>) {
	return p.grants.some((g) => g.role !== 'learner')
}

export function regulatorGrants(p: Principal) {
	return p.grants.filter((g): g is Extract<Grant, { role: 'regulator' }> => g.role === 'regulator')
}

export function enterpriseAdminGrants(p: Principal) {
	return p.grants.filter(
		(g): g is Extract<Grant, { role: 'enterprise_admin' }> => g.role === 'enterprise_admin',
	)
}

/** A region path lies under (or is) a scope path: both are `/id/id/…/` strings. */
export function pathWithin(path: string, scopePath: string) {
	return path.startsWith(scopePath)
}

export function canReadRegion(p: Principal, regionPath: string) {
	return isPlatformAdmin(p) || regulatorGrants(p).some((g) => pathWithin(regionPath, g.regionPath))
}

export function canReadEnterprise(p: Principal, e: EnterpriseRef) {
	return (
		isPlatformAdmin(p) ||
		regulatorGrants(p).some((g) => pathWithin(e.regionPath, g.regionPath)) ||
		enterpriseAdminGrants(p).some((g) => g.enterpriseId === e.id)
	)
}

/**
 * The enterprise's own records (roster, employments, training records): the enterprise's
 * admins and the platform admin. Regulators read them but never write them.
 */
export function canWriteEnterpriseRecords(p: Principal, e: EnterpriseRef) {
	return isPlatformAdmin(p) || enterpriseAdminGrants(p).some((g) => g.enterpriseId === e.id)
}

/** An accident with deaths is recorded by the regulators over the enterprise or by the enterprise. */
export function canRecordAccident(p: Principal, e: EnterpriseRef) {
	return canWriteEnterpriseRecords(p, e) || regulatorGrants(p).some((g) => pathWithin(e.regionPath, g.regionPath))
}

/**
 * The registration ledger (name, 信用代码, region, industry, size) is kept by the regulators
 * of the region and the platform admin; enterprise admins read it.
 */
export function canEditEnterpriseProfile(p: Principal, e: EnterpriseRef) {
	return isPlatformAdmin(p) || regulatorGrants(p).some((g) => pathWithin(e.regionPath, g.regionPath))
}

/** May create an enterprise in this region. */
export function canCreateEnterpriseIn(p: Principal, regionPath: string) {
	return canReadRegion(p, regionPath)
}

/** What lists of enterprises are filtered by: everything, or these subtrees and these ids. */
export type EnterpriseScope =
	| { kind: 'all' }
	| { kind: 'some'; regionPaths: string[]; enterpriseIds: number[] }

export function enterpriseScope(p: Principal): EnterpriseScope {
	if (isPlatformAdmin(p)) return { kind: 'all' }
	return {
		kind: 'some',
		regionPaths: regulatorGrants(p).map((g) => g.regionPath),
		enterpriseIds: enterpriseAdminGrants(p).map((g) => g.enterpriseId),
	}
}

/** The page each role lands on; the first grant in this order wins. */
export function homePath(p: Principal) {
	if (isPlatformAdmin(p)) return '/admin'
	const regulator = regulatorGrants(p)[0]
	if (regulator) return `/regions/${regulator.regionId}`
	const admin = enterpriseAdminGrants(p)[0]
	if (admin) return `/enterprises/${admin.enterpriseId}`
	return '/me'
}

/** Only same-site relative paths; anything else falls back. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
		return fallback
	}
	return to
}
