import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { employmentEvents, employments, enterprises, people, regions } from '#db/schema/index.ts'
import { computeCoverageRows } from './coverage.server.ts'
import { hoursOwed, obligationsFor } from './obligations.ts'
import { currentRules, employmentRecords } from './obligations.server.ts'

// The rebuild runs the rules once per job shape; each row must still be what the rules say for
// that very job (its own hire date, industry, category, departure and events).
test('rows computed per job shape equal the rules applied to each job', async () => {
	const [r] = await db.insert(regions).values({ name: '市', level: 'city', path: '/tmp/', depth: 1 }).returning()
	const path = `/${r!.id}/`
	await db.update(regions).set({ path }).where(eq(regions.id, r!.id))
	const ent = async (name: string, industry: string, highRisk: boolean) => (await db.insert(enterprises).values({ name, creditCode: name.padEnd(18, '0').slice(0, 18), regionId: r!.id, regionPath: path, industry, size: 'small', highRisk }).returning())[0]!.id
	const chem = await ent('化工', 'hazardous_chemicals', true)
	const mech = await ent('机械', 'machinery', false)
	const jobs: [number, string, string, string | null][] = [
		[chem, 'principal', '2019-01-01', null],
		[chem, 'principal', '2020-06-01', null],
		[chem, 'other', '2026-03-05', null],
		[mech, 'other', '2026-03-05', null],
		[chem, 'other', '2026-07-01', null],
		[chem, 'principal', '2018-01-01', '2026-05-01'],
		[chem, 'safety_manager', '2018-01-01', '2025-05-01'],
		[mech, 'special_operator', '2026-12-30', null],
		[chem, 'principal', '2017-01-01', null],
	]
	const ids: number[] = []
	for (const [i, [enterpriseId, jobCategory, hiredOn, leftOn]] of jobs.entries()) {
		const [p] = await db.insert(people).values({ name: `人${i}`, phone: `1350000${String(i).padStart(4, '0')}` }).returning()
		const [e] = await db.insert(employments).values({ enterpriseId, personId: p!.id, jobCategory, hiredOn, leftOn }).returning()
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
})
