import { and, asc, count, eq, isNull, like, ne, or, sql } from 'drizzle-orm'
import { type EnterpriseScope } from '#app/auth/scope.ts'
import { refreshCoverageFor } from '#app/coverage/coverage.server.ts'
import { db, isUniqueViolation } from '#app/utils/db.server.ts'
import { coveragePersonYear, employments, enterprises, regions } from '#db/schema/index.ts'
import { audit } from './audit.server.ts'
import { type EnterpriseFormValues } from './enterprise-form.ts'
import { industryFlags, type IndustryCode } from './industries.ts'
import { enterpriseScopeWhere, likeEscape } from './scope.server.ts'

export const ENTERPRISE_PAGE_SIZE = 50

export type EnterpriseFilters = {
	q?: string
	industry?: string
	highRisk?: boolean
	/** Only enterprises under this region path. */
	regionPath?: string
	parkId?: number
	page?: number
}

/** One page of the enterprises in scope, with each one's current head count. */
export async function listEnterprises(scope: EnterpriseScope, filters: EnterpriseFilters = {}) {
	const conditions = [enterpriseScopeWhere(scope), isNull(enterprises.closedAt)]
	if (filters.q) {
		const q = `%${likeEscape(filters.q)}%`
		conditions.push(or(like(enterprises.name, q), like(enterprises.creditCode, q))!)
	}
	if (filters.industry) conditions.push(eq(enterprises.industry, filters.industry))
	if (filters.highRisk !== undefined) conditions.push(eq(enterprises.highRisk, filters.highRisk))
	if (filters.regionPath) conditions.push(like(enterprises.regionPath, `${filters.regionPath}%`))
	if (filters.parkId) conditions.push(eq(enterprises.parkId, filters.parkId))
	const where = and(...conditions)
	const page = Math.max(1, filters.page ?? 1)
	const headcount = db
		.select({ enterpriseId: employments.enterpriseId, people: count().as('people') })
		.from(employments)
		.where(isNull(employments.leftOn))
		.groupBy(employments.enterpriseId)
		.as('headcount')
	const [rows, [total]] = await Promise.all([
		db
			.select({
				id: enterprises.id,
				name: enterprises.name,
				creditCode: enterprises.creditCode,
				industry: enterprises.industry,
				size: enterprises.size,
				highRisk: enterprises.highRisk,
				regionName: regions.name,
				people: sql<number>`coalesce(${headcount.people}, 0)::int`,
			})
			.from(enterprises)
			.innerJoin(regions, eq(regions.id, enterprises.regionId))
			.leftJoin(headcount, eq(headcount.enterpriseId, enterprises.id))
			.where(where)
			.orderBy(asc(enterprises.regionPath), asc(enterprises.name))
			.limit(ENTERPRISE_PAGE_SIZE)
			.offset((page - 1) * ENTERPRISE_PAGE_SIZE),
		db.select({ n: count() }).from(enterprises).where(where),
	])
	return { rows, total: total?.n ?? 0, page, pageSize: ENTERPRISE_PAGE_SIZE }
}

/** The enterprise's profile; the caller has authorised access to `id`. */
export async function getEnterpriseProfile(id: number) {
	const park = db
		.select({ id: regions.id, name: regions.name })
		.from(regions)
		.as('park')
	const [row] = await db
		.select({
			id: enterprises.id,
			name: enterprises.name,
			creditCode: enterprises.creditCode,
			regionId: enterprises.regionId,
			regionPath: enterprises.regionPath,
			regionName: regions.name,
			parkId: enterprises.parkId,
			parkName: park.name,
			industry: enterprises.industry,
			size: enterprises.size,
			highRisk: enterprises.highRisk,
			address: enterprises.address,
			contactName: enterprises.contactName,
			contactPhone: enterprises.contactPhone,
			createdAt: enterprises.createdAt,
			updatedAt: enterprises.updatedAt,
		})
		.from(enterprises)
		.innerJoin(regions, eq(regions.id, enterprises.regionId))
		.leftJoin(park, eq(park.id, enterprises.parkId))
		.where(eq(enterprises.id, id))
	return row ?? null
}

/** Current head count by job category. */
export async function headcountByCategory(scope: { enterpriseId: number }) {
	return db
		.select({ jobCategory: employments.jobCategory, people: sql<number>`count(*)::int` })
		.from(employments)
		.where(and(eq(employments.enterpriseId, scope.enterpriseId), isNull(employments.leftOn)))
		.groupBy(employments.jobCategory)
}

export type EnterpriseWriteResult =
	| { ok: true; id: number }
	| { ok: false; fieldErrors: Partial<Record<keyof EnterpriseFormValues, string[]>> }

/**
 * Where an enterprise sits: its region node; a park is recorded as `parkId` as well, so
 * reports can filter by park while the region path keeps scope queries simple.
 */
async function placement(regionId: number) {
	const [region] = await db
		.select({ id: regions.id, path: regions.path, level: regions.level })
		.from(regions)
		.where(eq(regions.id, regionId))
	if (!region) return null
	return { regionPath: region.path, parkId: region.level === 'park' ? region.id : null }
}

async function creditCodeTaken(creditCode: string, exceptId?: number) {
	const [row] = await db
		.select({ id: enterprises.id, name: enterprises.name })
		.from(enterprises)
		.where(exceptId ? and(eq(enterprises.creditCode, creditCode), ne(enterprises.id, exceptId)) : eq(enterprises.creditCode, creditCode))
	return row ?? null
}

function duplicateMessage() {
	return '该统一社会信用代码已登记在平台上，不能重复登记（如需变更请联系该企业所在辖区的监管人员）'
}

/** Register an enterprise. `allowedRegion` says whether the actor may place it in a region. */
export async function createEnterprise(
	values: EnterpriseFormValues,
	actor: { userId: number; allowedRegion: (path: string) => boolean },
): Promise<EnterpriseWriteResult> {
	const where = await placement(values.regionId)
	if (!where || !actor.allowedRegion(where.regionPath)) {
		return { ok: false, fieldErrors: { regionId: ['所选区域不存在或不在您的辖区内'] } }
	}
	if (await creditCodeTaken(values.creditCode)) {
		return { ok: false, fieldErrors: { creditCode: [duplicateMessage()] } }
	}
	try {
		const id = await db.transaction(async (tx) => {
			const [row] = await tx
				.insert(enterprises)
				.values({
					name: values.name,
					creditCode: values.creditCode,
					regionId: values.regionId,
					regionPath: where.regionPath,
					parkId: where.parkId,
					industry: values.industry,
					size: values.size,
					highRisk: industryFlags(values.industry as IndustryCode).highRiskTraining,
					address: values.address ?? null,
					contactName: values.contactName ?? null,
					contactPhone: values.contactPhone ?? null,
				})
				.returning({ id: enterprises.id })
			await audit(tx, {
				actorUserId: actor.userId,
				action: 'enterprise.create',
				entityType: 'enterprise',
				entityId: row!.id,
				enterpriseId: row!.id,
				detail: { ...values },
			})
			return row!.id
		})
		return { ok: true, id }
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, fieldErrors: { creditCode: [duplicateMessage()] } }
		throw error
	}
}

const EDITABLE = ['name', 'creditCode', 'regionId', 'industry', 'size', 'address', 'contactName', 'contactPhone'] as const

/** Change an enterprise's registration; the audit entry keeps what changed, before and after. */
export async function updateEnterprise(
	id: number,
	values: EnterpriseFormValues,
	actor: { userId: number; allowedRegion: (path: string) => boolean },
): Promise<EnterpriseWriteResult> {
	const before = await getEnterpriseProfile(id)
	if (!before) return { ok: false, fieldErrors: { name: ['企业不存在'] } }
	const where = await placement(values.regionId)
	if (!where || !actor.allowedRegion(where.regionPath)) {
		return { ok: false, fieldErrors: { regionId: ['所选区域不存在或不在您的辖区内'] } }
	}
	if (await creditCodeTaken(values.creditCode, id)) {
		return { ok: false, fieldErrors: { creditCode: [duplicateMessage()] } }
	}
	const changes: Record<string, { from: unknown; to: unknown }> = {}
	for (const key of EDITABLE) {
		const from = before[key] ?? null
		const to = values[key] ?? null
		if (from !== to) changes[key] = { from, to }
	}
	if (Object.keys(changes).length === 0) return { ok: true, id }
	try {
		await db.transaction(async (tx) => {
			await tx
				.update(enterprises)
				.set({
					name: values.name,
					creditCode: values.creditCode,
					regionId: values.regionId,
					regionPath: where.regionPath,
					parkId: where.parkId,
					industry: values.industry,
					size: values.size,
					highRisk: industryFlags(values.industry as IndustryCode).highRiskTraining,
					address: values.address ?? null,
					contactName: values.contactName ?? null,
					contactPhone: values.contactPhone ?? null,
					updatedAt: new Date(),
				})
				.where(eq(enterprises.id, id))
			// Coverage rows carry the enterprise's place and kind for one-query rollups: move them too.
			await tx
				.update(coveragePersonYear)
				.set({ regionPath: where.regionPath, parkId: where.parkId, industry: values.industry, size: values.size, highRisk: industryFlags(values.industry as IndustryCode).highRiskTraining })
				.where(eq(coveragePersonYear.enterpriseId, id))
			await audit(tx, {
				actorUserId: actor.userId,
				action: 'enterprise.update',
				entityType: 'enterprise',
				entityId: id,
				enterpriseId: id,
				detail: { changes },
			})
		})
	} catch (error) {
		if (isUniqueViolation(error)) return { ok: false, fieldErrors: { creditCode: [duplicateMessage()] } }
		throw error
	}
	// Another industry can mean other hours owed (the high-risk list): recompute this year's.
	if (changes.industry) {
		const staff = await db.selectDistinct({ personId: employments.personId }).from(employments).where(eq(employments.enterpriseId, id))
		await refreshCoverageFor(staff.map((s) => s.personId))
	}
	return { ok: true, id }
}

