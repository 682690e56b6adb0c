import { eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { finishAttempt, saveAnswer, startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptQuestions, auditLog, employments, enterprises, integrityFlags, learningCredits, people, questionVersions, regions, users } from '#db/schema/index.ts'
import { detectFlags, listFlags, reviewFlag } from './integrity.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'

let admin = 0
beforeEach(async () => {
	await prepareBanks()
	const [u] = await db.insert(users).values({ username: 'flag-admin', displayName: '监管', passwordHash: 'x' }).returning()
	admin = u!.id
})

test('too-fast papers, uniform full marks and days at the cap are flagged once, with evidence; a regulator reviews within their region', { timeout: 60_000 }, async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '速成厂', creditCode: 'A'.repeat(18), regionId: r!.id, regionPath: '/1/7/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const created = await createExam({ userId: admin }, { title: '年度考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 5, points: 20 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error('exam')
	await publishExam({ userId: admin }, created.examId)
	const start = new Date('2026-05-10T01:00:00Z')
	const ids: number[] = []
	for (let i = 0; i < 5; i++) {
		const [p] = await db.insert(people).values({ name: `新员工${i}`, phone: `1350000000${i}` }).returning()
		ids.push(p!.id)
		await db.insert(employments).values({ enterpriseId: e!.id, personId: p!.id, jobCategory: 'other', hiredOn: '2026-05-01' })
		const started = await startAttempt({ personId: p!.id }, created.examId, { ip: '10.1.1.1', userAgent: 'x' }, start)
		if (!started.ok) throw new Error('start')
		const rows = await db.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content }).from(attemptQuestions).innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId)).where(eq(attemptQuestions.attemptId, started.attemptId))
		for (const q of rows) await saveAnswer({ personId: p!.id }, { attemptId: started.attemptId, position: q.position, chosen: (q.content.answer as number[]).map((a) => q.order.indexOf(a)), seq: q.position + 1 }, new Date(start.getTime() + 2000))
		await finishAttempt(started.attemptId, 'learner', new Date(start.getTime() + 8000))
	}
	for (const day of ['2026-05-02', '2026-05-03', '2026-05-04']) {
		await db.insert(learningCredits).values({ personId: ids[0]!, enterpriseId: e!.id, lessonId: 1, lessonVersionId: 1, day, seconds: 8 * 45 * 60 })
	}

	const first = await detectFlags(2026)
	const kinds = (await db.select({ kind: integrityFlags.kind }).from(integrityFlags)).map((f) => f.kind).sort()
	expect(kinds).toEqual(['day_cap', 'shared_ip', 'too_fast', 'too_fast', 'too_fast', 'too_fast', 'too_fast', 'uniform_high_scores'])
	expect(first).toEqual({ detected: 8, added: 8, updated: 0, enterprises: 'all' })
	// The cap days were recorded just now: the next pass reads this enterprise again, adds nothing.
	expect(await detectFlags(2026)).toEqual({ detected: 8, added: 0, updated: 0, enterprises: 1 })

	const open = await listFlags({ regionPath: '/1/7/' })
	const uniform = open.find((f) => f.kind === 'uniform_high_scores')!
	expect(uniform).toMatchObject({ enterpriseName: '速成厂', evidence: { people: 5, minShare: 1 } })
	expect(uniform.people.map((p) => p.name).sort()).toEqual(['新员工0', '新员工1', '新员工2', '新员工3', '新员工4'])

	expect(await reviewFlag({ regionPath: '/2/' }, { userId: admin }, { flagId: uniform.id, note: '越权' })).toMatchObject({ ok: false })
	expect(await reviewFlag({ regionPath: '/1/' }, { userId: admin }, { flagId: uniform.id, note: '' })).toMatchObject({ ok: false, message: '请填写核查意见' })
	expect(await reviewFlag({ regionPath: '/1/' }, { userId: admin }, { flagId: uniform.id, note: '已约谈企业，系新员工集中培训后统一考试' })).toEqual({ ok: true })
	expect((await listFlags({ regionPath: '/1/' })).map((f) => f.id)).not.toContain(uniform.id)
	expect(await db.select().from(auditLog).where(eq(auditLog.action, 'integrity_flag.review'))).toHaveLength(1)
})

test('after a first complete pass, a pass reads only the enterprises with facts since the previous one', async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const enterprise = async (name: string, code: string) =>
		(await db.insert(enterprises).values({ name, creditCode: code.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const quiet = await enterprise('无新记录厂', 'Q')
	const busy = await enterprise('有新记录厂', 'B')
	const person = async (enterpriseId: number, phone: string) => {
		const [p] = await db.insert(people).values({ name: phone, phone }).returning()
		await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
		return p!.id
	}
	// Three days at the daily cap (THRESHOLDS.dayCapDays).
	const atCap = (personId: number, enterpriseId: number, creditedAt: Date) =>
		db.insert(learningCredits).values(['2026-06-01', '2026-06-02', '2026-06-03'].map((day) => ({ personId, enterpriseId, lessonId: 1, lessonVersionId: 1, day, seconds: 8 * 45 * 60, creditedAt })))
	const now = Date.now()
	expect(await detectFlags(2026, { now: new Date(now) })).toEqual({ detected: 0, added: 0, updated: 0, enterprises: 'all' })
	// Recorded since: days at the cap at the busy enterprise. Recorded two hours before the pass
	// (as if by a clock gone wrong): one at the quiet enterprise, which the next pass does not read.
	await atCap(await person(busy, '13500000101'), busy, new Date(now + 1000))
	await atCap(await person(quiet, '13500000102'), quiet, new Date(now - 2 * 3_600_000))
	expect(await detectFlags(2026, { now: new Date(now + 60_000) })).toEqual({ detected: 1, added: 1, updated: 0, enterprises: 1 })
	expect((await db.select({ enterpriseId: integrityFlags.enterpriseId }).from(integrityFlags)).map((f) => f.enterpriseId)).toEqual([busy])
	// A full pass reads everything again.
	expect(await detectFlags(2026, { full: true })).toEqual({ detected: 2, added: 1, updated: 0, enterprises: 'all' })

	// A fourth day at the cap: the open flag follows its facts; once reviewed, it keeps what was reviewed.
	const [flag] = await db.select().from(integrityFlags).where(eq(integrityFlags.enterpriseId, busy))
	const capDay = (day: string) => db.insert(learningCredits).values({ personId: flag!.personIds[0]!, enterpriseId: busy, lessonId: 1, lessonVersionId: 1, day, seconds: 8 * 45 * 60 })
	await capDay('2026-06-04')
	expect(await detectFlags(2026)).toMatchObject({ added: 0, updated: 1 })
	const [grown] = await db.select().from(integrityFlags).where(eq(integrityFlags.id, flag!.id))
	expect(grown).toMatchObject({ summary: '4 天的有效学时达到单日上限', evidence: { days: ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04'] } })
	expect(await reviewFlag({ regionPath: '/1/' }, { userId: admin }, { flagId: flag!.id, note: '已核实' })).toEqual({ ok: true })
	await capDay('2026-06-05')
	expect(await detectFlags(2026)).toMatchObject({ added: 0, updated: 0 })
	expect((await db.select().from(integrityFlags).where(eq(integrityFlags.id, flag!.id)))[0]!.summary).toBe('4 天的有效学时达到单日上限')
})
