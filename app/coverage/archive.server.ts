import { and, asc, desc, eq, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { classesOfPerson } from '#app/classes/classes.server.ts'
import { creditCorrections } from '#app/learning/corrections.server.ts'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { enterprisePushes } from '#app/warnings/pushes.server.ts'
import { attempts, certificates, courses, coveragePersonYear, employments, exams, integrityFlags, learningCredits, lessonProgress, lessons, lessonVersions, people } from '#db/schema/index.ts'
import { assignmentsOfPerson, listAssignments } from './assignments.server.ts'
import { obligationProgressOfPerson } from './obligations.server.ts'
import { type CoverageStatus } from './coverage.ts'
import { statusSql } from './coverage.server.ts'

/**
 * 一人一档: what 安全生产法 第二十八条 asks a training record to show — when, what (the exact
 * lesson version), how long, and the results — for one person, limited to one enterprise's
 * records when `enterpriseId` is given (an employer sees what was done while employed there).
 */
export async function personArchive(scope: { personId: number; enterpriseId?: number }) {
	const creditScope = scope.enterpriseId === undefined ? undefined : eq(learningCredits.enterpriseId, scope.enterpriseId)
	const year = Number(todayInShanghai().slice(0, 4))
	const [studied, papers, certs, inspections, assigned, classes, corrections, owed] = await Promise.all([
		db
			.select({
				course: courses.title,
				lesson: lessons.title,
				versionHash: lessonVersions.hash,
				firstDay: sql<string>`min(${learningCredits.day})`,
				lastDay: sql<string>`max(${learningCredits.day})`,
				seconds: sql<number>`sum(${learningCredits.seconds})::int`,
				completedAt: sql<Date | null>`max(${lessonProgress.completedAt})`,
			})
			.from(learningCredits)
			.innerJoin(lessons, eq(lessons.id, learningCredits.lessonId))
			.innerJoin(courses, eq(courses.id, lessons.courseId))
			.innerJoin(lessonVersions, eq(lessonVersions.id, learningCredits.lessonVersionId))
			.leftJoin(lessonProgress, and(eq(lessonProgress.personId, learningCredits.personId), eq(lessonProgress.lessonId, learningCredits.lessonId), eq(lessonProgress.completedVersionId, learningCredits.lessonVersionId)))
			.where(and(eq(learningCredits.personId, scope.personId), creditScope))
			.groupBy(courses.title, lessons.title, lessonVersions.hash, courses.position, lessons.position)
			.orderBy(sql`min(${learningCredits.day})`, asc(courses.position), asc(lessons.position)),
		db
			.select({ exam: exams.title, number: attempts.number, startedAt: attempts.startedAt, finishedAt: attempts.finishedAt, finishedBy: attempts.finishedBy, score: attempts.score, maxScore: attempts.maxScore, passed: attempts.passed, annulledAt: attempts.annulledAt, annulReason: attempts.annulReason })
			.from(attempts)
			.innerJoin(exams, eq(exams.id, attempts.examId))
			.where(and(eq(attempts.personId, scope.personId), isNotNull(attempts.finishedAt), scope.enterpriseId === undefined ? undefined : eq(attempts.enterpriseId, scope.enterpriseId)))
			.orderBy(desc(attempts.finishedAt)),
		db
			.select({ number: certificates.number, title: certificates.title, issuedOn: certificates.issuedOn, expiresOn: certificates.expiresOn, revokedAt: certificates.revokedAt })
			.from(certificates)
			.where(and(eq(certificates.personId, scope.personId), scope.enterpriseId === undefined ? undefined : eq(certificates.enterpriseId, scope.enterpriseId)))
			.orderBy(desc(certificates.issuedOn)),
		db
			.select({ lesson: lessons.title, course: courses.title, selfChecks: lessonProgress.selfChecks, updatedAt: lessonProgress.updatedAt })
			.from(lessonProgress)
			.innerJoin(lessons, eq(lessons.id, lessonProgress.lessonId))
			.innerJoin(courses, eq(courses.id, lessons.courseId))
			.where(and(eq(lessonProgress.personId, scope.personId), sql`${lessonProgress.selfChecks} <> '{}'::jsonb`, scope.enterpriseId === undefined ? undefined : eq(lessonProgress.enterpriseId, scope.enterpriseId))),
		// What was assigned this year (plans, requirements, warning pushes, law education), with its reason.
		assignmentsOfPerson(scope.personId, year),
		// 专题培训班 the person was on (a cadre's classes are their main record): their own record
		// only — an employer's view holds what was done while employed there.
		scope.enterpriseId === undefined ? classesOfPerson(scope.personId) : ([] as Awaited<ReturnType<typeof classesOfPerson>>),
		// Corrections of credited time: who took what off, when and why.
		creditCorrections(scope),
		// The year's legal training by category, with its rule and how far it is (at this enterprise
		// for an employer's view): the record shows whether the law's training was done, and by when.
		obligationProgressOfPerson(scope.personId, year, scope.enterpriseId === undefined ? undefined : { enterpriseId: scope.enterpriseId }),
	])
	return {
		year,
		obligations: owed.obligations,
		assigned,
		classes,
		studied,
		corrections,
		papers,
		certificates: certs,
		inspections: inspections.map((i) => {
			const answers = Object.values(i.selfChecks).flatMap((list) => Object.values(list))
			const count = (a: string) => answers.filter((x) => x === a).length
			return { lesson: i.lesson, course: i.course, items: answers.length, yes: count('是'), no: count('否'), na: count('不适用'), updatedAt: i.updatedAt }
		}),
	}
}

/**
 * 一企一档: an enterprise's training record — coverage by year, the exams its people sat
 * (per exam: sat, passed, average), 学时 by month this year, and the 走过场 flags raised on it.
 */
export async function enterpriseArchive(scope: { enterpriseId: number }, today: string) {
	const year = Number(today.slice(0, 4))
	const status = statusSql(today)
	const c = coveragePersonYear
	const [byYear, examRows, months, flags, plans, roster, pushes] = await Promise.all([
		db
			.select({
				year: c.year,
				people: sql<number>`count(*)::int`,
				done: sql<number>`count(*) filter (where ${status} = 'done')::int`,
				overdue: sql<number>`count(*) filter (where ${status} = 'overdue')::int`,
				owedMinutes: sql<number>`sum(${c.owedMinutes})::bigint`,
				creditedSeconds: sql<number>`sum(${c.creditedSeconds})::bigint`,
			})
			.from(c)
			.where(and(eq(c.enterpriseId, scope.enterpriseId), sql`(${c.obligations} > 0 or ${c.requiredItems} > 0)`))
			.groupBy(c.year)
			.orderBy(desc(c.year)),
		db
			.select({
				exam: exams.title,
				sat: sql<number>`count(distinct ${attempts.personId})::int`,
				passed: sql<number>`count(distinct ${attempts.personId}) filter (where ${attempts.passed} and ${attempts.annulledAt} is null)::int`,
				average: sql<number | null>`round(avg(${attempts.score} / nullif(${attempts.maxScore}, 0) * 100)::numeric, 1)::float`,
				last: sql<Date>`max(${attempts.finishedAt})`,
			})
			.from(attempts)
			.innerJoin(exams, eq(exams.id, attempts.examId))
			.where(and(eq(attempts.enterpriseId, scope.enterpriseId), isNotNull(attempts.finishedAt)))
			.groupBy(exams.id, exams.title)
			.orderBy(desc(sql`max(${attempts.finishedAt})`)),
		db
			.select({ month: sql<number>`extract(month from ${learningCredits.day})::int`, seconds: sql<number>`sum(${learningCredits.seconds})::bigint` })
			.from(learningCredits)
			.where(and(eq(learningCredits.enterpriseId, scope.enterpriseId), gte(learningCredits.day, `${year}-01-01`), lt(learningCredits.day, `${year + 1}-01-01`)))
			.groupBy(sql`extract(month from ${learningCredits.day})`),
		db
			.select({ kind: integrityFlags.kind, summary: integrityFlags.summary, status: integrityFlags.status, reviewNote: integrityFlags.reviewNote, detectedAt: integrityFlags.detectedAt })
			.from(integrityFlags)
			.where(eq(integrityFlags.enterpriseId, scope.enterpriseId))
			.orderBy(desc(integrityFlags.detectedAt))
			.limit(200),
		listAssignments({ enterpriseId: scope.enterpriseId }, year),
		// The people on the books today, each with this year's standing (none: nothing owed).
		db
			.select({
				name: people.name,
				jobCategory: employments.jobCategory,
				department: employments.department,
				hiredOn: employments.hiredOn,
				status: sql<CoverageStatus | null>`case when ${c.personId} is null then null else ${status} end`,
			})
			.from(employments)
			.innerJoin(people, eq(people.id, employments.personId))
			.leftJoin(c, and(eq(c.personId, employments.personId), eq(c.enterpriseId, employments.enterpriseId), eq(c.year, year)))
			.where(and(eq(employments.enterpriseId, scope.enterpriseId), isNull(employments.leftOn)))
			.orderBy(asc(employments.department), asc(people.name)),
		enterprisePushes({ enterpriseId: scope.enterpriseId }),
	])
	return {
		year,
		byYear: byYear.map((y) => ({ ...y, owedMinutes: Number(y.owedMinutes), creditedSeconds: Number(y.creditedSeconds) })),
		exams: examRows,
		months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, seconds: Number(months.find((m) => m.month === i + 1)?.seconds ?? 0) })),
		flags,
		plans,
		roster,
		pushes,
	}
}
