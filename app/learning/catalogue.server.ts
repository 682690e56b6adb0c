import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import { enterpriseAdminGrants, hasRole, isPlatformAdmin, type Principal } from '#app/auth/scope.ts'
import { type Audience } from '#app/courses/frontmatter.ts'
import { db } from '#app/utils/db.server.ts'
import { accidentCases, courses, employments, learningCredits, lessonProgress, lessons, lessonVersions } from '#db/schema/index.ts'

const AUDIENCE_OF_JOB: Record<string, Audience> = {
	principal: 'principal',
	safety_manager: 'safety_manager',
	special_operator: 'employee',
	other: 'employee',
}

/** Which audiences a person belongs to, from their current jobs; null means "show everything" (staff preview). */
export async function audiencesOf(personId: number | null): Promise<Audience[] | null> {
	if (personId === null) return null
	const jobs = await db
		.select({ jobCategory: employments.jobCategory })
		.from(employments)
		.where(and(eq(employments.personId, personId), isNull(employments.leftOn)))
	const set = new Set<Audience>(['all'])
	for (const j of jobs) set.add(AUDIENCE_OF_JOB[j.jobCategory] ?? 'employee')
	if (jobs.length === 0) set.add('cadre')
	return [...set]
}

/**
 * Who is looking at the catalogue: a learner (their records, their employers' added videos),
 * or staff previewing (no records; the added videos of the enterprises they administer).
 */
export type Viewer = { personId: number | null; enterpriseIds: number[] | 'all' }

export async function viewerOf(principal: Principal): Promise<Viewer> {
	if (hasRole(principal, 'learner') && principal.personId !== null) {
		const jobs = await db
			.select({ enterpriseId: employments.enterpriseId })
			.from(employments)
			.where(and(eq(employments.personId, principal.personId), isNull(employments.leftOn)))
		return { personId: principal.personId, enterpriseIds: jobs.map((j) => j.enterpriseId) }
	}
	if (isPlatformAdmin(principal)) return { personId: null, enterpriseIds: 'all' }
	return { personId: null, enterpriseIds: enterpriseAdminGrants(principal).map((g) => g.enterpriseId) }
}

/** Lessons from content/ are for everyone; a video an enterprise added, for its own people. */
export function lessonVisibleTo(viewer: Pick<Viewer, 'enterpriseIds'>) {
	if (viewer.enterpriseIds === 'all') return sql`true`
	if (viewer.enterpriseIds.length === 0) return isNull(lessons.enterpriseId)
	return or(isNull(lessons.enterpriseId), inArray(lessons.enterpriseId, viewer.enterpriseIds))!
}

function visibleTo(audiences: Audience[] | null) {
	return audiences === null ? sql`true` : sql`${courses.audience} && ${sql.raw(`ARRAY[${audiences.map((a) => `'${a}'`).join(',')}]::text[]`)}`
}

/** The catalogue: active courses for these audiences, with the person's progress in each. */
export async function listCatalogue(viewer: Viewer) {
	const { personId } = viewer
	const audiences = await audiencesOf(personId)
	const rows = await db
		.select({
			id: courses.id,
			slug: courses.slug,
			title: courses.title,
			summary: courses.summary,
			kind: courses.kind,
			minutes: courses.minutes,
		})
		.from(courses)
		.where(and(eq(courses.active, true), visibleTo(audiences)))
		.orderBy(asc(courses.position), asc(courses.slug))
	if (rows.length === 0) return []
	const ids = rows.map((r) => r.id)
	// One grouped query (a correlated subquery in a one-table select would lose its table names).
	const counts = await db
		.select({ courseId: lessons.courseId, n: sql<number>`count(*)::int` })
		.from(lessons)
		.where(and(inArray(lessons.courseId, ids), eq(lessons.active, true), lessonVisibleTo(viewer)))
		.groupBy(lessons.courseId)
	const withCounts = rows.map((r) => ({ ...r, lessonCount: counts.find((c) => c.courseId === r.id)?.n ?? 0 }))
	if (personId === null) return withCounts.map((r) => ({ ...r, completed: 0, seconds: 0 }))
	const [done, time] = await Promise.all([
		db
			.select({ courseId: lessons.courseId, n: sql<number>`count(*)::int` })
			.from(lessonProgress)
			.innerJoin(lessons, eq(lessons.id, lessonProgress.lessonId))
			.where(and(eq(lessonProgress.personId, personId), isNotNull(lessonProgress.completedAt), inArray(lessons.courseId, ids), eq(lessons.active, true), lessonVisibleTo(viewer)))
			.groupBy(lessons.courseId),
		db
			.select({ courseId: lessons.courseId, s: sql<number>`sum(${learningCredits.seconds})::int` })
			.from(learningCredits)
			.innerJoin(lessons, eq(lessons.id, learningCredits.lessonId))
			.where(and(eq(learningCredits.personId, personId), inArray(lessons.courseId, ids)))
			.groupBy(lessons.courseId),
	])
	return withCounts.map((r) => ({
		...r,
		completed: done.find((d) => d.courseId === r.id)?.n ?? 0,
		seconds: time.find((t) => t.courseId === r.id)?.s ?? 0,
	}))
}

/** A course with its lessons and the person's progress in each. */
export async function getCourse(slug: string, viewer: Viewer) {
	const { personId } = viewer
	const [course] = await db
		.select({ id: courses.id, slug: courses.slug, title: courses.title, summary: courses.summary, kind: courses.kind, minutes: courses.minutes, hash: courses.hash, audience: courses.audience })
		.from(courses)
		.where(and(eq(courses.slug, slug), eq(courses.active, true)))
	if (!course) return null
	const list = await db
		.select({
			id: lessons.id,
			slug: lessons.slug,
			title: lessons.title,
			kind: lessons.kind,
			minutes: lessons.minutes,
			completedAt: personId === null ? sql<Date | null>`null` : lessonProgress.completedAt,
			seconds:
				personId === null
					? sql<number>`0`
					: sql<number>`(select coalesce(sum(${learningCredits.seconds}), 0)::int from ${learningCredits} where ${learningCredits.personId} = ${personId} and ${learningCredits.lessonId} = ${lessons.id})`,
		})
		.from(lessons)
		.leftJoin(lessonProgress, personId === null ? sql`false` : and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.personId, personId)))
		.where(and(eq(lessons.courseId, course.id), eq(lessons.active, true), lessonVisibleTo(viewer)))
		.orderBy(asc(lessons.position))
	return { course, lessons: list }
}

/** Everything a lesson page needs, or null when the lesson does not exist. */
export async function getLesson(courseSlug: string, lessonSlug: string, viewer: Viewer) {
	const { personId } = viewer
	const found = await getCourse(courseSlug, viewer)
	if (!found) return null
	const index = found.lessons.findIndex((l) => l.slug === lessonSlug)
	if (index < 0) return null
	const [lesson] = await db
		.select({
			id: lessons.id,
			title: lessons.title,
			kind: lessons.kind,
			minutes: lessons.minutes,
			caseSlug: lessons.caseSlug,
			video: lessons.video,
			videoSeconds: lessons.videoSeconds,
			checkIds: lessons.checkIds,
			articles: lessons.articles,
			lessonHash: sql<string | null>`${lessonVersions.frontmatter}->>'lessonHash'`,
			added: sql<boolean>`${lessons.mediaId} is not null`,
		})
		.from(lessons)
		.innerJoin(lessonVersions, eq(lessonVersions.id, lessons.versionId))
		.where(eq(lessons.id, found.lessons[index]!.id))
	if (!lesson) return null
	const [taught] = lesson.caseSlug
		? await db.select({ hash: accidentCases.hash, frontmatter: accidentCases.frontmatter }).from(accidentCases).where(eq(accidentCases.slug, lesson.caseSlug))
		: []
	const [progress] =
		personId === null
			? []
			: await db
					.select({ position: lessonProgress.position, videoFurthest: lessonProgress.videoFurthest, videoEnded: lessonProgress.videoEnded, checks: lessonProgress.checks, selfChecks: lessonProgress.selfChecks, completedAt: lessonProgress.completedAt })
					.from(lessonProgress)
					.where(and(eq(lessonProgress.personId, personId), eq(lessonProgress.lessonId, lesson.id)))
	return {
		course: { slug: found.course.slug, title: found.course.title },
		lesson,
		case: taught ?? null,
		seconds: found.lessons[index]!.seconds,
		progress: progress ?? null,
		prev: found.lessons[index - 1] ?? null,
		next: found.lessons[index + 1] ?? null,
	}
}

/** This year's credited seconds by course kind (Beijing calendar year). */
export async function hoursByKind(personId: number, year: number) {
	return db
		.select({ kind: courses.kind, seconds: sql<number>`sum(${learningCredits.seconds})::int` })
		.from(learningCredits)
		.innerJoin(lessons, eq(lessons.id, learningCredits.lessonId))
		.innerJoin(courses, eq(courses.id, lessons.courseId))
		.where(and(eq(learningCredits.personId, personId), gte(learningCredits.day, `${year}-01-01`), lt(learningCredits.day, `${year + 1}-01-01`)))
		.groupBy(courses.kind)
}
