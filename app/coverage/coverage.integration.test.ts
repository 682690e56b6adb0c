import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { finishAttempt, saveAnswer, startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { correctCredits } from '#app/learning/corrections.server.ts'
import { recordHeartbeat } from '#app/learning/ledger.server.ts'
import { recordJobChange, recordLeave } from '#app/orgs/employment.server.ts'
import { markLeaver } from '#app/orgs/roster.server.ts'
import { seededRandom } from '#app/exams/paper.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptQuestions, coveragePersonYear, employmentEvents, employments, enterprises, learningCredits, lessons, lessonVersions, people, questionVersions, regions, users } from '#db/schema/index.ts'
import { coverageStatus } from './coverage.ts'
import { addCreditedSeconds, rebuildCoverage, refreshCoverageFor } from './coverage.server.ts'
import { refreshCoverageRollups } from './rollups.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

// A fixed year, no later than today: its job changes, leaves and leavers are recorded "today",
// so once the clock is past it (from 1 January 2027) they are back-dated into an earlier year,
// whose kept rows must follow them as well.
const YEAR = 2026
let admin = 0

beforeEach(async () => {
	await prepareContent()
	await prepareBanks()
	const [u] = await db.insert(users).values({ username: 'cov-admin', displayName: '管理员', passwordHash: 'x' }).returning()
	admin = u!.id
})

test('after a randomised day of activity, coverage kept on write equals coverage rebuilt from the facts', { timeout: 60_000 }, async () => {
	const random = seededRandom('coverage-day')
	const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const ents = []
	for (const [i, industry] of (['machinery', 'hazardous_chemicals', 'construction'] as const).entries()) {
		const [e] = await db.insert(enterprises).values({ name: `企业${i}`, creditCode: String(i).repeat(18), regionId: r!.id, regionPath: '/1/', industry, size: 'small', highRisk: industry === 'hazardous_chemicals' }).returning()
		ents.push(e!.id)
	}
	const staff: { personId: number; employmentId: number; enterpriseId: number }[] = []
	for (let i = 0; i < 24; i++) {
		const [p] = await db.insert(people).values({ name: `员工${i}`, phone: `1370000${String(i).padStart(4, '0')}` }).returning()
		const enterpriseId = pick(ents)
		const hiredOn = random() < 0.3 ? `${YEAR}-0${1 + Math.floor(random() * 8)}-15` : `20${10 + Math.floor(random() * 15)}-03-01`
		const [job] = await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory: pick(['principal', 'safety_manager', 'special_operator', 'other'] as const), workType: '电工作业', hiredOn }).returning()
		staff.push({ personId: p!.id, employmentId: job!.id, enterpriseId })
	}
	await refreshCoverageFor(staff.map((s) => s.personId), YEAR)
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differences).toEqual([])

	// The day: study, exams, job changes, leaves, leavers — in random order.
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const created = await createExam({ userId: admin }, { title: '年度考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 5, points: 20 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error('exam')
	await publishExam({ userId: admin }, created.examId)
	const t0 = new Date(`${YEAR}-10-20T01:00:00Z`)
	for (let step = 0; step < 60; step++) {
		const s = pick(staff)
		const action = random()
		if (action < 0.5) {
			// A few heartbeats 15 s apart.
			for (let b = 0; b < 4; b++) {
				await recordHeartbeat({ personId: s.personId, sessionId: `s${s.personId}` }, { lessonId: lesson!.id, tabId: `tab-${s.personId}-aaaa`, visible: true, input: true }, new Date(t0.getTime() + step * 600_000 + b * 15_000))
			}
		} else if (action < 0.7) {
			const started = await startAttempt({ personId: s.personId }, created.examId, { ip: null, userAgent: null }, new Date(t0.getTime() + step * 600_000))
			if (started.ok && !started.resumed) {
				const rows = await db.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content }).from(attemptQuestions).innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId)).where(eq(attemptQuestions.attemptId, started.attemptId))
				for (const q of rows) {
					const right = (q.content.answer as number[]).map((a) => q.order.indexOf(a))
					await saveAnswer({ personId: s.personId }, { attemptId: started.attemptId, position: q.position, chosen: random() < 0.9 ? right : [(right[0]! + 1) % q.order.length], seq: q.position + 1 }, new Date(t0.getTime() + step * 600_000 + 1000))
				}
				await finishAttempt(started.attemptId, 'learner', new Date(t0.getTime() + step * 600_000 + 120_000))
			}
		} else if (action < 0.8) {
			await recordJobChange({ enterpriseId: s.enterpriseId, actorUserId: admin }, { employmentId: s.employmentId, effectiveOn: `${YEAR}-09-${10 + Math.floor(random() * 9)}`, jobCategory: pick(['principal', 'other', 'special_operator'] as const), workType: '焊接与热切割作业', department: null, note: null })
		} else if (action < 0.9) {
			await recordLeave({ enterpriseId: s.enterpriseId, actorUserId: admin }, { employmentId: s.employmentId, from: `${YEAR - 2}-01-05`, to: `${YEAR}-02-01`, note: null })
		} else {
			await markLeaver({ enterpriseId: s.enterpriseId, employmentId: s.employmentId, leftOn: `${YEAR}-10-01`, reason: null, actorUserId: admin })
		}
	}

	const kept = await db.select().from(coveragePersonYear).where(eq(coveragePersonYear.year, YEAR))
	expect(kept.some((k) => k.creditedSeconds > 0)).toBe(true)
	expect(kept.some((k) => k.examPassed)).toBe(true)
	const { rows, differences } = await rebuildCoverage(YEAR, { dryRun: true })
	expect(differences).toEqual([])
	expect(rows).toBe(kept.length)
	// In batches of a few person ids (as at a province's scale), the same answer.
	const progress: number[] = []
	const batched = await rebuildCoverage(YEAR, { dryRun: true, batchSize: 5, onProgress: (done, total) => progress.push(done / total) })
	expect(batched).toMatchObject({ rows: kept.length, differenceCount: 0 })
	expect(progress.length).toBeGreaterThan(3)
	expect(progress.at(-1)).toBe(1)
	// A tampered row is reported, and a real rebuild puts it right.
	await db.update(coveragePersonYear).set({ creditedSeconds: 999_999 }).where(and(eq(coveragePersonYear.personId, kept[0]!.personId), eq(coveragePersonYear.enterpriseId, kept[0]!.enterpriseId), eq(coveragePersonYear.year, YEAR)))
	const tampered = await rebuildCoverage(YEAR, { batchSize: 7 })
	expect(tampered.differences).toEqual([expect.objectContaining({ personId: kept[0]!.personId, field: 'creditedSeconds', kept: 999_999 })])
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differenceCount).toBe(0)
	// Differences are counted field by field, and each is listed.
	const rowOf = (k: (typeof kept)[number]) => and(eq(coveragePersonYear.personId, k.personId), eq(coveragePersonYear.enterpriseId, k.enterpriseId), eq(coveragePersonYear.year, YEAR))
	await db.update(coveragePersonYear).set({ creditedSeconds: 999_999, owedMinutes: 1 }).where(rowOf(kept[0]!))
	await db.update(coveragePersonYear).set({ department: '查无此部门' }).where(rowOf(kept.at(-1)!))
	const several = await rebuildCoverage(YEAR, { dryRun: true, batchSize: 7 })
	expect(several.differenceCount).toBe(3)
	expect(several.differences.map((d) => d.field).sort()).toEqual(['creditedSeconds', 'department', 'owedMinutes'])
	await rebuildCoverage(YEAR)
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differenceCount).toBe(0)
	// A row the facts do not support is removed; rows that agree are left as they are.
	const other = kept.find((k) => k.enterpriseId !== kept[0]!.enterpriseId && k.personId !== kept[0]!.personId)!
	await db.insert(coveragePersonYear).values({ ...kept[0]!, enterpriseId: other.enterpriseId })
	const untouched = await db.select({ updatedAt: coveragePersonYear.updatedAt }).from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, other.personId), eq(coveragePersonYear.enterpriseId, other.enterpriseId), eq(coveragePersonYear.year, YEAR)))
	const extra = await rebuildCoverage(YEAR)
	expect(extra.differences).toEqual([expect.objectContaining({ personId: kept[0]!.personId, enterpriseId: other.enterpriseId, field: '(row)', kept: 'present', rebuilt: null })])
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differenceCount).toBe(0)
	expect(await db.select({ updatedAt: coveragePersonYear.updatedAt }).from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, other.personId), eq(coveragePersonYear.enterpriseId, other.enterpriseId), eq(coveragePersonYear.year, YEAR)))).toEqual(untouched)

	// The month-by-month trend sees the day's credits and passes in October only.
	const { regionTrend } = await import('./reports.server.ts')
	await refreshCoverageRollups(YEAR, `${YEAR}-11-15`)
	const trend = await regionTrend({ regionPath: '/1/' }, YEAR)
	expect(trend.filter((m) => m.seconds > 0 || m.passed > 0).map((m) => m.month)).toEqual([10])
	expect(trend[9]!.seconds).toBe(kept.reduce((n, k) => n + k.creditedSeconds, 0))
})

test('rollups count only the region subtree, and the SQL status agrees with the pure rule', async () => {
	const [city] = await db.insert(regions).values({ name: '市', level: 'city', path: '/1/', depth: 1 }).returning()
	const [a] = await db.insert(regions).values({ name: '甲区', level: 'county', parentId: city!.id, path: `/${city!.id}/x/`, depth: 2 }).returning()
	const [b] = await db.insert(regions).values({ name: '乙区', level: 'county', parentId: city!.id, path: `/${city!.id}/y/`, depth: 2 }).returning()
	const cityPath = `/${city!.id}/`
	const aPath = `${cityPath}${a!.id}/`
	const bPath = `${cityPath}${b!.id}/`
	// Paths are made of the regions' ids, as everywhere else.
	await db.update(regions).set({ path: cityPath }).where(eq(regions.id, city!.id))
	await db.update(regions).set({ path: aPath }).where(eq(regions.id, a!.id))
	await db.update(regions).set({ path: bPath }).where(eq(regions.id, b!.id))
	const [ea] = await db.insert(enterprises).values({ name: '甲厂', creditCode: 'A'.repeat(18), regionId: a!.id, regionPath: aPath, industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [eb] = await db.insert(enterprises).values({ name: '乙厂', creditCode: 'B'.repeat(18), regionId: b!.id, regionPath: bPath, industry: 'hazardous_chemicals', size: 'small', highRisk: true }).returning()
	const facts = [
		{ enterpriseId: ea!.id, regionPath: aPath, highRisk: false, owedMinutes: 360, creditedSeconds: 360 * 60, examPassed: true, dueBy: `${YEAR}-12-31` },
		{ enterpriseId: ea!.id, regionPath: aPath, highRisk: false, owedMinutes: 360, creditedSeconds: 0, examPassed: false, dueBy: `${YEAR}-02-01` },
		{ enterpriseId: eb!.id, regionPath: bPath, highRisk: true, owedMinutes: 900, creditedSeconds: 600, examPassed: false, dueBy: `${YEAR}-12-31` },
		{ enterpriseId: eb!.id, regionPath: bPath, highRisk: true, owedMinutes: 900, creditedSeconds: 0, examPassed: false, dueBy: `${YEAR}-12-31` },
	]
	for (const [i, f] of facts.entries()) {
		const [p] = await db.insert(people).values({ name: `人${i}`, phone: `1360000000${i}` }).returning()
		await db.insert(coveragePersonYear).values({ personId: p!.id, year: YEAR, industry: 'machinery', size: 'small', jobCategory: 'other', obligations: 1, ...f })
	}
	const today = `${YEAR}-06-01`
	const { regionCoverage } = await import('./reports.server.ts')
	await refreshCoverageRollups(YEAR, today)
	const all = await regionCoverage({ regionPath: cityPath, regionId: city!.id }, YEAR)
	expect(all.totals).toMatchObject({ people: 4, done: 1, overdue: 1, inProgress: 1, notStarted: 1 })
	expect(all.children.map((c) => [c.name, c.people, c.done])).toEqual([
		['甲区', 2, 1],
		['乙区', 2, 0],
	])
	const onlyA = await regionCoverage({ regionPath: aPath, regionId: a!.id }, YEAR)
	expect(onlyA.totals.people).toBe(2)
	expect(onlyA.enterprises.map((e) => e.name)).toEqual(['甲厂'])
	const risky = await regionCoverage({ regionPath: cityPath, regionId: city!.id }, YEAR, { highRisk: true })
	expect(risky.totals).toMatchObject({ people: 2, inProgress: 1, notStarted: 1 })

	// The SQL rule and the pure rule agree row by row.
	const { enterpriseCoverage } = await import('./reports.server.ts')
	const { coverageStatus } = await import('./coverage.ts')
	for (const e of [ea!, eb!]) {
		for (const row of await enterpriseCoverage({ enterpriseId: e.id }, YEAR, today)) {
			expect(row.status).toBe(coverageStatus(row, today))
		}
	}
})

test('the enterprise table pages worst first in a fixed order, and the export has every enterprise', async () => {
	const [city] = await db.insert(regions).values({ name: '分页市', level: 'city', path: '/0/', depth: 1 }).returning()
	const cityPath = `/${city!.id}/`
	await db.update(regions).set({ path: cityPath }).where(eq(regions.id, city!.id))
	const made = await db
		.insert(enterprises)
		.values(Array.from({ length: 120 }, (_, i) => ({ name: `企业${String(i).padStart(3, '0')}`, creditCode: String(i).padStart(18, '0'), regionId: city!.id, regionPath: cityPath, industry: 'machinery', size: 'small', highRisk: false })))
		.returning({ id: enterprises.id })
	const staff = await db
		.insert(people)
		.values(made.map((_, i) => ({ name: `员工${i}`, phone: `135${String(i).padStart(8, '0')}` })))
		.returning({ id: people.id })
	// Every third enterprise has trained its one person; the others have not.
	await db.insert(coveragePersonYear).values(
		made.map((e, i) => ({ personId: staff[i]!.id, enterpriseId: e.id, regionPath: cityPath, year: YEAR, industry: 'machinery', size: 'small', highRisk: false, jobCategory: 'other', obligations: 1, owedMinutes: 360, creditedSeconds: i % 3 === 0 ? 360 * 60 : 0, examPassed: i % 3 === 0, dueBy: `${YEAR}-12-31` })),
	)
	await refreshCoverageRollups(YEAR, `${YEAR}-06-01`)
	const { coverageByEnterprise, regionCoverage } = await import('./reports.server.ts')
	const scope = { regionPath: cityPath, regionId: city!.id }
	const pages = await Promise.all([1, 2, 3, 4].map((p) => regionCoverage(scope, YEAR, {}, p)))
	expect(pages.map((p) => p.enterpriseCount)).toEqual([120, 120, 120, 120])
	expect(pages.map((p) => p.enterprises.length)).toEqual([50, 50, 20, 0])
	const paged = pages.flatMap((p) => p.enterprises)
	expect(new Set(paged.map((e) => e.enterpriseId)).size).toBe(120)
	// Worst first: the 80 that have not trained, then the 40 that have, by name within each.
	expect(paged.slice(0, 80).every((e) => e.done === 0)).toBe(true)
	expect(paged.slice(80).every((e) => e.done === 1)).toBe(true)
	expect(paged.slice(0, 3).map((e) => e.name)).toEqual(['企业001', '企业002', '企业004'])
	// The export reads every enterprise, in the page's order.
	expect((await coverageByEnterprise(scope, YEAR)).map((e) => e.enterpriseId)).toEqual(paged.map((e) => e.enterpriseId))
})

test('recomputing people while their time is credited, several times at once, loses nothing and keeps one row each', { timeout: 60_000 }, async () => {
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '并发厂', creditCode: '9'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const ids: number[] = []
	for (let i = 0; i < 4; i++) {
		const [p] = await db.insert(people).values({ name: `并发${i}`, phone: `1371111000${i}` }).returning()
		await db.insert(employments).values({ enterpriseId: e!.id, personId: p!.id, jobCategory: 'other', hiredOn: '2020-03-01' })
		ids.push(p!.id)
	}
	await refreshCoverageFor(ids, YEAR)
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const t0 = new Date(`${YEAR}-10-21T01:00:00Z`)
	// Each person beats one heartbeat at a time (as a browser does); recomputations of them run alongside.
	await Promise.all(
		ids.flatMap((personId) => [
			(async () => {
				for (let i = 0; i < 8; i++) await recordHeartbeat({ personId, sessionId: `s-${personId}` }, { lessonId: lesson!.id, tabId: `tab-${personId}-aaaa`, visible: true, input: true }, new Date(t0.getTime() + i * 15_000))
			})(),
			...[0, 1, 2].map(() => refreshCoverageFor([personId], YEAR)),
		]),
	)
	const rows = await db.select({ personId: coveragePersonYear.personId, creditedSeconds: coveragePersonYear.creditedSeconds }).from(coveragePersonYear).where(eq(coveragePersonYear.year, YEAR))
	expect(rows).toHaveLength(4)
	expect(rows.every((row) => row.creditedSeconds > 0)).toBe(true)
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differences).toEqual([])
})

test('time studied before an appointment fills the annual refresher, not the new post’s initial training: the kept row is short by category though the total is met', async () => {
	const Y = 2025
	const [r] = await db.insert(regions).values({ name: '类别县', level: 'county', path: '/9/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '类别厂', creditCode: 'C'.repeat(18), regionId: r!.id, regionPath: '/9/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '新任安全员', phone: '13700009999' }).returning()
	const [job] = await db.insert(employments).values({ enterpriseId: e!.id, personId: p!.id, jobCategory: 'safety_manager', hiredOn: '2019-03-01' }).returning()
	await db.insert(employmentEvents).values({ enterpriseId: e!.id, employmentId: job!.id, kind: 'job_change', effectiveOn: `${Y}-06-01`, fromJobCategory: 'other', toJobCategory: 'safety_manager' })
	const [lesson] = await db.select({ id: lessons.id, versionId: lessonVersions.id }).from(lessons).innerJoin(lessonVersions, eq(lessonVersions.lessonId, lessons.id)).where(eq(lessons.slug, 'text-lesson')).limit(1)
	const hour = 45 * 60
	const credit = (day: string, hours: number) => db.insert(learningCredits).values({ personId: p!.id, enterpriseId: e!.id, lessonId: lesson!.id, lessonVersionId: lesson!.versionId, day, seconds: hours * hour })
	// 50 学时 in March, before the appointment: 12 fill the annual refresher, 38 count toward nothing.
	await credit(`${Y}-03-02`, 50)
	await refreshCoverageFor([p!.id], Y)
	const keptRow = async () => (await db.select().from(coveragePersonYear).where(eq(coveragePersonYear.personId, p!.id)))[0]!
	const before = await keptRow()
	expect(before).toMatchObject({ owedMinutes: (32 + 12) * 45, creditedSeconds: 50 * hour, categoryShortSeconds: 32 * hour })
	expect(coverageStatus({ ...before, examPassed: true }, `${Y}-11-01`)).toBe('in_progress')
	expect((await rebuildCoverage(Y, { dryRun: true })).differences).toEqual([])
	// 32 学时 after the appointment: every category met.
	await credit(`${Y}-07-01`, 32)
	await refreshCoverageFor([p!.id], Y)
	const after = await keptRow()
	expect(after.categoryShortSeconds).toBe(0)
	expect(coverageStatus({ ...after, examPassed: true }, `${Y}-11-01`)).toBe('done')
	expect((await rebuildCoverage(Y, { dryRun: true })).differences).toEqual([])
	// The person page's split says the same.
	const { obligationProgressOfPerson } = await import('./obligations.server.ts')
	const progress = await obligationProgressOfPerson(p!.id, Y)
	expect(progress.obligations.map((o) => [o.trigger, o.progress.status])).toEqual([
		['initial', 'done'],
		['annual', 'done'],
	])
})

test('a leaver hired again the same year: the first stint’s time does not count toward the new pre-job training, kept and rebuilt alike', async () => {
	const Y = 2025
	const [r] = await db.insert(regions).values({ name: '返聘县', level: 'county', path: '/7/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '返聘厂', creditCode: 'R'.repeat(18), regionId: r!.id, regionPath: '/7/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '返聘工人', phone: '13700009997' }).returning()
	await db.insert(employments).values([
		{ enterpriseId: e!.id, personId: p!.id, jobCategory: 'other', hiredOn: '2019-03-01', leftOn: `${Y}-03-31` },
		{ enterpriseId: e!.id, personId: p!.id, jobCategory: 'other', hiredOn: `${Y}-09-01`, postedOn: `${Y}-09-08` },
	])
	const [lesson] = await db.select({ id: lessons.id, versionId: lessonVersions.id }).from(lessons).innerJoin(lessonVersions, eq(lessonVersions.lessonId, lessons.id)).where(eq(lessons.slug, 'text-lesson')).limit(1)
	const hour = 45 * 60
	const credit = (day: string, hours: number) => db.insert(learningCredits).values({ personId: p!.id, enterpriseId: e!.id, lessonId: lesson!.id, lessonVersionId: lesson!.versionId, day, seconds: hours * hour })
	// 30 学时 in February, in the first stint: more than the 24 the new hire owes, but before the hire.
	await credit(`${Y}-02-10`, 30)
	await refreshCoverageFor([p!.id], Y)
	const keptRow = async () => (await db.select().from(coveragePersonYear).where(eq(coveragePersonYear.personId, p!.id)))[0]!
	expect(await keptRow()).toMatchObject({ owedMinutes: 24 * 45, creditedSeconds: 30 * hour, categoryShortSeconds: 24 * hour })
	expect(coverageStatus({ ...(await keptRow()), examPassed: true }, `${Y}-09-05`)).toBe('in_progress')
	expect((await rebuildCoverage(Y, { dryRun: true })).differences).toEqual([])
	// 24 学时 after the hire, before the posting: met.
	await credit(`${Y}-09-03`, 24)
	await refreshCoverageFor([p!.id], Y)
	expect((await keptRow()).categoryShortSeconds).toBe(0)
	expect((await rebuildCoverage(Y, { dryRun: true })).differences).toEqual([])
})

test('a correction of one lesson, then other time the same day: the kept gap by category still equals the rebuilt one', async () => {
	const Y = 2025
	const [r] = await db.insert(regions).values({ name: '更正县', level: 'county', path: '/8/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '更正厂', creditCode: 'D'.repeat(18), regionId: r!.id, regionPath: '/8/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '新任安全员乙', phone: '13700009998' }).returning()
	const [job] = await db.insert(employments).values({ enterpriseId: e!.id, personId: p!.id, jobCategory: 'safety_manager', hiredOn: '2019-03-01' }).returning()
	await db.insert(employmentEvents).values({ enterpriseId: e!.id, employmentId: job!.id, kind: 'job_change', effectiveOn: `${Y}-06-01`, fromJobCategory: 'other', toJobCategory: 'safety_manager' })
	const lessonOf = async (slug: string) => (await db.select({ id: lessons.id, versionId: lessonVersions.id }).from(lessons).innerJoin(lessonVersions, eq(lessonVersions.lessonId, lessons.id)).where(eq(lessons.slug, slug)).limit(1))[0]!
	const a = await lessonOf('text-lesson')
	const b = await lessonOf('case-lesson')
	const hour = 45 * 60
	// Both obligations (12 + 32 学时) met by lesson A on one day.
	await db.insert(learningCredits).values({ personId: p!.id, enterpriseId: e!.id, lessonId: a.id, lessonVersionId: a.versionId, day: `${Y}-06-02`, seconds: 44 * hour })
	await refreshCoverageFor([p!.id], Y)
	const gap = async () => (await db.select({ short: coveragePersonYear.categoryShortSeconds }).from(coveragePersonYear).where(eq(coveragePersonYear.personId, p!.id)))[0]!.short
	expect(await gap()).toBe(0)
	// 更正学时: an hour of lesson A taken back (dated on its last day); the gap is that hour.
	expect(await correctCredits({ userId: admin }, { enterpriseId: e!.id, personId: p!.id }, { year: Y, lessonId: a.id, minutes: 45, reason: '挂机时间冲减' })).toMatchObject({ ok: true })
	expect(await gap()).toBe(hour)
	// Then an hour of lesson B the same day, credited as a heartbeat credits it: the gap closes, and
	// a rebuild from the facts says the same.
	await db.transaction(async (tx) => {
		await tx.insert(learningCredits).values({ personId: p!.id, enterpriseId: e!.id, lessonId: b.id, lessonVersionId: b.versionId, day: `${Y}-06-02`, seconds: hour })
		await addCreditedSeconds(tx, { personId: p!.id, enterpriseId: e!.id, day: `${Y}-06-02`, seconds: hour })
	})
	expect(await gap()).toBe(0)
	expect((await rebuildCoverage(Y, { dryRun: true })).differences).toEqual([])
})
