import { and, asc, desc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db } from '#app/utils/db.server.ts'
import { assignments, courses, employments, enterprises, exams, lessons } from '#db/schema/index.ts'
import { type ActiveAssignment, activeAssignments, assignmentsReaching, doneAssignments } from './assignment-facts.server.ts'
import { type AssignmentFormValues, type AssignmentIssuer } from './assignments.ts'
import { refreshCoverageFor } from './coverage.server.ts'
import { employmentRecords } from './obligations.server.ts'

const a = assignments

export type AssignmentScope = { issuer: 'enterprise'; enterpriseId: number; regionPath: string } | { issuer: 'regulator'; regionPath: string }

/** Courses and published exams that may be assigned from this scope. */
export async function assignableTargets(scope: AssignmentScope) {
	const [courseRows, examRows] = await Promise.all([
		db.select({ id: courses.id, title: courses.title }).from(courses).where(eq(courses.active, true)).orderBy(asc(courses.position)),
		db
			.select({ id: exams.id, title: exams.title })
			.from(exams)
			.where(
				and(
					eq(exams.status, 'published'),
					scope.issuer === 'enterprise' ? or(isNull(exams.enterpriseId), eq(exams.enterpriseId, scope.enterpriseId)) : isNull(exams.enterpriseId),
					// A class's assessment is for its roster only: nobody else could sit it.
					sql`(${exams.audience} ->> 'classId') is null`,
				),
			)
			.orderBy(desc(exams.id)),
	])
	return { courses: courseRows, exams: examRows }
}

/**
 * Create a plan or a requirement, audited, then bring the coverage of everyone it reaches up
 * to date. The course or exam must be one this scope may assign.
 */
export async function createAssignment(actor: { userId: number }, scope: AssignmentScope, values: AssignmentFormValues) {
	const targets = await assignableTargets(scope)
	if (values.courseId !== null && !targets.courses.some((c) => c.id === values.courseId)) return { ok: false as const, errors: { target: '这门课程不存在或已下线' } }
	if (values.examId !== null && !targets.exams.some((e) => e.id === values.examId)) return { ok: false as const, errors: { target: '只能布置已发布的平台考试或本单位考试' } }
	const year = Number(values.dueOn.slice(0, 4))
	const id = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(a)
			.values({
				year,
				issuer: scope.issuer,
				kind: scope.issuer === 'enterprise' ? 'plan' : 'requirement',
				enterpriseId: scope.issuer === 'enterprise' ? scope.enterpriseId : null,
				regionPath: scope.regionPath,
				title: values.title,
				reason: values.reason,
				courseId: values.courseId,
				examId: values.examId,
				industries: values.industries,
				highRiskOnly: values.highRiskOnly,
				departments: values.departments,
				jobCategories: values.jobCategories,
				dueOn: values.dueOn,
				createdBy: actor.userId,
			})
			.returning({ id: a.id })
		await audit(tx, {
			actorUserId: actor.userId,
			action: scope.issuer === 'enterprise' ? 'plan.create' : 'requirement.create',
			entityType: 'assignment',
			entityId: row!.id,
			enterpriseId: scope.issuer === 'enterprise' ? scope.enterpriseId : null,
			detail: { ...values, regionPath: scope.regionPath },
		})
		return row!.id
	})
	await refreshCoverageFor(await peopleReachedBy(id), year)
	return { ok: true as const, id }
}

/** Withdraw an assignment of this scope (kept, marked with who and when; audited). */
export async function withdrawAssignment(actor: { userId: number }, scope: AssignmentScope, id: number) {
	const [row] = await db.select({ id: a.id, year: a.year, withdrawnAt: a.withdrawnAt }).from(a).where(and(eq(a.id, id), ownedBy(scope)))
	if (!row) return { ok: false as const, message: '没有这项任务，或它不是您布置的' }
	if (row.withdrawnAt) return { ok: true as const }
	const reached = await peopleReachedBy(id)
	await db.transaction(async (tx) => {
		await tx.update(a).set({ withdrawnAt: new Date(), withdrawnBy: actor.userId }).where(eq(a.id, id))
		await audit(tx, { actorUserId: actor.userId, action: 'assignment.withdraw', entityType: 'assignment', entityId: id, enterpriseId: scope.issuer === 'enterprise' ? scope.enterpriseId : null })
	})
	await refreshCoverageFor(reached, row.year)
	return { ok: true as const }
}

function ownedBy(scope: AssignmentScope) {
	return scope.issuer === 'enterprise'
		? and(eq(a.issuer, 'enterprise'), eq(a.enterpriseId, scope.enterpriseId))
		: and(eq(a.issuer, 'regulator'), like(a.regionPath, `${likeEscape(scope.regionPath)}%`))
}

/** The SQL form of assignmentApplies, for one assignment row `a` against employment `e` of enterprise `en`. */
const reaches = sql`(case when ${a.issuer} = 'enterprise' then ${employments.enterpriseId} = ${a.enterpriseId} else ${enterprises.regionPath} like ${a.regionPath} || '%' end)
	and (cardinality(${a.industries}) = 0 or ${enterprises.industry} = any(${a.industries}))
	and (not ${a.highRiskOnly} or ${enterprises.highRisk})
	and (cardinality(${a.departments}) = 0 or ${employments.department} = any(${a.departments}))
	and (cardinality(${a.jobCategories}) = 0 or ${employments.jobCategory} = any(${a.jobCategories}))
	and (cardinality(${a.personIds}) = 0 or ${employments.personId} = any(${a.personIds}))
	and ${employments.hiredOn} <= make_date(${a.year}, 12, 31)
	and (${employments.leftOn} is null or ${employments.leftOn} >= make_date(${a.year}, 1, 1))`

async function peopleReachedBy(id: number) {
	const rows = await db
		.selectDistinct({ personId: employments.personId })
		.from(a)
		.innerJoin(employments, sql`true`)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(and(eq(a.id, id), reaches))
	return rows.map((r) => r.personId)
}

const doneSql = sql`case when ${a.examId} is not null
	then exists (select 1 from attempts t where t.person_id = ${employments.personId} and t.exam_id = ${a.examId} and t.passed and t.annulled_at is null)
	when ${a.lessonId} is not null
	then exists (select 1 from lesson_progress lp where lp.person_id = ${employments.personId} and lp.lesson_id = ${a.lessonId} and lp.completed_at is not null)
	else (select count(*) from lesson_progress lp join lessons l on l.id = lp.lesson_id
			where lp.person_id = ${employments.personId} and l.course_id = ${a.courseId} and l.enterprise_id is null and l.active and lp.completed_at is not null)
		>= (select count(*) from lessons l2 where l2.course_id = ${a.courseId} and l2.enterprise_id is null and l2.active) end`

export type AssignmentView = Awaited<ReturnType<typeof listAssignments>>[number]

/**
 * The assignments an enterprise admin or a regulator sees, with how many people each reaches
 * within the viewer's scope and how many have done it (one grouped query). An enterprise sees
 * its own plans and the requirements that reach it; a regulator sees requirements issued in
 * its subtree and those from above that cover it.
 */
export async function listAssignments(viewer: { enterpriseId: number } | { regionPath: string }, year: number) {
	let scope: { enterpriseId: number; regionPath: string; industry: string; highRisk: boolean } | { regionPath: string }
	if ('enterpriseId' in viewer) {
		const [en] = await db.select({ regionPath: enterprises.regionPath, industry: enterprises.industry, highRisk: enterprises.highRisk }).from(enterprises).where(eq(enterprises.id, viewer.enterpriseId))
		if (!en) return []
		scope = { enterpriseId: viewer.enterpriseId, ...en }
	} else scope = viewer
	const visible =
		'enterpriseId' in scope
			? or(
					and(eq(a.issuer, 'enterprise'), eq(a.enterpriseId, scope.enterpriseId)),
					and(
						eq(a.issuer, 'regulator'),
						sql`${scope.regionPath} like ${a.regionPath} || '%'`,
						sql`(cardinality(${a.industries}) = 0 or ${scope.industry} = any(${a.industries}))`,
						scope.highRisk ? undefined : eq(a.highRiskOnly, false),
					),
				)
			: and(eq(a.issuer, 'regulator'), or(like(a.regionPath, `${likeEscape(scope.regionPath)}%`), sql`${scope.regionPath} like ${a.regionPath} || '%'`))
	const within = 'enterpriseId' in scope ? eq(employments.enterpriseId, scope.enterpriseId) : like(enterprises.regionPath, `${likeEscape(scope.regionPath)}%`)
	const list = await db
		.select({
			id: a.id,
			issuer: sql<AssignmentIssuer>`${a.issuer}`,
			kind: a.kind,
			title: a.title,
			reason: a.reason,
			regionPath: a.regionPath,
			industries: a.industries,
			highRiskOnly: a.highRiskOnly,
			departments: a.departments,
			jobCategories: a.jobCategories,
			dueOn: a.dueOn,
			withdrawnAt: a.withdrawnAt,
			createdAt: a.createdAt,
			courseTitle: courses.title,
			courseSlug: courses.slug,
			examTitle: exams.title,
			examId: a.examId,
			lessonTitle: lessons.title,
		})
		.from(a)
		.leftJoin(courses, eq(courses.id, a.courseId))
		.leftJoin(exams, eq(exams.id, a.examId))
		.leftJoin(lessons, eq(lessons.id, a.lessonId))
		.where(and(eq(a.year, year), visible, sql`${a.kind} <> 'law_education'`))
		.orderBy(desc(a.createdAt), desc(a.id))
	if (list.length === 0) return []
	const counts = await assignmentCounts(
		list.map((x) => x.id),
		within,
	)
	return list.map((x) => ({ ...x, reached: counts.get(x.id)?.reached ?? 0, done: counts.get(x.id)?.done ?? 0 }))
}

/**
 * How many people each assignment reaches (optionally only within a scope) and how many have
 * done it: one grouped query, the SQL form of assignmentApplies and doneAssignments.
 */
export async function assignmentCounts(ids: readonly number[], within?: SQL) {
	const out = new Map<number, { reached: number; done: number }>()
	if (ids.length === 0) return out
	const rows = await db
		.select({
			id: a.id,
			reached: sql<number>`count(distinct ${employments.personId})::int`,
			done: sql<number>`(count(distinct ${employments.personId}) filter (where ${doneSql}))::int`,
		})
		.from(a)
		.innerJoin(employments, sql`true`)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(and(inArray(a.id, [...ids]), within, reaches))
		.groupBy(a.id)
	for (const r of rows) out.set(r.id, { reached: r.reached, done: r.done })
	return out
}

/** What has been assigned to a person this year, where and why, and whether it is done. */
export async function assignmentsOfPerson(personId: number, year: number) {
	const [jobs, list] = await Promise.all([employmentRecords({ personIds: [personId], window: { start: `${year}-01-01`, end: `${year}-12-31` } }), activeAssignments(year)])
	const reached = new Map<number, { assignment: ActiveAssignment; enterpriseName: string }>()
	for (const job of jobs) for (const x of assignmentsReaching(list, job)) if (!reached.has(x.id)) reached.set(x.id, { assignment: x, enterpriseName: job.enterpriseName })
	if (reached.size === 0) return []
	const ids = [...reached.keys()]
	const [rows, done] = await Promise.all([
		db
			.select({
				id: a.id,
				issuer: sql<AssignmentIssuer>`${a.issuer}`,
				kind: a.kind,
				title: a.title,
				reason: a.reason,
				dueOn: a.dueOn,
				courseSlug: sql<string | null>`coalesce(${courses.slug}, lesson_course.slug)`,
				courseTitle: courses.title,
				examId: a.examId,
				examTitle: exams.title,
				lessonSlug: lessons.slug,
				lessonTitle: lessons.title,
			})
			.from(a)
			.leftJoin(courses, eq(courses.id, a.courseId))
			.leftJoin(exams, eq(exams.id, a.examId))
			.leftJoin(lessons, eq(lessons.id, a.lessonId))
			.leftJoin(sql`courses lesson_course`, sql`lesson_course.id = ${lessons.courseId}`)
			.where(inArray(a.id, ids))
			.orderBy(asc(a.dueOn), asc(a.id)),
		doneAssignments([personId], [...reached.values()].map((r) => r.assignment)),
	])
	return rows.map((r) => ({ ...r, enterpriseName: reached.get(r.id)!.enterpriseName, done: done.has(`${personId}:${r.id}`) }))
}
