import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq, ne } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { finishAttempt, saveAnswer, startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { recordCheckAnswer, recordHeartbeat } from '#app/learning/ledger.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptQuestions, auditLog, courses, coveragePersonYear, employments, enterprises, learningCredits, lessonProgress, lessons, lessonVersions, people, questionVersions, regions, users } from '#db/schema/index.ts'
import { assignmentsOfPerson, createAssignment, listAssignments, withdrawAssignment } from './assignments.server.ts'
import { type AssignmentFormValues } from './assignments.ts'
import { rebuildCoverage, refreshCoverageFor } from './coverage.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

const YEAR = 2026
const DAY = new Date(`${YEAR}-11-10T02:00:00Z`)
let admin = 0
let cityPath = ''
let countyPath = ''
const ent = { chem: 0, machinery: 0, otherChem: 0 }
const person: Record<string, number> = {}

async function enterprise(name: string, regionId: number, regionPath: string, industry: string, highRisk: boolean) {
	const [e] = await db.insert(enterprises).values({ name, creditCode: name.padEnd(18, 'X').slice(0, 18), regionId, regionPath, industry, size: 'small', highRisk }).returning()
	return e!.id
}

async function staff(key: string, enterpriseId: number, department: string | null, jobCategory: 'principal' | 'other' = 'other') {
	const [p] = await db.insert(people).values({ name: key, phone: `1370000${String(Object.keys(person).length).padStart(4, '0')}` }).returning()
	await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory, department, hiredOn: '2020-03-01' })
	person[key] = p!.id
}

beforeEach(async () => {
	for (const k of Object.keys(person)) delete person[k]
	await prepareContent()
	await prepareBanks()
	const [u] = await db.insert(users).values({ username: 'plan-admin', displayName: '管理员', passwordHash: 'x' }).returning()
	admin = u!.id
	const [city] = await db.insert(regions).values({ name: '市', level: 'city', path: '/tmp/', depth: 1 }).returning()
	cityPath = `/${city!.id}/`
	await db.update(regions).set({ path: cityPath }).where(eq(regions.id, city!.id))
	const [county] = await db.insert(regions).values({ name: '甲县', level: 'county', parentId: city!.id, path: '/tmp2/', depth: 2 }).returning()
	countyPath = `${cityPath}${county!.id}/`
	await db.update(regions).set({ path: countyPath }).where(eq(regions.id, county!.id))
	const [other] = await db.insert(regions).values({ name: '乙县', level: 'county', parentId: city!.id, path: '/tmp3/', depth: 2 }).returning()
	const otherPath = `${cityPath}${other!.id}/`
	await db.update(regions).set({ path: otherPath }).where(eq(regions.id, other!.id))
	ent.chem = await enterprise('甲县化工', county!.id, countyPath, 'hazardous_chemicals', true)
	ent.machinery = await enterprise('甲县机械', county!.id, countyPath, 'machinery', false)
	ent.otherChem = await enterprise('乙县化工', other!.id, otherPath, 'hazardous_chemicals', true)
	await staff('化工车间一甲', ent.chem, '车间一', 'principal')
	await staff('化工车间一乙', ent.chem, '车间一')
	await staff('化工仓储', ent.chem, '仓储')
	await staff('机械工', ent.machinery, '车间一')
	await staff('乙县化工工', ent.otherChem, '车间一')
	await refreshCoverageFor(Object.values(person), YEAR)
})

const values = (over: Partial<AssignmentFormValues>): AssignmentFormValues => ({
	title: '任务',
	reason: '测试原因',
	courseId: null,
	examId: null,
	dueOn: `${YEAR}-12-20`,
	industries: [],
	highRiskOnly: false,
	departments: [],
	jobCategories: [],
	...over,
})

async function rowOf(key: string) {
	const [row] = await db.select().from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, person[key]!), eq(coveragePersonYear.year, YEAR)))
	return row!
}

async function fixtureCourseId() {
	const [c] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, 'fixture-course'))
	return c!.id
}

async function publishedExam() {
	const created = await createExam({ userId: admin }, { title: '危化品警示考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 5, points: 20 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error('exam')
	await publishExam({ userId: admin }, created.examId)
	return created.examId
}

async function passExam(personId: number, examId: number) {
	const started = await startAttempt({ personId }, examId, { ip: null, userAgent: null }, DAY)
	if (!started.ok) throw new Error(started.message)
	const rows = await db.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content }).from(attemptQuestions).innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId)).where(eq(attemptQuestions.attemptId, started.attemptId))
	for (const q of rows) {
		await saveAnswer({ personId }, { attemptId: started.attemptId, position: q.position, chosen: (q.content.answer as number[]).map((a) => q.order.indexOf(a)), seq: q.position + 1 }, new Date(DAY.getTime() + 1000))
	}
	const result = await finishAttempt(started.attemptId, 'learner', new Date(DAY.getTime() + 300_000))
	expect(result?.passed).toBe(true)
}

test("an enterprise plan reaches only its department's people, counts in coverage, and a withdrawal takes it back", async () => {
	const scope = { issuer: 'enterprise' as const, enterpriseId: ent.chem, regionPath: countyPath }
	const created = await createAssignment({ userId: admin }, scope, values({ title: '车间一学习', courseId: await fixtureCourseId(), departments: ['车间一'] }))
	expect(created.ok).toBe(true)
	expect((await rowOf('化工车间一甲')).requiredItems).toBe(1)
	expect((await rowOf('化工车间一乙')).requiredItems).toBe(1)
	expect((await rowOf('化工仓储')).requiredItems).toBe(0)
	expect((await rowOf('机械工')).requiredItems).toBe(0)

	const [listed] = await listAssignments({ enterpriseId: ent.chem }, YEAR)
	expect(listed).toMatchObject({ title: '车间一学习', reached: 2, done: 0, courseSlug: 'fixture-course' })
	expect(await listAssignments({ enterpriseId: ent.machinery }, YEAR)).toEqual([])
	expect((await assignmentsOfPerson(person['化工车间一甲']!, YEAR)).map((a) => [a.title, a.done, a.enterpriseName])).toEqual([['车间一学习', false, '甲县化工']])

	// Another enterprise cannot withdraw it; its own admin can, and the record stays.
	expect((await withdrawAssignment({ userId: admin }, { issuer: 'enterprise', enterpriseId: ent.machinery, regionPath: countyPath }, created.ok ? created.id : 0)).ok).toBe(false)
	expect((await withdrawAssignment({ userId: admin }, scope, created.ok ? created.id : 0)).ok).toBe(true)
	expect((await rowOf('化工车间一甲')).requiredItems).toBe(0)
	const [withdrawn] = await listAssignments({ enterpriseId: ent.chem }, YEAR)
	expect(withdrawn?.withdrawnAt).toBeInstanceOf(Date)
	const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action)
	expect(actions).toEqual(expect.arrayContaining(['plan.create', 'assignment.withdraw']))
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differences).toEqual([])
})

test("a regulator's requirement reaches exactly its industry in its subtree; passing the exam and finishing the course are counted as they happen", async () => {
	const examId = await publishedExam()
	const county = { issuer: 'regulator' as const, regionPath: countyPath }
	const required = await createAssignment({ userId: admin }, county, values({ title: '危化品警示考试', examId, industries: ['hazardous_chemicals'] }))
	expect(required.ok).toBe(true)
	const course = await createAssignment({ userId: admin }, county, values({ title: '主要负责人课程', courseId: await fixtureCourseId(), jobCategories: ['principal'] }))
	expect(course.ok).toBe(true)
	expect([await rowOf('化工车间一甲'), await rowOf('化工仓储'), await rowOf('机械工'), await rowOf('乙县化工工')].map((r) => r.requiredItems)).toEqual([2, 1, 0, 0])

	// The exam: passed in the grading transaction, the row moves at once.
	await passExam(person['化工仓储']!, examId)
	expect(await rowOf('化工仓储')).toMatchObject({ requiredItems: 1, requiredDone: 1 })

	// The course: two lessons already complete, the last one completes through real heartbeats.
	const p = person['化工车间一甲']!
	const courseLessons = await db.select({ id: lessons.id, slug: lessons.slug, versionId: lessons.versionId }).from(lessons).where(eq(lessons.courseId, await fixtureCourseId()))
	const text = courseLessons.find((l) => l.slug === 'text-lesson')!
	for (const l of courseLessons.filter((l) => l.slug !== 'text-lesson')) await db.insert(lessonProgress).values({ personId: p, lessonId: l.id, completedAt: DAY, completedVersionId: l.versionId })
	expect((await rowOf('化工车间一甲')).requiredDone).toBe(0)
	const [version] = await db.select({ id: lessonVersions.id }).from(lessonVersions).where(eq(lessonVersions.lessonId, text.id))
	await db.insert(learningCredits).values({ personId: p, enterpriseId: ent.chem, lessonId: text.id, lessonVersionId: version!.id, day: `${YEAR}-11-01`, seconds: 300 })
	for (const checkId of ['c1', 'c2']) await recordCheckAnswer({ personId: p }, { lessonId: text.id, checkId, choice: 1 })
	await recordHeartbeat({ personId: p, sessionId: 's' }, { lessonId: text.id, tabId: 'tab-aaaaaaaa', visible: true, input: true }, DAY)
	const done = await recordHeartbeat({ personId: p, sessionId: 's' }, { lessonId: text.id, tabId: 'tab-aaaaaaaa', visible: true, input: true }, new Date(DAY.getTime() + 10_000))
	expect(done?.complete).toBe(true)
	expect(await rowOf('化工车间一甲')).toMatchObject({ requiredItems: 2, requiredDone: 1 })
	expect((await assignmentsOfPerson(p, YEAR)).map((a) => [a.title, a.done])).toEqual([
		['危化品警示考试', false],
		['主要负责人课程', true],
	])

	// The county sees both with the SQL counts, which agree with the kept rows; the city sees them too.
	const listed = await listAssignments({ regionPath: countyPath }, YEAR)
	expect(listed.map((a) => [a.title, a.reached, a.done]).sort()).toEqual([
		['主要负责人课程', 1, 1],
		['危化品警示考试', 3, 1],
	])
	expect((await listAssignments({ regionPath: cityPath }, YEAR)).length).toBe(2)
	// The enterprise across the county line is not reached and does not see it.
	expect(await listAssignments({ enterpriseId: ent.otherChem }, YEAR)).toEqual([])
	// A county regulator cannot withdraw a requirement it did not issue from its subtree.
	const sibling = { issuer: 'regulator' as const, regionPath: `${cityPath}999/` }
	expect((await withdrawAssignment({ userId: admin }, sibling, required.ok ? required.id : 0)).ok).toBe(false)

	const kept = await db.select().from(coveragePersonYear).where(and(eq(coveragePersonYear.year, YEAR), ne(coveragePersonYear.requiredItems, 0)))
	expect(kept.reduce((n, k) => n + k.requiredItems, 0)).toBe(4)
	expect((await rebuildCoverage(YEAR, { dryRun: true })).differences).toEqual([])
})

test('only published platform exams (and for an enterprise, its own) may be assigned', async () => {
	const created = await createExam({ userId: admin }, { title: '草稿考试', paper: { kind: 'draw', banks: ['fixture-bank'], rules: [{ type: 'single', count: 5, points: 20 }] }, timeLimitMinutes: 30 })
	if (!created.ok) throw new Error('exam')
	const draft = await createAssignment({ userId: admin }, { issuer: 'regulator', regionPath: countyPath }, values({ examId: created.examId }))
	expect(draft).toMatchObject({ ok: false, errors: { target: expect.stringContaining('已发布') } })
})
