import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { finishAttempt, saveAnswer, startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { examsFor } from '#app/exams/learner.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptQuestions, employments, enterprises, people, questionVersions, regions, users } from '#db/schema/index.ts'
import { createContest, leaderboard, listContests, myContests, participationCertificate } from './contests.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

let ctx: { user: number; city: { id: number; path: string }; other: { id: number; path: string }; staffA: number[]; staffB: number[]; outsider: number }

async function region(name: string, level: string, parent: { id: number; path: string } | null) {
	const [row] = await db.insert(regions).values({ name, level, parentId: parent?.id ?? null, path: '/tmp/', depth: parent ? 2 : 1 }).returning()
	const p = `${parent?.path ?? '/'}${row!.id}/`
	await db.update(regions).set({ path: p }).where(eq(regions.id, row!.id))
	return { id: row!.id, path: p }
}

async function staff(enterpriseId: number, n: number, tag: string) {
	const ids: number[] = []
	for (let i = 0; i < n; i++) {
		const [p] = await db.insert(people).values({ name: `${tag}${i}`, phone: `137${tag === 'A' ? 1 : tag === 'B' ? 2 : 3}${String(i).padStart(7, '0')}` }).returning()
		await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
		ids.push(p!.id)
	}
	return ids
}

beforeEach(async () => {
	await prepareBanks()
	const [u] = await db.insert(users).values({ username: 'contest-regulator', displayName: '监管', passwordHash: 'x' }).returning()
	const city = await region('市', 'city', null)
	const town1 = await region('一镇', 'township', city)
	const town2 = await region('二镇', 'township', city)
	const other = await region('外市', 'city', null)
	const ent = async (name: string, r: { id: number; path: string }) => (await db.insert(enterprises).values({ name, creditCode: name.padEnd(18, '0').slice(0, 18), regionId: r.id, regionPath: r.path, industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const a = await ent('一镇大厂', town1)
	const b = await ent('二镇小厂', town2)
	const c = await ent('外市厂', other)
	ctx = { user: u!.id, city, other, staffA: await staff(a, 10, 'A'), staffB: await staff(b, 2, 'B'), outsider: (await staff(c, 1, 'C'))[0]! }
})

const values = { title: '安全生产月知识答卷', banks: ['fixture-bank'], single: 5, judge: 0, multiple: 0, attempts: 2, minutes: 20, opensOn: '2026-06-01', closesOn: '2099-06-30' }

/** Sit the contest, answering `right` of the 5 questions correctly. */
async function sit(personId: number, examId: number, right: number) {
	const started = await startAttempt({ personId }, examId, { ip: null, userAgent: null })
	if (!started.ok) throw new Error(started.message)
	const rows = await db.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content }).from(attemptQuestions).innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId)).where(eq(attemptQuestions.attemptId, started.attemptId))
	for (const q of rows) {
		const correct = (q.content.answer as number[]).map((x) => q.order.indexOf(x))
		await saveAnswer({ personId }, { attemptId: started.attemptId, position: q.position, chosen: q.position < right ? correct : [(correct[0]! + 1) % q.order.length], seq: q.position + 1 })
	}
	await finishAttempt(started.attemptId, 'learner')
}

test('the contest is open to everyone working in the region; the leaderboard ranks by participation, then best scores', async () => {
	const created = await createContest({ userId: ctx.user }, { regionId: ctx.city.id, regionPath: ctx.city.path }, values)
	if (!created.ok) throw new Error(created.message)
	const [listed] = await listContests({ regionPath: ctx.city.path })
	expect(listed).toMatchObject({ title: '安全生产月知识答卷', regionName: '市' })
	expect(await listContests({ regionPath: ctx.other.path })).toEqual([])
	expect((await examsFor(ctx.staffA[0]!)).map((e) => e.id)).toEqual([listed!.examId])
	expect(await examsFor(ctx.outsider)).toEqual([])

	await sit(ctx.staffA[0]!, listed!.examId, 5) // 100
	await sit(ctx.staffA[1]!, listed!.examId, 3) // 60
	await sit(ctx.staffB[0]!, listed!.examId, 2) // 40, then 80: the best counts
	await sit(ctx.staffB[0]!, listed!.examId, 4)
	await sit(ctx.staffB[1]!, listed!.examId, 4) // 80

	const board = await leaderboard({ regionPath: ctx.city.path, regionId: ctx.city.id }, created.id)
	expect(board!.totals).toEqual({ employees: 12, participants: 4, rate: 33.3 })
	expect(board!.enterprises.map((e) => [e.name, e.participants, e.employees, e.rate, e.average])).toEqual([
		['二镇小厂', 2, 2, 100, 80],
		['一镇大厂', 2, 10, 20, 80],
	])
	expect(board!.places.map((p) => [p.name, p.rate])).toEqual([
		['二镇', 100],
		['一镇', 20],
	])
	expect(await leaderboard({ regionPath: ctx.other.path, regionId: ctx.other.id }, created.id)).toBeNull()

	expect((await myContests(ctx.staffB[0]!)).map((m) => [m.title, m.best])).toEqual([['安全生产月知识答卷', 80]])
	expect(await participationCertificate(ctx.staffA[2]!, created.id)).toBeNull()
	expect(await participationCertificate(ctx.staffA[0]!, created.id)).toMatchObject({ name: 'A0', best: 100, regionName: '市' })
})

test('a contest the banks cannot fill is refused, naming the shortfall, and nothing is opened', async () => {
	const refused = await createContest({ userId: ctx.user }, { regionId: ctx.city.id, regionPath: ctx.city.path }, { ...values, single: 100 })
	expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('题库不够抽题') })
	expect(await listContests({ regionPath: ctx.city.path })).toEqual([])
	const { exams } = await import('#db/schema/index.ts')
	expect(await db.select().from(exams)).toEqual([])
})
