import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { db, type Db, type Tx } from '#app/utils/db.server.ts'
import { assignments, attempts, lessonProgress, lessons } from '#db/schema/index.ts'
import { type AssignedJob, assignmentApplies, type AssignmentIssuer, type AssignmentTargets } from './assignments.ts'

// The facts coverage needs about assignments: which are in force, and who has done which.
// Kept apart from assignments.server.ts so coverage can read them without a cycle.

export type Exec = Db | Tx
const a = assignments

export type ActiveAssignment = AssignmentTargets & { id: number; courseId: number | null; examId: number | null; lessonId: number | null; dueOn: string }

const targetColumns = {
	id: a.id,
	issuer: sql<AssignmentIssuer>`${a.issuer}`,
	enterpriseId: a.enterpriseId,
	regionPath: a.regionPath,
	industries: a.industries,
	highRiskOnly: a.highRiskOnly,
	departments: a.departments,
	jobCategories: a.jobCategories,
	personIds: a.personIds,
	courseId: a.courseId,
	examId: a.examId,
	lessonId: a.lessonId,
	dueOn: a.dueOn,
}

/** The assignments in force for a year (withdrawn ones are kept but reach no one). */
export async function activeAssignments(year: number, exec: Exec = db): Promise<ActiveAssignment[]> {
	return exec.select(targetColumns).from(a).where(and(eq(a.year, year), isNull(a.withdrawnAt))).orderBy(asc(a.id))
}

/**
 * Which of these assignments each person has done, as `personId:assignmentId` keys. A course is
 * done when every lesson it has from content/ is complete (a completion counts once, whenever it
 * happened); an exam when an attempt at it passed.
 */
export async function doneAssignments(personIds: readonly number[], list: readonly ActiveAssignment[], exec: Exec = db, range?: readonly [number, number]) {
	const done = new Set<string>()
	if (personIds.length === 0 || list.length === 0) return done
	const courseIds = [...new Set(list.flatMap((x) => (x.courseId ? [x.courseId] : [])))]
	const examIds = [...new Set(list.flatMap((x) => (x.examId ? [x.examId] : [])))]
	const lessonIds = [...new Set(list.flatMap((x) => (x.lessonId ? [x.lessonId] : [])))]
	const contentLesson = and(isNull(lessons.enterpriseId), eq(lessons.active, true))
	// A rebuild batch names its people by id range (cheaper than thousands of parameters).
	const ofPeople = (column: typeof lessonProgress.personId | typeof attempts.personId) => (range ? and(gte(column, range[0]), lt(column, range[1])) : inArray(column, [...personIds]))
	const [lessonCounts, completed, passed, lessonsDone] = await Promise.all([
		courseIds.length
			? exec.select({ courseId: lessons.courseId, n: sql<number>`count(*)::int` }).from(lessons).where(and(inArray(lessons.courseId, courseIds), contentLesson)).groupBy(lessons.courseId)
			: [],
		courseIds.length
			? exec
					.select({ personId: lessonProgress.personId, courseId: lessons.courseId, n: sql<number>`count(*)::int` })
					.from(lessonProgress)
					.innerJoin(lessons, eq(lessons.id, lessonProgress.lessonId))
					.where(and(ofPeople(lessonProgress.personId), inArray(lessons.courseId, courseIds), contentLesson, isNotNull(lessonProgress.completedAt)))
					.groupBy(lessonProgress.personId, lessons.courseId)
			: [],
		examIds.length
			? exec
					.select({ personId: attempts.personId, examId: attempts.examId })
					.from(attempts)
					.where(and(ofPeople(attempts.personId), inArray(attempts.examId, examIds), eq(attempts.passed, true), isNull(attempts.annulledAt)))
					.groupBy(attempts.personId, attempts.examId)
			: [],
		lessonIds.length
			? exec
					.select({ personId: lessonProgress.personId, lessonId: lessonProgress.lessonId })
					.from(lessonProgress)
					.where(and(ofPeople(lessonProgress.personId), inArray(lessonProgress.lessonId, lessonIds), isNotNull(lessonProgress.completedAt)))
			: [],
	])
	const lessonsOf = new Map(lessonCounts.map((c) => [c.courseId, c.n]))
	const courseDone = new Set(completed.filter((c) => c.n >= (lessonsOf.get(c.courseId) ?? Infinity)).map((c) => `${c.personId}:${c.courseId}`))
	const examDone = new Set(passed.map((p) => `${p.personId}:${p.examId}`))
	const lessonDone = new Set(lessonsDone.map((l) => `${l.personId}:${l.lessonId}`))
	for (const p of personIds) {
		for (const x of list) {
			const isDone = x.courseId ? courseDone.has(`${p}:${x.courseId}`) : x.lessonId ? lessonDone.has(`${p}:${x.lessonId}`) : examDone.has(`${p}:${x.examId}`)
			if (isDone) done.add(`${p}:${x.id}`)
		}
	}
	return done
}

export function assignmentsReaching(list: readonly ActiveAssignment[], job: AssignedJob) {
	return list.filter((x) => assignmentApplies(x, job))
}

