import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { prepareContent } from '#app/courses/sync.server.ts'
import { recordHeartbeat } from '#app/learning/ledger.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attempts, employments, enterprises, integrityFlags, learningSessions, lessons, people, regions, users } from '#db/schema/index.ts'
import { detectFlags, listFlags } from './integrity.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

const DEVICE = 'a'.repeat(32)
let ctx: { enterpriseId: number; people: number[]; lessonId: number; admin: number }

beforeEach(async () => {
	await Promise.all([prepareContent(), prepareBanks()])
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '代学厂', creditCode: 'D'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const ids: number[] = []
	for (let i = 0; i < 5; i++) {
		const [p] = await db.insert(people).values({ name: `工人${i}`, phone: `1360000000${i}` }).returning()
		await db.insert(employments).values({ enterpriseId: e!.id, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
		ids.push(p!.id)
	}
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).limit(1)
	const [u] = await db.insert(users).values({ username: 'device-admin', displayName: '监管', passwordHash: 'x' }).returning()
	ctx = { enterpriseId: e!.id, people: ids, lessonId: lesson!.id, admin: u!.id }
})

const beat = (personId: number, sessionId: string, at: Date, client: { ip: string | null; userAgent: string | null; deviceId: string | null }) =>
	recordHeartbeat({ personId, sessionId }, { lessonId: ctx.lessonId, tabId: `tab-${sessionId}`, visible: true, input: true }, at, client)

test('where learning starts is noted once per session and day, not on every heartbeat', async () => {
	const t0 = new Date('2026-05-11T01:00:00Z')
	const client = { ip: '10.2.2.2', userAgent: 'Mozilla/5.0 测试', deviceId: DEVICE }
	for (let i = 0; i < 4; i++) expect(await beat(ctx.people[0]!, 'session-a', new Date(t0.getTime() + i * 15_000), client)).not.toBeNull()
	// The next day, same session: a new row; another session the same day: another.
	await beat(ctx.people[0]!, 'session-a', new Date('2026-05-12T01:00:00Z'), client)
	await beat(ctx.people[0]!, 'session-b', new Date('2026-05-12T01:10:00Z'), { ...client, ip: '10.9.9.9' })
	const rows = await db.select().from(learningSessions).orderBy(learningSessions.firstAt)
	expect(rows.map((r) => [r.sessionId, r.day, r.ip, r.deviceId, r.enterpriseId])).toEqual([
		['session-a', '2026-05-11', '10.2.2.2', DEVICE, ctx.enterpriseId],
		['session-a', '2026-05-12', '10.2.2.2', DEVICE, ctx.enterpriseId],
		['session-b', '2026-05-12', '10.9.9.9', DEVICE, ctx.enterpriseId],
	])
})

test('five people learning on one browser in a day are flagged with the records behind them; five learning from one address are not (a factory’s gateway)', { timeout: 60_000 }, async () => {
	const t0 = new Date('2026-05-11T01:00:00Z')
	for (const [i, personId] of ctx.people.entries()) {
		await beat(personId, `session-${i}`, new Date(t0.getTime() + i * 600_000), { ip: '10.3.3.3', userAgent: 'x', deviceId: DEVICE })
	}
	// Someone studying on their own phone that day is no part of it.
	const [other] = await db.insert(people).values({ name: '自学者', phone: '13600000009' }).returning()
	await db.insert(employments).values({ enterpriseId: ctx.enterpriseId, personId: other!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
	await beat(other!.id, 'session-own', t0, { ip: '172.16.0.9', userAgent: 'y', deviceId: 'b'.repeat(32) })

	expect(await detectFlags(2026)).toEqual({ detected: 1, added: 1, updated: 0, enterprises: 'all' })
	const flags = await listFlags({ regionPath: '/1/' })
	const device = flags.find((f) => f.kind === 'shared_device')!
	expect(device).toMatchObject({ enterpriseName: '代学厂', summary: '2026-05-11 同一设备（aaaaaaaa…）上有 5 人的记录：5 人学习', evidence: { day: '2026-05-11', learning: 5, exams: 0 } })
	expect(device.people.map((p) => p.name).sort()).toEqual(['工人0', '工人1', '工人2', '工人3', '工人4'])
	expect(flags.map((f) => f.kind)).toEqual(['shared_device'])
	// Nothing recorded since: the next pass reads no enterprise; a full pass finds the same flag.
	expect(await detectFlags(2026)).toEqual({ detected: 0, added: 0, updated: 0, enterprises: 0 })
	expect(await detectFlags(2026, { full: true })).toEqual({ detected: 1, added: 0, updated: 0, enterprises: 'all' })
})

test('exams started on one browser count toward the same device with the learning there', { timeout: 60_000 }, async () => {
	const created = await createExam({ userId: ctx.admin }, { title: '年度考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 3, points: 10 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error('exam')
	await publishExam({ userId: ctx.admin }, created.examId)
	const t0 = new Date('2026-05-11T01:00:00Z')
	// Three learn on the device in the morning; two others sit the exam on it in the afternoon, from different addresses.
	for (const [i, personId] of ctx.people.slice(0, 3).entries()) await beat(personId, `s-${i}`, new Date(t0.getTime() + i * 60_000), { ip: `10.4.4.${i}`, userAgent: 'x', deviceId: DEVICE })
	for (const [i, personId] of ctx.people.slice(3).entries()) {
		const started = await startAttempt({ personId }, created.examId, { ip: `10.5.5.${i}`, userAgent: 'x', deviceId: DEVICE }, new Date('2026-05-11T06:00:00Z'))
		expect(started).toMatchObject({ ok: true })
	}
	expect((await db.select({ deviceId: attempts.deviceId }).from(attempts)).map((a) => a.deviceId)).toEqual([DEVICE, DEVICE])
	await detectFlags(2026)
	const [flag] = await db.select().from(integrityFlags).where(eq(integrityFlags.kind, 'shared_device'))
	expect(flag).toMatchObject({ personIds: [...ctx.people].sort((a, b) => a - b), evidence: { learning: 3, exams: 2 } })
})
