import { eq } from 'drizzle-orm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { finishAttempt, startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { recordHeartbeat } from '#app/learning/ledger.server.ts'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { employments, enterprises, lessons, people, regions, users } from '#db/schema/index.ts'
import { archiveTables, archiveView } from './archive-view.ts'
import { personArchive } from './archive.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

beforeEach(async () => {
	await prepareContent()
	await prepareBanks()
})

test('一人一档 holds the lesson version studied, the time, the exam result; an employer sees only its own period', async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const make = async (name: string, code: string) => (await db.insert(enterprises).values({ name, creditCode: code, regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const now = await make('现单位', 'A'.repeat(18))
	const before = await make('原单位', 'B'.repeat(18))
	const [p] = await db.insert(people).values({ name: '档案人', phone: '13400000001' }).returning()
	const [u] = await db.insert(users).values({ username: 'arch', displayName: 'x', passwordHash: 'x' }).returning()
	await db.insert(employments).values({ enterpriseId: now, personId: p!.id, jobCategory: 'other', hiredOn: '2020-01-01' })
	const [lesson] = await db.select({ id: lessons.id, hash: lessons.hash }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const t0 = new Date('2026-04-01T02:00:00Z')
	for (let b = 0; b < 5; b++) await recordHeartbeat({ personId: p!.id, sessionId: 's' }, { lessonId: lesson!.id, tabId: 'tab-archive-1', visible: true, input: true }, new Date(t0.getTime() + b * 15_000))
	const created = await createExam({ userId: u!.id }, { title: '年度考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'judge', count: 2, points: 50 }] }, timeLimitMinutes: 10 })
	if (!created.ok) throw new Error('exam')
	await publishExam({ userId: u!.id }, created.examId)
	const started = await startAttempt({ personId: p!.id }, created.examId, { ip: null, userAgent: null }, t0)
	if (!started.ok) throw new Error('start')
	await finishAttempt(started.attemptId, 'learner', new Date(t0.getTime() + 60_000))

	const all = archiveView(await personArchive({ personId: p!.id }), 45)
	expect(all.studied).toMatchObject([{ lesson: expect.any(String), version: lesson!.hash.slice(0, 8), dates: '2026-04-01', minutes: 1 }])
	expect(all.papers).toMatchObject([{ exam: '年度考试', score: '0 / 100', result: '不合格', by: '本人交卷' }])
	// The year's legal training by category, with the rule behind it.
	const year = Number(todayInShanghai().slice(0, 4))
	expect(all.obligations).toMatchObject([{ category: '年度再培训', enterprise: '现单位', dueBy: `${year}-12-31`, hours: expect.stringMatching(/ \/ 8 学时$/), citation: expect.stringContaining('《') }])
	expect(archiveTables(all).map((t) => [t.title, t.rows.length])).toEqual([
		[`${year}年法定培训`, 1],
		['学习记录', 1],
		['学时更正', 0],
		['考试记录', 1],
		['合格证明', 0],
		['学习任务', 0],
		['专题培训班', 0],
		['对照检视', 0],
	])
	const elsewhere = archiveView(await personArchive({ personId: p!.id, enterpriseId: before }), 45)
	expect(elsewhere.studied).toEqual([])
	expect(elsewhere.papers).toEqual([])
	expect(elsewhere.obligations).toEqual([])
})

test('一企一档 counts coverage by year, exams and flags of the enterprise', async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '档案厂', creditCode: 'C'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '甲', phone: '13400000009' }).returning()
	const [left] = await db.insert(people).values({ name: '已离职', phone: '13400000010' }).returning()
	const { coveragePersonYear, employments, integrityFlags } = await import('#db/schema/index.ts')
	await db.insert(employments).values([
		{ enterpriseId: e!.id, personId: p!.id, jobCategory: 'other', department: '一车间', hiredOn: '2024-01-01' },
		{ enterpriseId: e!.id, personId: left!.id, jobCategory: 'other', hiredOn: '2024-01-01', leftOn: '2025-06-30' },
	])
	await db.insert(coveragePersonYear).values([
		{ personId: p!.id, enterpriseId: e!.id, year: 2025, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false, jobCategory: 'other', owedMinutes: 360, obligations: 1, dueBy: '2025-12-31', creditedSeconds: 360 * 60, examPassed: true },
		{ personId: p!.id, enterpriseId: e!.id, year: 2026, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false, jobCategory: 'other', owedMinutes: 360, obligations: 1, dueBy: '2026-12-31', creditedSeconds: 0, examPassed: false },
	])
	await db.insert(integrityFlags).values({ kind: 'too_fast', key: 'k1', enterpriseId: e!.id, regionPath: '/1/', personIds: [p!.id], summary: '用 5 秒交卷', evidence: {} })
	const { enterpriseArchive } = await import('./archive.server.ts')
	const { enterpriseArchiveView } = await import('./archive-view.ts')
	const archive = await enterpriseArchive({ enterpriseId: e!.id }, '2026-06-01')
	expect(archive.byYear.map((y) => [y.year, y.people, y.done])).toEqual([
		[2026, 1, 0],
		[2025, 1, 1],
	])
	const view = enterpriseArchiveView({ name: '档案厂', creditCode: 'C'.repeat(18), regionName: '县', industry: 'machinery', size: 'small', highRisk: false }, [{ jobCategory: 'other', people: 1 }], archive, 45)
	expect(view.tables.map((t) => t.title)).toEqual(['单位概况', '在册人员', '历年培训覆盖', '2026年培训计划与学习要求', '2026年逐月学时', '人员名单（2026年培训状态）', '考试情况', '警示教育推送与对照检视', '走过场提示'])
	// The people on the books with this year's standing; a leaver is not listed.
	expect(view.tables.find((t) => t.title === '人员名单（2026年培训状态）')!.rows).toEqual([['甲', '其他从业人员', '一车间', '2024-01-01', '未开始']])
	expect(view.tables.find((t) => t.title === '走过场提示')!.rows).toEqual([['交卷快于正常阅读时间', '用 5 秒交卷', '待核查', null, expect.any(String)]])
})
