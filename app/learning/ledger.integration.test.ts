import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { desc, eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { hashPassword } from '#app/auth/password.server.ts'
import { createSession, generateSessionToken } from '#app/auth/session.server.ts'
import { prepareContent } from '#app/courses/sync.server.ts'
import { db } from '#app/utils/db.server.ts'
import { compileCount } from '#app/utils/mdx.server.ts'
import { rebuildCoverage, refreshCoverageFor } from '#app/coverage/coverage.server.ts'
import { coveragePersonYear, employments, enterprises, learningCredits, lessonProgress, lessons, lessonVersions, people, regions, roleGrants, users } from '#db/schema/index.ts'
import { recordHeartbeat } from './ledger.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

const { loader: lessonLoader } = await import('#app/routes/learn.$courseSlug.$lessonSlug.tsx')
const { action: heartbeat } = await import('#app/routes/learn.heartbeat.ts')
const { action: progress } = await import('#app/routes/learn.progress.ts')

let cookie = ''

beforeEach(async () => {
	await prepareContent()
	const [p] = await db.insert(people).values({ name: '学员甲', phone: '13700000001' }).returning()
	const [u] = await db
		.insert(users)
		.values({ phone: '13700000001', displayName: '学员甲', passwordHash: await hashPassword('x1234567'), personId: p!.id })
		.returning()
	await db.insert(roleGrants).values({ userId: u!.id, role: 'learner' })
	const token = generateSessionToken()
	await createSession(token, u!.id)
	cookie = `anxun_session=${token}`
})

const context = { cspNonce: '', clientIp: '127.0.0.1' }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function lessonId(slug: string) {
	const [row] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, slug))
	return row!.id
}

async function beat(body: Record<string, unknown>) {
	const response = (await heartbeat({
		request: new Request('http://localhost/learn/heartbeat', {
			method: 'POST',
			headers: { Cookie: cookie, 'Content-Type': 'application/json' },
			body: JSON.stringify({ tabId: 'tab-aaaaaaaa', visible: true, input: true, ...body }),
		}),
		params: {},
		context,
	})) as Response
	return { status: response.status, data: (await response.json()) as Record<string, number | string | boolean> }
}

test('lesson pages read compiled MDX from the cache: requests never compile', async () => {
	const before = compileCount()
	for (const slug of ['text-lesson', 'case-lesson', 'video-lesson']) {
		const result = (await lessonLoader({
			request: new Request(`http://localhost/learn/fixture-course/${slug}`, { headers: { Cookie: cookie } }),
			params: { courseSlug: 'fixture-course', lessonSlug: slug },
			context,
		})) as { body: string; caseBody: string | null }
		expect(result.body.length).toBeGreaterThan(100)
		if (slug === 'case-lesson') expect(result.caseBody?.length).toBeGreaterThan(100)
	}
	expect(compileCount()).toBe(before)
})

test('heartbeats through the route credit server-measured time, append-only, per lesson and day', async () => {
	const id = await lessonId('text-lesson')
	const first = await beat({ lessonId: id })
	expect(first.data).toMatchObject({ reason: 'started', creditedSeconds: 0 })
	await sleep(1100)
	const second = await beat({ lessonId: id })
	expect(second.data).toMatchObject({ reason: 'credited' })
	expect(second.data.creditedSeconds).toBeGreaterThanOrEqual(1)
	await sleep(1100)
	const hidden = await beat({ lessonId: id, visible: false })
	expect(hidden.data).toMatchObject({ reason: 'hidden', creditedSeconds: 0 })
	const otherTab = await beat({ lessonId: id, tabId: 'tab-bbbbbbbb' })
	expect(otherTab.data).toMatchObject({ reason: 'other-window', creditedSeconds: 0 })
	const rows = await db.select().from(learningCredits)
	expect(rows).toHaveLength(1)
	const [version] = await db.select({ id: lessonVersions.id }).from(lessonVersions).where(eq(lessonVersions.lessonId, id))
	expect(rows[0]).toMatchObject({ lessonId: id, lessonVersionId: version!.id })
})

test('a lesson completes only with its time and every check answered', async () => {
	const id = await lessonId('text-lesson')
	await beat({ lessonId: id })
	// Pretend the time was already studied: 5 minutes of earlier credit rows.
	const [version] = await db.select({ id: lessonVersions.id }).from(lessonVersions).where(eq(lessonVersions.lessonId, id))
	const [person] = await db.select().from(people)
	await db.insert(learningCredits).values({ personId: person!.id, lessonId: id, lessonVersionId: version!.id, day: '2026-01-05', seconds: 300 })
	await sleep(1000)
	expect((await beat({ lessonId: id })).data).toMatchObject({ complete: false })
	for (const checkId of ['c1', 'c2']) {
		const form = new FormData()
		for (const [k, v] of Object.entries({ intent: 'check', lessonId: String(id), checkId, choice: '1', via: 'fetcher' })) form.set(k, v)
		await progress({ request: new Request('http://localhost/learn/progress', { method: 'POST', headers: { Cookie: cookie }, body: form }), params: {}, context })
	}
	await sleep(1000)
	expect((await beat({ lessonId: id })).data).toMatchObject({ complete: true })
	const [row] = await db.select().from(lessonProgress)
	expect(row?.completedAt).toBeInstanceOf(Date)
	expect(row?.checks).toEqual({ c1: 1, c2: 1 })
})

test('a video cannot be skipped: the furthest point advances at real time only', async () => {
	const id = await lessonId('video-lesson')
	await beat({ lessonId: id, video: { position: 0, ended: false } })
	await sleep(1100)
	const jumped = await beat({ lessonId: id, video: { position: 120, ended: true } })
	expect(jumped.data.videoFurthest).toBeLessThanOrEqual(3)
	const [row] = await db.select().from(lessonProgress)
	expect(row?.videoEnded).toBe(false)
})

test('with two employers, time goes to the one still short by category (the nearest deadline first), then to the other; an employer’s own video credits that employer', async () => {
	const [region] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const enterprise = async (name: string, code: string) =>
		(await db.insert(enterprises).values({ name, creditCode: code.repeat(18), regionId: region!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const first = await enterprise('先入职厂', 'A')
	const second = await enterprise('后入职厂', 'B')
	const [p] = await db.insert(people).values({ name: '兼职员工', phone: '13700000077' }).returning()
	await db.insert(employments).values([
		{ enterpriseId: first, personId: p!.id, jobCategory: 'other', hiredOn: '2015-03-01' },
		{ enterpriseId: second, personId: p!.id, jobCategory: 'other', hiredOn: '2016-03-01' },
	])
	// A fixed past year: its days are free of the daily cap and of the calendar of the run.
	const year = 2025
	await refreshCoverageFor([p!.id], year)
	const id = await lessonId('text-lesson')
	const studyAt = async (start: Date) => {
		const scope = { personId: p!.id, sessionId: `s-${start.getTime()}` }
		await recordHeartbeat(scope, { lessonId: id, tabId: 'tab-cccccccc', visible: true, input: true }, start)
		await recordHeartbeat(scope, { lessonId: id, tabId: 'tab-cccccccc', visible: true, input: true }, new Date(start.getTime() + 15_000))
	}
	const creditedTo = async () => (await db.select({ enterpriseId: learningCredits.enterpriseId }).from(learningCredits).orderBy(desc(learningCredits.id)).limit(1))[0]!.enterpriseId
	// Both owe their annual refresher: the earlier employer first.
	await studyAt(new Date('2025-06-02T02:00:00Z'))
	expect(await creditedTo()).toBe(first)
	// The first employer's refresher met (a full year's time recorded there): the second's turn.
	const [version] = await db.select({ id: lessonVersions.id }).from(lessonVersions).where(eq(lessonVersions.lessonId, id))
	await db.insert(learningCredits).values({ personId: p!.id, enterpriseId: first, lessonId: id, lessonVersionId: version!.id, day: '2025-06-03', seconds: 8 * 45 * 60 })
	await refreshCoverageFor([p!.id], year)
	await studyAt(new Date('2025-06-04T02:00:00Z'))
	expect(await creditedTo()).toBe(second)
	const kept = await db.select({ enterpriseId: coveragePersonYear.enterpriseId, creditedSeconds: coveragePersonYear.creditedSeconds }).from(coveragePersonYear).where(eq(coveragePersonYear.enterpriseId, second))
	expect(kept[0]!.creditedSeconds).toBeGreaterThan(0)
	expect((await rebuildCoverage(year, { dryRun: true })).differences).toEqual([])
})
