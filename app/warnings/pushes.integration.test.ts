import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { beforeEach, expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { db } from '#app/utils/db.server.ts'
import { auditLog, coveragePersonYear, employments, enterprises, lessonProgress, people, regions, users } from '#db/schema/index.ts'
import { type ReplyItem } from './checklist.ts'
import { assignPush, caseChecklist, enterprisePush, enterprisePushes, listPushes, publishPush, pushableCases, pushDetail, saveReply, startCorrection } from './pushes.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

const TODAY = '2026-11-23'
let ctx: { user: number; city: string; county: string; other: string; chem: number; chem2: number; machinery: number; otherChem: number; worker: number }

async function region(name: string, level: string, parentPath: string | null) {
	const [row] = await db.insert(regions).values({ name, level, path: '/tmp/', depth: parentPath ? parentPath.split('/').length - 2 : 0 }).returning()
	const p = `${parentPath ?? '/'}${row!.id}/`
	await db.update(regions).set({ path: p }).where(eq(regions.id, row!.id))
	return { id: row!.id, path: p }
}

beforeEach(async () => {
	await prepareContent()
	const [u] = await db.insert(users).values({ username: 'regulator', displayName: '监管', passwordHash: 'x' }).returning()
	const city = await region('市', 'city', null)
	const county = await region('甲县', 'county', city.path)
	const other = await region('乙县', 'county', city.path)
	const ent = async (name: string, r: { id: number; path: string }, industry: string, highRisk: boolean) =>
		(await db.insert(enterprises).values({ name, creditCode: name.padEnd(18, '0').slice(0, 18), regionId: r.id, regionPath: r.path, industry, size: 'small', highRisk }).returning())[0]!.id
	const chem = await ent('甲县化工一厂', county, 'hazardous_chemicals', true)
	const chem2 = await ent('甲县化工二厂', county, 'hazardous_chemicals', true)
	const machinery = await ent('甲县机械厂', county, 'machinery', false)
	const otherChem = await ent('乙县化工厂', other, 'hazardous_chemicals', true)
	const [w] = await db.insert(people).values({ name: '操作工', phone: '13600000001' }).returning()
	await db.insert(employments).values({ enterpriseId: chem, personId: w!.id, jobCategory: 'other', department: '罐区', hiredOn: '2020-01-01' })
	ctx = { user: u!.id, city: city.path, county: county.path, other: other.path, chem, chem2, machinery, otherChem, worker: w!.id }
})

async function publishToCountyChemicals() {
	const [c] = await pushableCases()
	const checklist = [...(await caseChecklist('fixture-case')), { id: 'i2', text: '我单位是否定期组织应急疏散演练？', basis: '安全生产法第八十一条' }]
	const published = await publishPush({ userId: ctx.user }, { regionPath: ctx.city }, { caseId: c!.id, title: '举一反三', note: '请对照检查', regionPath: ctx.county, industries: ['hazardous_chemicals'], sizes: [], highRiskOnly: false, dueOn: '2026-12-15', checklist })
	if (!published.ok) throw new Error(published.message)
	return published
}

const answer = (itemId: string, a: ReplyItem['answer'], extra: Partial<ReplyItem> = {}): ReplyItem => ({ itemId, answer: a, finding: '', measure: '', responsible: '', dueOn: '', ...extra })

test("a push reaches exactly the audience's enterprises, and the case's own checklist starts it", async () => {
	expect(await caseChecklist('fixture-case')).toEqual([{ id: 'i1', text: '我单位是否保持安全出口畅通？', basis: '安全生产法第四十二条' }])
	expect(await caseChecklist('../etc/passwd')).toEqual([])
	const published = await publishToCountyChemicals()
	expect(published.enterprises).toBe(2)
	expect((await enterprisePushes({ enterpriseId: ctx.chem })).map((x) => x.title)).toEqual(['举一反三'])
	expect(await enterprisePushes({ enterpriseId: ctx.machinery })).toEqual([])
	expect(await enterprisePushes({ enterpriseId: ctx.otherChem })).toEqual([])
	// A county regulator cannot push beyond its county.
	const [c] = await pushableCases()
	const outside = await publishPush({ userId: ctx.user }, { regionPath: ctx.county }, { caseId: c!.id, title: '越界', note: '', regionPath: ctx.other, industries: [], sizes: [], highRiskOnly: false, dueOn: '2026-12-15', checklist: [] })
	expect(outside).toMatchObject({ ok: false })
	// The other county's regulator does not see it; the city and the county do.
	expect(await listPushes({ regionPath: ctx.other })).toEqual([])
	expect((await listPushes({ regionPath: ctx.county })).map((x) => [x.enterprises, x.replied])).toEqual([[2, 0]])
	expect((await db.select().from(auditLog).where(eq(auditLog.action, 'warning_push.publish'))).length).toBe(1)
})

test('assigning the case lesson counts in coverage; studying it moves the study rate', async () => {
	const { id } = await publishToCountyChemicals()
	const assigned = await assignPush({ userId: ctx.user }, { enterpriseId: ctx.chem, regionPath: ctx.county }, id, { departments: ['罐区'], jobCategories: [] }, TODAY)
	expect(assigned.ok).toBe(true)
	expect(await assignPush({ userId: ctx.user }, { enterpriseId: ctx.chem, regionPath: ctx.county }, id, { departments: [], jobCategories: [] }, TODAY)).toMatchObject({ ok: false })
	const [row] = await db.select().from(coveragePersonYear).where(and(eq(coveragePersonYear.personId, ctx.worker), eq(coveragePersonYear.year, 2026)))
	expect(row).toMatchObject({ requiredItems: 1, requiredDone: 0 })
	expect((await listPushes({ regionPath: ctx.county }))[0]).toMatchObject({ assigned: 1, people: 1, studied: 0 })
	const push = await enterprisePush({ enterpriseId: ctx.chem }, id)
	const { lessons } = await import('#db/schema/index.ts')
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, push!.lessonSlug))
	await db.insert(lessonProgress).values({ personId: ctx.worker, lessonId: lesson!.id, completedAt: new Date() })
	expect((await listPushes({ regionPath: ctx.county }))[0]).toMatchObject({ people: 1, studied: 1 })
})

test('a reply is saved as a draft, submitted once, then immutable; a correction is a new version; hazards roll up by item', async () => {
	const { id } = await publishToCountyChemicals()
	const scope = { enterpriseId: ctx.chem }
	expect(await saveReply({ userId: ctx.user }, scope, id, [answer('i1', '符合'), answer('i2', null)], 'draft')).toEqual({ ok: true, version: 1 })
	const bad = answer('i2', '不符合', { finding: '半年未演练', measure: '本月组织一次全员疏散演练', responsible: '李主任', dueOn: '2026-12-10' })
	expect(await saveReply({ userId: ctx.user }, scope, id, [answer('i1', '符合'), bad], 'submit')).toEqual({ ok: true, version: 1 })
	const again = await saveReply({ userId: ctx.user }, scope, id, [answer('i1', '不符合'), bad], 'submit')
	expect(again).toMatchObject({ ok: false, message: expect.stringContaining('不能再修改') })
	// The other plant replies all 符合; the regulator sees 2 of 2 and one hazard.
	await saveReply({ userId: ctx.user }, { enterpriseId: ctx.chem2 }, id, [answer('i1', '符合'), answer('i2', '符合')], 'submit')
	const detail = await pushDetail({ regionPath: ctx.county }, id, TODAY)
	expect(detail!.enterprises.map((e) => [e.name, e.version, e.nonCompliant, e.overdue])).toEqual([
		['甲县化工一厂', 1, 1, false],
		['甲县化工二厂', 1, 0, false],
	])
	expect(detail!.hazards).toEqual([{ itemId: 'i2', text: '我单位是否定期组织应急疏散演练？', basis: '安全生产法第八十一条', count: 1, found: [{ enterprise: '甲县化工一厂', finding: '半年未演练', measure: '本月组织一次全员疏散演练', responsible: '李主任', dueOn: '2026-12-10' }] }])
	expect((await listPushes({ regionPath: ctx.county }))[0]).toMatchObject({ enterprises: 2, replied: 2 })

	// A correction: version 2 starts as a draft copy; version 1 stays as it was.
	expect(await startCorrection({ userId: ctx.user }, scope, id, '演练已提前完成')).toEqual({ ok: true, version: 2 })
	expect(await saveReply({ userId: ctx.user }, scope, id, [answer('i1', '符合'), answer('i2', '符合')], 'submit')).toEqual({ ok: true, version: 2 })
	const versions = (await enterprisePush(scope, id))!.versions
	expect(versions.map((v) => [v.version, v.status, v.items[1]!.answer])).toEqual([
		[2, 'submitted', '符合'],
		[1, 'submitted', '不符合'],
	])
	expect((await pushDetail({ regionPath: ctx.county }, id, TODAY))!.hazards).toEqual([])
	// Replied in time: nobody is overdue after the deadline.
	const late = await pushDetail({ regionPath: ctx.county }, id, '2026-12-16')
	expect(late!.enterprises.every((e) => !e.overdue)).toBe(true)
})

test('overdue: past the deadline without a submitted reply (a draft does not count)', async () => {
	const { id } = await publishToCountyChemicals()
	await saveReply({ userId: ctx.user }, { enterpriseId: ctx.chem }, id, [answer('i1', '符合'), answer('i2', null)], 'draft')
	const late = await pushDetail({ regionPath: ctx.county }, id, '2026-12-16')
	expect(late!.enterprises.map((e) => [e.name, e.overdue])).toEqual([
		['甲县化工一厂', true],
		['甲县化工二厂', true],
	])
	expect(await pushDetail({ regionPath: ctx.other }, id, TODAY)).toBeNull()
})
