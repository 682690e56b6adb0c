import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { and, asc, eq, isNotNull, max, sql } from 'drizzle-orm'
import { canReadEnterprise, hasRole, type Principal } from '#app/auth/scope.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { courses, employments, enterprises, lessons, lessonVersions, mediaFiles } from '#db/schema/index.ts'
import { readMp4Info } from './mp4.ts'
import { VIDEO_TITLE_MAX } from './videos.ts'

/** Added videos sort after a course's own lessons. */
const ADDED_POSITION_BASE = 1000

export function mediaDir() {
	return path.resolve(getEnv().MEDIA_DIR)
}

/** Where uploads stream to: beside the media, so keeping one is a rename. */
export function incomingDir() {
	return path.join(mediaDir(), '.incoming')
}

/**
 * Start-up: remove uploads a crash or a dropped connection left half-written. Only files a
 * day old, since other app servers sharing MEDIA_DIR may be receiving one right now.
 */
export async function sweepIncoming(now = Date.now()) {
	const dir = incomingDir()
	const names = await readdir(dir).catch(() => [] as string[])
	for (const name of names) {
		const info = await stat(path.join(dir, name)).catch(() => null)
		if (info && now - info.mtimeMs > 24 * 60 * 60 * 1000) await rm(path.join(dir, name), { force: true })
	}
}

export function mediaPath(sha256: string) {
	return path.join(mediaDir(), `${sha256}.mp4`)
}

export function mediaUrl(sha256: string) {
	return `/media/uploads/${sha256}.mp4`
}

export type VideoUpload = { filepath: string; name: string; size: number }
export type AddVideoResult = { ok: true; lessonId: number; courseSlug: string; slug: string } | { ok: false; field: 'course' | 'title' | 'file'; message: string }

async function sha256Of(file: string) {
	const hash = createHash('sha256')
	for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
	return hash.digest('hex')
}

async function inspect(file: string, size: number) {
	const handle = await open(file, 'r')
	try {
		return await readMp4Info(async (offset, length) => {
			const buffer = Buffer.alloc(length)
			const { bytesRead } = await handle.read(buffer, 0, length, offset)
			return buffer.subarray(0, bytesRead)
		}, size)
	} finally {
		await handle.close()
	}
}

/**
 * An enterprise admin adds a video of their own to a course: checked to be a playable MP4,
 * stored once by SHA-256, and shown as a video lesson to that enterprise's people only. Its
 * required minutes are its running time, so the ledger counts it like any video lesson. The
 * uploaded temporary file is consumed (moved or removed) whatever the outcome.
 */
export async function addEnterpriseVideo(
	scope: { enterpriseId: number; userId: number },
	input: { courseSlug: string; title: string; file: VideoUpload | null },
): Promise<AddVideoResult> {
	const file = input.file
	try {
		const title = input.title.trim()
		if (!title) return { ok: false, field: 'title', message: '请填写视频标题' }
		if (title.length > VIDEO_TITLE_MAX) return { ok: false, field: 'title', message: `视频标题不能超过 ${VIDEO_TITLE_MAX} 个字` }
		const [course] = await db
			.select({ id: courses.id, slug: courses.slug })
			.from(courses)
			.where(and(eq(courses.slug, input.courseSlug), eq(courses.active, true)))
		if (!course) return { ok: false, field: 'course', message: '请选择要添加到的课程' }
		if (!file || file.size === 0) return { ok: false, field: 'file', message: '请选择要上传的视频文件（.mp4）' }
		if (!/\.mp4$/i.test(file.name)) return { ok: false, field: 'file', message: `不支持的文件类型：${file.name}。请上传 .mp4 视频（H.264 编码，浏览器均可播放）` }
		const info = await inspect(file.filepath, file.size)
		if (!info.ok) return { ok: false, field: 'file', message: `${file.name}：${info.message}` }
		const sha256 = await sha256Of(file.filepath)

		const target = mediaPath(sha256)
		await mkdir(path.dirname(target), { recursive: true })
		const present = await stat(target).catch(() => null)
		if (!present) {
			// Same folder → atomic rename; another device → copy to a temporary name, then rename.
			await rename(file.filepath, target).catch(async () => {
				const partial = `${target}.${process.pid}.part`
				await copyFile(file.filepath, partial)
				await rename(partial, target)
			})
		}

		return await db.transaction(async (tx) => {
			const [existing] = await tx
				.select({ id: lessons.id, active: lessons.active })
				.from(lessons)
				.innerJoin(mediaFiles, eq(mediaFiles.id, lessons.mediaId))
				.where(and(eq(lessons.courseId, course.id), eq(lessons.enterpriseId, scope.enterpriseId), eq(mediaFiles.sha256, sha256)))
			if (existing?.active) return { ok: false as const, field: 'file' as const, message: `${file.name}：这段视频已在该课程中，无需重复上传` }

			const [media] = await tx
				.insert(mediaFiles)
				.values({ sha256, enterpriseId: scope.enterpriseId, bytes: file.size, seconds: info.seconds, originalName: file.name, uploadedBy: scope.userId })
				.onConflictDoUpdate({ target: [mediaFiles.enterpriseId, mediaFiles.sha256], set: { originalName: file.name } })
				.returning({ id: mediaFiles.id })
			const minutes = Math.max(1, Math.ceil(info.seconds / 60))
			const values = {
				title,
				kind: 'video',
				minutes,
				video: mediaUrl(sha256),
				videoSeconds: info.seconds,
				hash: sha256,
				active: true,
				updatedAt: new Date(),
			}
			let lessonId: number
			let slug: string
			if (existing) {
				// Withdrawn earlier and added again: the same lesson comes back (its records point at it).
				lessonId = existing.id
				await tx.update(lessons).set(values).where(eq(lessons.id, lessonId))
				;[{ slug }] = (await tx.select({ slug: lessons.slug }).from(lessons).where(eq(lessons.id, lessonId))) as [{ slug: string }]
			} else {
				const [last] = await tx.select({ p: max(lessons.position) }).from(lessons).where(and(eq(lessons.courseId, course.id), isNotNull(lessons.enterpriseId)))
				slug = `video-${media!.id}`
				const [row] = await tx
					.insert(lessons)
					.values({ ...values, courseId: course.id, slug, position: Math.max(ADDED_POSITION_BASE, (last?.p ?? 0) + 1), enterpriseId: scope.enterpriseId, mediaId: media!.id })
					.returning({ id: lessons.id })
				lessonId = row!.id
			}
			const [version] = await tx
				.insert(lessonVersions)
				.values({ lessonId, hash: sha256, title, minutes, frontmatter: { title, kind: 'video', minutes, videoSeconds: info.seconds, uploaded: true, sha256 } })
				.onConflictDoUpdate({ target: [lessonVersions.lessonId, lessonVersions.hash], set: { title } })
				.returning({ id: lessonVersions.id })
			await tx.update(lessons).set({ versionId: version!.id }).where(eq(lessons.id, lessonId))
			await audit(tx, {
				actorUserId: scope.userId,
				action: 'video.add',
				entityType: 'lesson',
				entityId: lessonId,
				enterpriseId: scope.enterpriseId,
				detail: { course: course.slug, title, sha256, seconds: info.seconds, bytes: file.size, file: file.name },
			})
			return { ok: true as const, lessonId, courseSlug: course.slug, slug }
		})
	} finally {
		if (file) await rm(file.filepath, { force: true })
	}
}

/** The videos an enterprise has added, newest course order first. */
export async function listEnterpriseVideos(scope: { enterpriseId: number }) {
	return db
		.select({
			lessonId: lessons.id,
			slug: lessons.slug,
			title: lessons.title,
			minutes: lessons.minutes,
			seconds: lessons.videoSeconds,
			active: lessons.active,
			courseSlug: courses.slug,
			courseTitle: courses.title,
			originalName: mediaFiles.originalName,
			bytes: mediaFiles.bytes,
			createdAt: mediaFiles.createdAt,
		})
		.from(lessons)
		.innerJoin(courses, eq(courses.id, lessons.courseId))
		.innerJoin(mediaFiles, eq(mediaFiles.id, lessons.mediaId))
		.where(eq(lessons.enterpriseId, scope.enterpriseId))
		.orderBy(asc(courses.position), asc(lessons.position))
}

/** Withdraw an added video: learners no longer see it; credits already earned stay. */
export async function withdrawEnterpriseVideo(scope: { enterpriseId: number; userId: number }, lessonId: number) {
	const changed = await db
		.update(lessons)
		.set({ active: false, updatedAt: new Date() })
		.where(and(eq(lessons.id, lessonId), eq(lessons.enterpriseId, scope.enterpriseId), eq(lessons.active, true)))
		.returning({ id: lessons.id })
	if (changed.length > 0) {
		await audit(db, { actorUserId: scope.userId, action: 'video.withdraw', entityType: 'lesson', entityId: lessonId, enterpriseId: scope.enterpriseId })
	}
	return changed.length > 0
}

/**
 * Whether this user may stream an uploaded file: a learner employed by an enterprise that
 * uploaded it, or staff who may read such an enterprise. One query for all its owners.
 */
export async function mayStreamMedia(principal: Principal, sha256: string) {
	const owners = await db
		.select({
			id: enterprises.id,
			regionPath: enterprises.regionPath,
			employed:
				principal.personId === null
					? sql<boolean>`false`
					: sql<boolean>`exists (select 1 from ${employments} where ${employments.enterpriseId} = ${enterprises.id} and ${employments.personId} = ${principal.personId} and ${employments.leftOn} is null)`,
		})
		.from(mediaFiles)
		.innerJoin(enterprises, eq(enterprises.id, mediaFiles.enterpriseId))
		.where(eq(mediaFiles.sha256, sha256))
	return owners.some((o) => (o.employed && hasRole(principal, 'learner')) || canReadEnterprise(principal, o))
}
