import { and, asc, count, desc, eq, isNotNull, isNull, like, or, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { employmentEvents, employments, enterprises, people } from '#db/schema/index.ts'
import { decryptIdNumber } from './id-crypto.server.ts'
import { likeEscape } from './scope.server.ts'

/** What a roster row and a person page show of an employment and its person. */
const employmentColumns = {
	employmentId: employments.id,
	personId: people.id,
	name: people.name,
	phone: people.phone,
	idNumberMasked: people.idNumberMasked,
	jobCategory: employments.jobCategory,
	workType: employments.workType,
	department: employments.department,
	hiredOn: employments.hiredOn,
	postedOn: employments.postedOn,
	leftOn: employments.leftOn,
}

export { maskPhone } from './labels.ts'

export const PEOPLE_PAGE_SIZE = 50

export type PeopleFilters = {
	q?: string
	jobCategory?: string
	department?: string
	status?: 'current' | 'left' | 'all'
	page?: number
}

/** One page of an enterprise's roster. */
export async function listEmployees(scope: { enterpriseId: number }, filters: PeopleFilters = {}) {
	const conditions = [eq(employments.enterpriseId, scope.enterpriseId)]
	const status = filters.status ?? 'current'
	if (status === 'current') conditions.push(isNull(employments.leftOn))
	if (status === 'left') conditions.push(isNotNull(employments.leftOn))
	if (filters.jobCategory) conditions.push(eq(employments.jobCategory, filters.jobCategory))
	if (filters.department) conditions.push(eq(employments.department, filters.department))
	if (filters.q) {
		const q = `%${likeEscape(filters.q)}%`
		conditions.push(or(like(people.name, q), like(people.phone, q))!)
	}
	const where = and(...conditions)
	const page = Math.max(1, filters.page ?? 1)
	const [rows, [total]] = await Promise.all([
		db
			.select(employmentColumns)
			.from(employments)
			.innerJoin(people, eq(people.id, employments.personId))
			.where(where)
			.orderBy(asc(employments.department), asc(people.name), asc(employments.id))
			.limit(PEOPLE_PAGE_SIZE)
			.offset((page - 1) * PEOPLE_PAGE_SIZE),
		db
			.select({ n: count() })
			.from(employments)
			.innerJoin(people, eq(people.id, employments.personId))
			.where(where),
	])
	return { rows, total: total?.n ?? 0, page, pageSize: PEOPLE_PAGE_SIZE }
}

export async function listDepartments(scope: { enterpriseId: number }) {
	const rows = await db
		.selectDistinct({ department: employments.department })
		.from(employments)
		.where(and(eq(employments.enterpriseId, scope.enterpriseId), isNotNull(employments.department)))
		.orderBy(asc(employments.department))
	return rows.map((r) => r.department).filter((d): d is string => Boolean(d))
}

/** One employment of this enterprise with its person and history; null outside the scope. */
export async function getEmployment(scope: { enterpriseId: number }, employmentId: number) {
	const [row] = await db
		.select(employmentColumns)
		.from(employments)
		.innerJoin(people, eq(people.id, employments.personId))
		.where(and(eq(employments.id, employmentId), eq(employments.enterpriseId, scope.enterpriseId)))
	if (!row) return null
	const events = await db
		.select({
			id: employmentEvents.id,
			kind: employmentEvents.kind,
			effectiveOn: employmentEvents.effectiveOn,
			endsOn: employmentEvents.endsOn,
			postedOn: employmentEvents.postedOn,
			fromJobCategory: employmentEvents.fromJobCategory,
			toJobCategory: employmentEvents.toJobCategory,
			fromWorkType: employmentEvents.fromWorkType,
			toWorkType: employmentEvents.toWorkType,
			note: employmentEvents.note,
			createdAt: employmentEvents.createdAt,
		})
		.from(employmentEvents)
		.where(and(eq(employmentEvents.employmentId, employmentId), eq(employmentEvents.enterpriseId, scope.enterpriseId)))
		.orderBy(asc(employmentEvents.effectiveOn), asc(employmentEvents.id))
	return { ...row, events }
}

/** A person's own record: the only place their full ID number is shown. */
export async function getOwnRecord(scope: { personId: number }) {
	const [person] = await db
		.select({
			id: people.id,
			name: people.name,
			phone: people.phone,
			idNumberEnc: people.idNumberEnc,
			idNumberMasked: people.idNumberMasked,
		})
		.from(people)
		.where(eq(people.id, scope.personId))
	if (!person) return null
	const jobs = await db
		.select({
			employmentId: employments.id,
			enterpriseName: enterprises.name,
			jobCategory: employments.jobCategory,
			workType: employments.workType,
			department: employments.department,
			hiredOn: employments.hiredOn,
			postedOn: employments.postedOn,
			leftOn: employments.leftOn,
		})
		.from(employments)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(eq(employments.personId, scope.personId))
		.orderBy(desc(employments.hiredOn))
	const { idNumberEnc, ...rest } = person
	return {
		...rest,
		idNumber: idNumberEnc ? await decryptIdNumber(idNumberEnc) : null,
		jobs,
	}
}

/** Count of people on an enterprise's current roster. */
export async function currentHeadcount(scope: { enterpriseId: number }) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(employments)
		.where(and(eq(employments.enterpriseId, scope.enterpriseId), isNull(employments.leftOn)))
	return row?.n ?? 0
}
