import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { auditLog, courses, coveragePersonYear, employments, enterprises, lessonProgress, lessons, people, regions, users } from '#db/schema/index.ts'
import { archiveTables, archiveView } from './archive-view.ts'
import { personArchive } from './archive.server.ts'
import { assignmentsOfPerson } from './assignments.server.ts'
import { listLawEducation, orderLawEducation, resolvePeople } from './law-education.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

// This year as the app counts it (Beijing time): from 16:00 UTC on 31 December that is already the next year.
const YEAR = Number(todayInShanghai().slice(0, 4))
let ctx: { user: number; county: string; other: string; boss: number; bystander: number; courseId: number }

beforeEach(async () => {
	await prepareContent()
	const [u] = await db.insert(users).values({ username: 'law-regulator', displayName: '监管', passwordHash: 'x' }).returning()
	const [a] = await db.insert(regions).values({ name: '甲县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [b] = await db.insert(regions).values({ name: '乙县', level: 'county', path: '/2/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '甲县某厂', creditCode: 'L'.repeat(18), regionId: a!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [f] = await db.insert(enterprises).values({ name: '乙县某厂', creditCode: 'M'.repeat(18), regionId: b!.id, regionPath: '/2/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [boss] = await db.insert(people).values({ name: '厂长甲', phone: '13512340001' }).returning()
	const [by] = await db.insert(people).values({ name: '工人乙', phone: '13512340002' }).returning()
	const [far] = await db.insert(people).values({ name: '外县人', phone: '13512340003' }).returning()
	await db.insert(employments).values([
		{ enterpriseId: e!.id, personId: boss!.id, jobCategory: 'principal', hiredOn: '2018-01-01' },
		{ enterpriseId: e!.id, personId: by!.id, jobCategory: 'other', hiredOn: '2018-01-01' },
		{ enterpriseId: f!.id, personId: far!.id, jobCategory: 'principal', hiredOn: '2018-01-01' },
	])
	const [c] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, 'fixture-course'))
	ctx = { user: u!.id, county: '/1/', other: '/2/', boss: boss!.id, bystander: by!.id, courseId: c!.id }
})

const order = (people: string[]) => ({ title: '法律法规专题学习', reason: '执法检查发现未组织全员培训', courseId: ctx.courseId, examId: null, dueOn: `${YEAR}-12-31`, people })

test('only people working in the region can be named; every line that names nobody there is reported and nothing is ordered', async () => {
	const resolved = await resolvePeople({ regionPath: ctx.county }, ['13512340001', '13512340003', '13599999999'])
	expect(resolved.found.map((p) => p.name)).toEqual(['厂长甲'])
	expect(resolved.problems).toEqual(['第 2 行“13512340003”：辖区内没有在职人员使用这个号码', '第 3 行“13599999999”：辖区内没有在职人员使用这个号码'])
	expect(await orderLawEducation({ userId: ctx.user }, { regionPath: ctx.county }, order(['13512340001', '13512340003']))).toMatchObject({ ok: false, errors: { people: expect.stringContaining('第 2 行') } })
	expect(await listLawEducation({ regionPath: ctx.county }, YEAR)).toEqual([])
})

test('an order reaches only the named person: their record, coverage and archive show it with its reason; the regulator sees completion', async () => {
	expect(await orderLawEducation({ userId: ctx.user }, { regionPath: ctx.county }, order(['13512340001']))).toEqual({ ok: true, people: 1 })
	const mine = await assignmentsOfPerson(ctx.boss, YEAR)
	expect(mine.map((x) => [x.kind, x.title, x.reason, x.done])).toEqual([['law_education', '法律法规专题学习', '执法检查发现未组织全员培训', false]])
	expect(await assignmentsOfPerson(ctx.bystander, YEAR)).toEqual([])
	const [row] = await db.select().from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, ctx.boss), eq(coveragePersonYear.year, YEAR)))
	expect(row).toMatchObject({ requiredItems: 1, requiredDone: 0 })
	const tables = archiveTables(archiveView(await personArchive({ personId: ctx.boss }), 45))
	expect(tables.find((t) => t.title === '学习任务')!.rows).toEqual([['法律法规教育（监管部门责令）', '法律法规专题学习', '执法检查发现未组织全员培训', `${YEAR}-12-31`, '未完成']])

	const [listed] = await listLawEducation({ regionPath: ctx.county }, YEAR)
	expect(listed).toMatchObject({ title: '法律法规专题学习', completed: 0, total: 1, items: ['课程：测试课程（仅用于自动化测试）'] })
	expect(await listLawEducation({ regionPath: ctx.other }, YEAR)).toEqual([])
	// Finishing every lesson of the course completes it.
	const courseLessons = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.courseId, ctx.courseId))
	for (const l of courseLessons) await db.insert(lessonProgress).values({ personId: ctx.boss, lessonId: l.id, completedAt: new Date() })
	expect((await listLawEducation({ regionPath: ctx.county }, YEAR))[0]).toMatchObject({ completed: 1, people: [{ name: '厂长甲', done: [true] }] })
	expect((await db.select().from(auditLog).where(eq(auditLog.action, 'law_education.order'))).length).toBe(1)
})
