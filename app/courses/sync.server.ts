import { and, eq, isNull, notInArray } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { ensureCompiled } from '#app/utils/mdx.server.ts'
import { accidentCases, caseVersions, courses, lessons, lessonVersions } from '#db/schema/index.ts'
import { allSources, type LoadedContent, loadContent } from './content.server.ts'

/**
 * Record the content in the database: every course, lesson and case, and every version
 * (hash) ever served. Lessons and courses no longer in content/ are deactivated, never
 * deleted (learning records point at them).
 */
export async function syncContent(content: LoadedContent) {
	const caseIds = new Map<string, number>()
	for (const c of content.cases) {
		const fm = c.frontmatter
		const values = {
			slug: c.slug,
			title: fm.title,
			shortName: fm.shortName,
			industry: fm.industry,
			level: fm.level,
			occurredOn: fm.occurredAt.slice(0, 10),
			deaths: fm.deaths,
			hash: c.hash,
			frontmatter: fm as Record<string, unknown>,
			updatedAt: new Date(),
		}
		const [row] = await db
			.insert(accidentCases)
			.values(values)
			.onConflictDoUpdate({ target: accidentCases.slug, set: values })
			.returning({ id: accidentCases.id })
		const [version] = await db
			.insert(caseVersions)
			.values({ caseId: row!.id, hash: c.hash, frontmatter: values.frontmatter })
			.onConflictDoUpdate({ target: [caseVersions.caseId, caseVersions.hash], set: { hash: c.hash } })
			.returning({ id: caseVersions.id })
		await db.update(accidentCases).set({ versionId: version!.id }).where(eq(accidentCases.id, row!.id))
		caseIds.set(c.slug, row!.id)
	}

	const activeCourseIds: number[] = []
	for (const course of content.courses) {
		const fm = course.frontmatter
		const values = {
			slug: course.slug,
			title: fm.title,
			summary: fm.summary,
			audience: fm.audience,
			kind: fm.kind,
			position: fm.order,
			hash: course.hash,
			minutes: course.lessons.reduce((n, l) => n + l.frontmatter.minutes, 0),
			active: true,
			updatedAt: new Date(),
		}
		const [row] = await db
			.insert(courses)
			.values(values)
			.onConflictDoUpdate({ target: courses.slug, set: values })
			.returning({ id: courses.id })
		const courseId = row!.id
		activeCourseIds.push(courseId)
		const activeLessonIds: number[] = []
		for (const lesson of course.lessons) {
			const lf = lesson.frontmatter
			const lessonValues = {
				courseId,
				slug: lesson.slug,
				position: lesson.position,
				title: lf.title,
				kind: lf.kind,
				minutes: lf.minutes,
				caseSlug: lf.case ?? null,
				video: lf.video ?? null,
				videoSeconds: lf.videoSeconds ?? null,
				articles: lf.articles,
				checkIds: lesson.checkIds,
				hash: lesson.versionHash,
				active: true,
				updatedAt: new Date(),
			}
			const [l] = await db
				.insert(lessons)
				.values(lessonValues)
				.onConflictDoUpdate({ target: [lessons.courseId, lessons.slug], set: lessonValues })
				.returning({ id: lessons.id })
			const [version] = await db
				.insert(lessonVersions)
				.values({
					lessonId: l!.id,
					hash: lesson.versionHash,
					title: lf.title,
					minutes: lf.minutes,
					frontmatter: { ...lf, lessonHash: lesson.hash } as Record<string, unknown>,
				})
				.onConflictDoUpdate({ target: [lessonVersions.lessonId, lessonVersions.hash], set: { title: lf.title } })
				.returning({ id: lessonVersions.id })
			await db.update(lessons).set({ versionId: version!.id }).where(eq(lessons.id, l!.id))
			activeLessonIds.push(l!.id)
		}
		await db
			.update(lessons)
			.set({ active: false })
			.where(
				// Videos enterprises added are not in content/ and stay as they are.
				and(eq(lessons.courseId, courseId), isNull(lessons.mediaId), activeLessonIds.length ? notInArray(lessons.id, activeLessonIds) : undefined),
			)
	}
	if (activeCourseIds.length) await db.update(courses).set({ active: false }).where(notInArray(courses.id, activeCourseIds))
	return { courses: content.courses.length, cases: content.cases.length }
}

/**
 * Start-up: check content/, compile anything the build did not (normally nothing), record
 * the versions. A bad file stops the start with its path and field.
 */
export async function prepareContent() {
	const content = await loadContent()
	if (content.problems.length > 0) {
		throw new Error(`课程内容有问题，无法启动：\n${content.problems.map((p) => `  ${p}`).join('\n')}`)
	}
	for (const s of allSources(content)) await ensureCompiled(s.source, s.file)
	return syncContent(content)
}
