import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { type Principal } from '#app/auth/scope.ts'
import { getCourse, listCatalogue } from '#app/learning/catalogue.server.ts'
import { recordHeartbeat } from '#app/learning/ledger.server.ts'
import { db } from '#app/utils/db.server.ts'
import { auditLog, employments, enterprises, learningCredits, lessons, lessonVersions, people, regions, users } from '#db/schema/index.ts'
import { prepareContent } from './sync.server.ts'
import { addEnterpriseVideo, listEnterpriseVideos, mayStreamMedia, mediaPath, withdrawEnterpriseVideo } from './videos.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))
const uploads = mkdtempSync(path.join(tmpdir(), 'anxun-upload-'))

let n = 0
/** A fresh upload of the project film, as the multipart handler leaves it on disk. */
function upload(name = 'plant.mp4') {
	const filepath = path.join(uploads, `u${++n}`)
	copyFileSync('public/media/warning-film.mp4', filepath)
	return { filepath, name, size: 160_000 }
}

let ctx: { e1: number; e2: number; worker: number; outsider: number; userId: number }

beforeEach(async () => {
	await prepareContent()
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const make = async (name: string, code: string) =>
		(await db.insert(enterprises).values({ name, creditCode: code, regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const e1 = await make('甲厂', 'A'.repeat(18))
	const e2 = await make('乙厂', 'B'.repeat(18))
	const person = async (name: string, phone: string, enterpriseId: number) => {
		const [p] = await db.insert(people).values({ name, phone }).returning()
		await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
		return p!.id
	}
	const [u] = await db.insert(users).values({ username: 'ent-admin', displayName: '管理员', passwordHash: 'x' }).returning()
	ctx = { e1, e2, worker: await person('甲工', '13700000001', e1), outsider: await person('乙工', '13700000002', e2), userId: u!.id }
})

const learner = (personId: number): Principal => ({ userId: 0, displayName: '', personId, grants: [{ role: 'learner', personId }] })

test('an added video becomes a video lesson of the course, seen only by the enterprise that added it', async () => {
	const file = upload()
	const result = await addEnterpriseVideo({ enterpriseId: ctx.e1, userId: ctx.userId }, { courseSlug: 'fixture-course', title: '本厂巡检规程', file })
	expect(result).toMatchObject({ ok: true, courseSlug: 'fixture-course' })
	expect(existsSync(file.filepath)).toBe(false)

	const [lesson] = await db.select().from(lessons).where(eq(lessons.enterpriseId, ctx.e1))
	expect(lesson).toMatchObject({ kind: 'video', videoSeconds: 122, minutes: 3, title: '本厂巡检规程' })
	expect(existsSync(mediaPath(lesson!.hash))).toBe(true)
	const [version] = await db.select().from(lessonVersions).where(eq(lessonVersions.id, lesson!.versionId!))
	expect(version).toMatchObject({ hash: lesson!.hash, minutes: 3 })

	const lessonCount = async (enterpriseIds: number[]) => (await listCatalogue({ personId: null, enterpriseIds })).find((c) => c.slug === 'fixture-course')!.lessonCount
	expect(await lessonCount([])).toBe(3)
	expect(await lessonCount([ctx.e1])).toBe(4)
	expect(await lessonCount([ctx.e2])).toBe(3)
	const titles = async (enterpriseIds: number[]) => (await getCourse('fixture-course', { personId: null, enterpriseIds }))!.lessons.map((l) => l.title)
	expect(await titles([ctx.e1])).toContain('本厂巡检规程')
	expect(await titles([ctx.e2])).not.toContain('本厂巡检规程')
	expect(await titles([])).not.toContain('本厂巡检规程')

	expect(await mayStreamMedia(learner(ctx.worker), lesson!.hash)).toBe(true)
	expect(await mayStreamMedia(learner(ctx.outsider), lesson!.hash)).toBe(false)

	const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'video.add'))
	expect(entry).toMatchObject({ enterpriseId: ctx.e1, actorUserId: ctx.userId })
})

test('the ledger credits the enterprise’s own people only', async () => {
	await addEnterpriseVideo({ enterpriseId: ctx.e1, userId: ctx.userId }, { courseSlug: 'fixture-course', title: '本厂巡检规程', file: upload() })
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.enterpriseId, ctx.e1))
	const beat = (personId: number) => recordHeartbeat({ personId, sessionId: `s${personId}` }, { lessonId: lesson!.id, tabId: 'tab-aaaaaaaa', visible: true, input: true, video: { position: 0, ended: false } })
	expect(await beat(ctx.worker)).toMatchObject({ reason: 'started' })
	expect(await beat(ctx.outsider)).toBeNull()
})

test('time on an enterprise’s own video is credited to that enterprise, even for someone who works at an earlier-hired employer too', async () => {
	await db.insert(employments).values({ enterpriseId: ctx.e2, personId: ctx.worker, jobCategory: 'other', hiredOn: '2010-01-01' })
	await addEnterpriseVideo({ enterpriseId: ctx.e1, userId: ctx.userId }, { courseSlug: 'fixture-course', title: '本厂巡检规程', file: upload() })
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.enterpriseId, ctx.e1))
	const at = Date.now() - 60_000
	const beat = (ms: number) => recordHeartbeat({ personId: ctx.worker, sessionId: 'sv' }, { lessonId: lesson!.id, tabId: 'tab-aaaaaaaa', visible: true, input: true, video: { position: ms / 1000, ended: false } }, new Date(at + ms))
	expect(await beat(0)).toMatchObject({ reason: 'started' })
	expect(await beat(15_000)).toMatchObject({ reason: 'credited' })
	expect(await db.select({ enterpriseId: learningCredits.enterpriseId }).from(learningCredits)).toEqual([{ enterpriseId: ctx.e1 }])
})

test('bad uploads are refused with the field and the reason, and the temporary file is removed', async () => {
	const scope = { enterpriseId: ctx.e1, userId: ctx.userId }
	const text = path.join(uploads, 'text.mp4')
	writeFileSync(text, '不是视频')
	const cases = [
		[{ courseSlug: 'fixture-course', title: '', file: upload() }, { field: 'title', message: '请填写视频标题' }],
		[{ courseSlug: 'no-such-course', title: '巡检', file: upload() }, { field: 'course' }],
		[{ courseSlug: 'fixture-course', title: '巡检', file: upload('plant.avi') }, { field: 'file', message: expect.stringContaining('plant.avi') }],
		[{ courseSlug: 'fixture-course', title: '巡检', file: { filepath: text, name: 'text.mp4', size: 12 } }, { field: 'file', message: 'text.mp4：不是 MP4 视频文件（请导出为 H.264 编码的 .mp4）' }],
		[{ courseSlug: 'fixture-course', title: '巡检', file: null }, { field: 'file' }],
	] as const
	for (const [input, expected] of cases) {
		const result = await addEnterpriseVideo(scope, input)
		expect(result).toMatchObject({ ok: false, ...expected })
		if (input.file) expect(existsSync(input.file.filepath)).toBe(false)
	}
	expect(await db.select().from(lessons).where(eq(lessons.enterpriseId, ctx.e1))).toHaveLength(0)
})

test('the same film twice in a course is refused; withdrawn, it can come back as the same lesson', async () => {
	const scope = { enterpriseId: ctx.e1, userId: ctx.userId }
	const first = await addEnterpriseVideo(scope, { courseSlug: 'fixture-course', title: '巡检', file: upload() })
	expect(await addEnterpriseVideo(scope, { courseSlug: 'fixture-course', title: '巡检', file: upload() })).toMatchObject({ ok: false, field: 'file', message: expect.stringContaining('已在该课程中') })
	if (!first.ok) throw new Error('first upload failed')
	expect(await withdrawEnterpriseVideo({ enterpriseId: ctx.e2, userId: ctx.userId }, first.lessonId)).toBe(false)
	expect(await withdrawEnterpriseVideo(scope, first.lessonId)).toBe(true)
	expect((await getCourse('fixture-course', { personId: null, enterpriseIds: [ctx.e1] }))!.lessons.map((l) => l.title)).not.toContain('巡检')
	const again = await addEnterpriseVideo(scope, { courseSlug: 'fixture-course', title: '巡检（新版说明）', file: upload() })
	expect(again).toMatchObject({ ok: true, lessonId: first.lessonId })
	expect(await listEnterpriseVideos({ enterpriseId: ctx.e1 })).toMatchObject([{ title: '巡检（新版说明）', active: true }])
})

test('re-syncing content/ leaves added videos in place', async () => {
	await addEnterpriseVideo({ enterpriseId: ctx.e1, userId: ctx.userId }, { courseSlug: 'fixture-course', title: '巡检', file: upload() })
	await prepareContent()
	expect(await listEnterpriseVideos({ enterpriseId: ctx.e1 })).toMatchObject([{ title: '巡检', active: true }])
})
