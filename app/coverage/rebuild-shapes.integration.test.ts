import { eq } from 'drizzle-orm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { db } from '#app/utils/db.server.ts'
import { assignments, coveragePersonYear, employmentEvents, employments, enterprises, learningCredits, lessonProgress, lessons, people, regions, users } from '#db/schema/index.ts'
import { computeCoverageRows, rebuildCoverage } from './coverage.server.ts'
import { hoursOwed, obligationsFor } from './obligations.ts'
import { currentRules, employmentRecords } from './obligations.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(join(tmpdir(), 'anxun-mdx-'))

// The rebuild runs the rules once per job shape; each row must still be what the rules say for
// that very job (its own hire date, industry, category, departure and events).
test('rows computed per job shape equal the rules applied to each job', async () => {
	const [r] = await db.insert(regions).values({ name: '市', level: 'city', path: '/tmp/', depth: 1 }).returning()
	const path = `/${r!.id}/`
	await db.update(regions).set({ path }).where(eq(regions.id, r!.id))
	const ent = async (name: string, industry: string, highRisk: boolean) => (await db.insert(enterprises).values({ name, creditCode: name.padEnd(18, '0').slice(0, 18), regionId: r!.id, regionPath: path, industry, size: 'small', highRisk }).returning())[0]!.id
	const chem = await ent('化工', 'hazardous_chemicals', true)
	const mech = await ent('机械', 'machinery', false)
	const jobs: [number, string, string, string | null, string?][] = [
		[chem, 'principal', '2019-01-01', null],
		[chem, 'principal', '2020-06-01', null],
		[chem, 'other', '2026-03-05', null],
		[mech, 'other', '2026-03-05', null],
		[chem, 'other', '2026-07-01', null],
		[chem, 'principal', '2018-01-01', '2026-05-01'],
		[chem, 'safety_manager', '2018-01-01', '2025-05-01'],
		[mech, 'special_operator', '2026-12-30', null],
		[chem, 'principal', '2017-01-01', null],
		// Hired the same day as job 2, posted two weeks later: a shape of its own.
		[chem, 'other', '2026-03-05', null, '2026-03-19'],
	]
	const ids: number[] = []
	for (const [i, [enterpriseId, jobCategory, hiredOn, leftOn, postedOn]] of jobs.entries()) {
		const [p] = await db.insert(people).values({ name: `人${i}`, phone: `1350000${String(i).padStart(4, '0')}` }).returning()
		const [e] = await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory, hiredOn, postedOn, leftOn }).returning()
		ids.push(p!.id)
		// One job with a change of post this year: it has events, so it is computed on its own.
		if (i === 1) await db.insert(employmentEvents).values({ enterpriseId, employmentId: e!.id, kind: 'job_change', effectiveOn: '2026-04-01', fromJobCategory: 'other', toJobCategory: 'principal' })
	}
	const rows = await computeCoverageRows(2026, ids)
	const records = await employmentRecords({ personIds: ids, window: { start: '2026-01-01', end: '2026-12-31' } })
	const rules = await currentRules()
	expect(rows.length).toBeGreaterThan(5)
	for (const row of rows) {
		const owed = records.filter((j) => j.personId === row.personId && j.enterpriseId === row.enterpriseId).flatMap((j) => obligationsFor([j], 2026, rules))
		expect({ person: row.personId, minutes: row.owedMinutes, count: row.obligations, dueBy: row.dueBy }).toEqual({
			person: row.personId,
			minutes: hoursOwed(owed) * 45,
			count: owed.length,
			dueBy: owed.reduce<string | null>((d, o) => (d === null || o.dueBy > d ? o.dueBy : d), null),
		})
	}
	// Two people hired the same day into the same job differ by industry, and by date within one.
	const due = (i: number) => rows.find((x) => x.personId === ids[i])!.dueBy
	expect(due(2)).toBe('2026-03-05')
	expect(due(4)).toBe('2026-07-01')
	expect(due(9)).toBe('2026-03-19')
})

// Most people are rebuilt in the database from their job's shape (rebuild-sql.server.ts), the
// rest by the rules in JavaScript: both must give exactly the rows computeCoverageRows gives.
test('the set-based rebuild writes the same rows as the rules computed person by person', async () => {
	const [r] = await db.insert(regions).values({ name: '市', level: 'city', path: '/tmp/', depth: 1 }).returning()
	const path = `/${r!.id}/`
	await db.update(regions).set({ path }).where(eq(regions.id, r!.id))
	const ent = async (name: string, industry: string, highRisk: boolean, size = 'small') => (await db.insert(enterprises).values({ name, creditCode: name.padEnd(18, '0').slice(0, 18), regionId: r!.id, regionPath: path, industry, size, highRisk }).returning())[0]!.id
	const chem = await ent('化工', 'hazardous_chemicals', true, 'medium')
	const mech = await ent('机械', 'machinery', false)
	// [enterprise, category, department, hired, left] per job; one array per person.
	const people_: [number, string, string | null, string, string | null, string?][][] = [
		[[chem, 'principal', '厂部', '2019-01-01', null]],
		// 上岗日期 recorded: 岗前培训 is due before it, not on the hire day.
		[[chem, 'other', '车间一', '2026-03-05', null, '2026-03-25']],
		[[chem, 'other', '车间一', '2026-03-05', null], [mech, 'other', null, '2026-08-01', null]],
		// Two jobs at one enterprise in the year: one row, the later job's category and department.
		[[chem, 'other', '车间一', '2024-01-01', '2026-04-30'], [chem, 'special_operator', '车间二', '2026-05-01', null]],
		[[mech, 'safety_manager', null, '2018-01-01', '2026-06-30']],
		// Left before the year: no row at all.
		[[mech, 'other', null, '2018-01-01', '2025-05-01']],
		// Has a change of post: computed by the rules in JavaScript.
		[[chem, 'other', '车间二', '2020-01-01', null]],
		[[mech, 'special_operator', null, '2026-12-30', null]],
	]
	const ids: number[] = []
	for (const [i, jobs] of people_.entries()) {
		const [p] = await db.insert(people).values({ name: `人${i}`, phone: `1360000${String(i).padStart(4, '0')}` }).returning()
		ids.push(p!.id)
		for (const [enterpriseId, jobCategory, department, hiredOn, leftOn, postedOn] of jobs) {
			const [e] = await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory, department, hiredOn, postedOn, leftOn }).returning()
			if (i === 6) await db.insert(employmentEvents).values({ enterpriseId, employmentId: e!.id, kind: 'job_change', effectiveOn: '2026-04-01', fromJobCategory: 'other', toJobCategory: 'special_operator' })
		}
	}
	// Study time this year (and some last year, which does not count) at each employer.
	await db.insert(learningCredits).values([
		{ personId: ids[0]!, enterpriseId: chem, lessonId: 1, lessonVersionId: 1, day: '2026-02-01', seconds: 3600 },
		{ personId: ids[0]!, enterpriseId: chem, lessonId: 2, lessonVersionId: 2, day: '2026-03-01', seconds: 1800 },
		{ personId: ids[0]!, enterpriseId: chem, lessonId: 1, lessonVersionId: 1, day: '2025-12-31', seconds: 999 },
		{ personId: ids[2]!, enterpriseId: mech, lessonId: 1, lessonVersionId: 1, day: '2026-09-01', seconds: 600 },
		{ personId: ids[3]!, enterpriseId: chem, lessonId: 1, lessonVersionId: 1, day: '2026-05-02', seconds: 1200 },
		{ personId: ids[6]!, enterpriseId: chem, lessonId: 1, lessonVersionId: 1, day: '2026-05-02', seconds: 300 },
	])
	// Plans and requirements in force, matched in SQL as the rules match them: a requirement for the
	// region's machinery (due after every shape's date), a plan of 化工 for 车间一 (a lesson, done
	// by one of its two people), one for a named person, and a withdrawn one that reaches no one.
	const [u] = await db.insert(users).values({ username: 'shape-admin', displayName: '管理员', passwordHash: 'x' }).returning()
	await prepareContent()
	const [lesson] = await db.select({ id: lessons.id, courseId: lessons.courseId }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const task = { year: 2026, title: '任务', reason: '测试', createdBy: u!.id, dueOn: '2026-12-25' }
	await db.insert(assignments).values([
		{ ...task, issuer: 'regulator', regionPath: path, courseId: lesson!.courseId, industries: ['machinery'] },
		{ ...task, issuer: 'enterprise', enterpriseId: chem, regionPath: path, lessonId: lesson!.id, departments: ['车间一'], dueOn: '2026-03-20' },
		// 机械's own plan for its 其他从业人员: not 化工's, though they hold the same category.
		{ ...task, issuer: 'enterprise', enterpriseId: mech, regionPath: path, lessonId: lesson!.id, jobCategories: ['other'], dueOn: '2026-03-20' },
		{ ...task, issuer: 'regulator', regionPath: path, lessonId: lesson!.id, personIds: [ids[0]!], highRiskOnly: true },
		{ ...task, issuer: 'regulator', regionPath: path, lessonId: lesson!.id, withdrawnAt: new Date(), withdrawnBy: u!.id },
	])
	await db.insert(lessonProgress).values({ personId: ids[1]!, lessonId: lesson!.id, completedAt: new Date('2026-04-01T02:00:00Z') })
	const expected = await computeCoverageRows(2026, ids)
	expect(expected.length).toBe(8)
	const required = (i: number, enterpriseId: number) => expected.find((x) => x.personId === ids[i] && x.enterpriseId === enterpriseId)
	expect([required(0, chem), required(1, chem), required(2, chem), required(2, mech), required(4, mech)].map((x) => [x?.requiredItems, x?.requiredDone])).toEqual([
		[1, 0],
		[1, 1],
		[1, 0],
		[2, 0],
		[1, 0],
	])
	expect(required(4, mech)?.dueBy).toBe('2026-12-25')
	expect(expected.find((x) => x.personId === ids[1])?.dueBy).toBe('2026-03-25')
	const rebuilt = await rebuildCoverage(2026)
	expect(rebuilt.rows).toBe(8)
	expect(rebuilt.differenceCount).toBe(8)
	const written = await db.select().from(coveragePersonYear)
	const fields = (x: Partial<typeof coveragePersonYear.$inferSelect>) => ({
		personId: x.personId, enterpriseId: x.enterpriseId, year: x.year, regionPath: x.regionPath, industry: x.industry, size: x.size, highRisk: x.highRisk, parkId: x.parkId ?? null,
		jobCategory: x.jobCategory, department: x.department ?? null, owedMinutes: x.owedMinutes, obligations: x.obligations, dueBy: x.dueBy ?? null,
		creditedSeconds: x.creditedSeconds, examPassed: x.examPassed, requiredItems: x.requiredItems, requiredDone: x.requiredDone,
	})
	const order = (a: { personId?: number; enterpriseId?: number }, b: { personId?: number; enterpriseId?: number }) => a.personId! - b.personId! || a.enterpriseId! - b.enterpriseId!
	expect(written.map(fields).sort(order)).toEqual(expected.map(fields).sort(order))
	expect(written.find((w) => w.personId === ids[3])).toMatchObject({ jobCategory: 'special_operator', department: '车间二', creditedSeconds: 1200 })
	// A second rebuild agrees with what the first wrote, and a person who left is removed.
	expect((await rebuildCoverage(2026)).differenceCount).toBe(0)
	await db.update(employments).set({ leftOn: '2025-12-01' }).where(eq(employments.personId, ids[4]!))
	const again = await rebuildCoverage(2026)
	expect(again.differences).toEqual([{ personId: ids[4], enterpriseId: mech, field: '(row)', kept: 'present', rebuilt: null }])
	expect(await db.$count(coveragePersonYear)).toBe(7)
})
