import { eq } from 'drizzle-orm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, expect, test } from 'vitest'
import { prepareContent } from '#app/courses/sync.server.ts'
import { recordHeartbeat } from '#app/learning/ledger.server.ts'
import { getEmployment } from '#app/orgs/people.server.ts'
import { db } from '#app/utils/db.server.ts'
import { auditLog, employments, enterprises, lessons, people, regions, retentionPolicies, users } from '#db/schema/index.ts'
import { archiveTables, archiveView, enterpriseArchiveView, lastRecordDates } from './archive-view.ts'
import { enterpriseArchive, personArchive } from './archive.server.ts'
import { employmentRetention, retentionOverview, retentionRules, setRetentionPolicy, wholeArchiveRetention } from './retention.server.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

let admin: number

beforeEach(async () => {
	const [u] = await db.insert(users).values({ username: 'retention-admin', displayName: '档案管理员', passwordHash: 'x' }).returning()
	admin = u!.id
})

test('the platform admin changes one record type’s period with a reason: in force at once, and in the audit log', async () => {
	expect((await retentionRules()).special_operation).toEqual({ yearsAfterRecord: 6, yearsAfterLeaving: 3 })
	expect(await setRetentionPolicy({ userId: admin }, { recordType: 'special_operation', yearsAfterRecord: 8, yearsAfterLeaving: 4, note: '本省要求特种作业档案保存八年' })).toEqual({ ok: true })
	expect((await retentionRules()).special_operation).toEqual({ yearsAfterRecord: 8, yearsAfterLeaving: 4 })
	// The other types keep their defaults.
	expect((await retentionRules()).credits).toEqual({ yearsAfterRecord: 3, yearsAfterLeaving: 3 })
	const overview = await retentionOverview()
	expect(overview.find((p) => p.code === 'special_operation')).toMatchObject({
		label: '特种作业人员培训及复审记录',
		default: { yearsAfterRecord: 6, yearsAfterLeaving: 3, source: expect.stringContaining('令第92号') },
		inForce: { yearsAfterRecord: 8, yearsAfterLeaving: 4 },
		shorter: false,
		set: { by: '档案管理员', note: '本省要求特种作业档案保存八年', at: expect.any(Date) },
	})
	expect(overview.find((p) => p.code === 'credits')!.set).toBeNull()

	// A second change is one more entry; a shorter period than the default is allowed, and said.
	expect(await setRetentionPolicy({ userId: admin }, { recordType: 'classes', yearsAfterRecord: 2, note: '试行两年，待核实' })).toEqual({ ok: true })
	expect((await retentionOverview()).find((p) => p.code === 'classes')).toMatchObject({ inForce: { yearsAfterRecord: 2, yearsAfterLeaving: null }, shorter: true })
	const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'retention_policy.set')).orderBy(auditLog.id)
	expect(entries).toMatchObject([
		{ actorUserId: admin, entityType: 'retention_policy', entityId: 'special_operation', detail: { from: { yearsAfterRecord: 6, yearsAfterLeaving: 3 }, to: { yearsAfterRecord: 8, yearsAfterLeaving: 4 }, note: '本省要求特种作业档案保存八年' } },
		{ actorUserId: admin, entityId: 'classes', detail: { from: { yearsAfterRecord: 3, yearsAfterLeaving: null }, to: { yearsAfterRecord: 2, yearsAfterLeaving: null }, note: '试行两年，待核实' } },
	])
	// Changing it again records where it came from.
	expect(await setRetentionPolicy({ userId: admin }, { recordType: 'special_operation', yearsAfterRecord: 10, yearsAfterLeaving: 4, note: '再延长至十年' })).toEqual({ ok: true })
	const [last] = await db.select().from(auditLog).where(eq(auditLog.action, 'retention_policy.set')).orderBy(auditLog.id).offset(2)
	expect(last!.detail).toEqual({ from: { yearsAfterRecord: 8, yearsAfterLeaving: 4 }, to: { yearsAfterRecord: 10, yearsAfterLeaving: 4 }, note: '再延长至十年' })
	expect(await db.select({ recordType: retentionPolicies.recordType }).from(retentionPolicies).orderBy(retentionPolicies.recordType)).toEqual([{ recordType: 'classes' }, { recordType: 'special_operation' }])
})

test('bad input is refused with a Chinese message naming the field, and nothing is written', async () => {
	const refused = async (input: Record<string, unknown>) => setRetentionPolicy({ userId: admin }, input)
	expect(await refused({ recordType: 'credits', yearsAfterRecord: 5, yearsAfterLeaving: 5, note: '太短' })).toEqual({ ok: false, field: 'note', message: '请写明变更理由（至少 4 个字）' })
	expect(await refused({ recordType: 'credits', yearsAfterRecord: 0, yearsAfterLeaving: 5, note: '本省要求保存' })).toEqual({ ok: false, field: 'yearsAfterRecord', message: '形成后保存年限至少为 1 年' })
	expect(await refused({ recordType: 'credits', yearsAfterRecord: 5, yearsAfterLeaving: 101, note: '本省要求保存' })).toEqual({ ok: false, field: 'yearsAfterLeaving', message: '离职后保存年限不能超过 100 年' })
	expect(await refused({ recordType: 'credits', yearsAfterRecord: 5, note: '本省要求保存' })).toEqual({ ok: false, field: 'yearsAfterLeaving', message: '请填写离职后保存年限' })
	expect(await refused({ recordType: 'audit_log', yearsAfterRecord: 5, yearsAfterLeaving: 2, note: '本省要求保存' })).toMatchObject({ ok: false, field: 'yearsAfterLeaving', message: expect.stringContaining('不随人员离职计算') })
	expect(await refused({ recordType: 'videos', yearsAfterRecord: 5, note: '本省要求保存' })).toEqual({ ok: false, field: 'recordType', message: '没有这种记录类型' })
	// The period already in force is not a change.
	expect(await refused({ recordType: 'credits', yearsAfterRecord: 3, yearsAfterLeaving: 3, note: '确认默认值' })).toEqual({ ok: false, field: null, message: '与现行保存期限相同（在职期间持续保存，离职后至少保存 3 年，且自形成起至少保存 3 年），未作变更' })
	expect(await db.select().from(retentionPolicies)).toEqual([])
	expect(await db.select().from(auditLog)).toEqual([])
})

test('nothing is half-applied: a change that fails after its audit entry leaves neither', async () => {
	// An actor that is not an account fails the policy row's reference, after the audit entry is
	// written in the same transaction: both roll back.
	await expect(setRetentionPolicy({ userId: admin + 1000 }, { recordType: 'attempts', yearsAfterRecord: 5, yearsAfterLeaving: 5, note: '本省要求保存五年' })).rejects.toThrow()
	expect(await db.select().from(retentionPolicies)).toEqual([])
	expect(await db.select().from(auditLog)).toEqual([])
	// The database refuses a period outside 1–100 years whatever writes it.
	await expect(db.insert(retentionPolicies).values({ recordType: 'attempts', yearsAfterRecord: 0, yearsAfterLeaving: 3, note: 'x' })).rejects.toThrow()
	expect((await retentionRules()).attempts).toEqual({ yearsAfterRecord: 3, yearsAfterLeaving: 3 })
})

test('the archives state the periods in force per type, and a person’s dates follow them', async () => {
	await prepareContent()
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [e] = await db.insert(enterprises).values({ name: '焊接厂', creditCode: 'W'.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning()
	const [p] = await db.insert(people).values({ name: '焊工', phone: '13400000009' }).returning()
	const [job] = await db.insert(employments).values({ enterpriseId: e!.id, personId: p!.id, jobCategory: 'special_operator', workType: '焊接与热切割作业', hiredOn: '2020-01-01' }).returning()
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const t0 = new Date('2026-04-01T02:00:00Z')
	for (let b = 0; b < 5; b++) await recordHeartbeat({ personId: p!.id, sessionId: 's' }, { lessonId: lesson!.id, tabId: 'tab-retention', visible: true, input: true }, new Date(t0.getTime() + b * 15_000))

	const personDates = async () => {
		const employment = (await getEmployment({ enterpriseId: e!.id }, job!.id))!
		const archive = await personArchive({ personId: p!.id, enterpriseId: e!.id })
		return { archive, retention: await employmentRetention(employment, lastRecordDates(archive, employment.events)) }
	}
	// Employed: kept while the employment lasts.
	const employed = await personDates()
	expect(employed.retention.until).toBeNull()
	expect(employed.retention.rows.find((x) => x.code === 'credits')).toMatchObject({ lastRecordOn: '2026-04-01', until: null })

	await db.update(employments).set({ leftOn: '2026-06-30' }).where(eq(employments.id, job!.id))
	const left = await personDates()
	expect(left.retention.rows.map((x) => [x.code, x.lastRecordOn, x.until])).toEqual([
		['credits', '2026-04-01', '2029-06-30'],
		['attempts', null, '2029-06-30'],
		['certificates', null, '2029-06-30'],
		['special_operation', '2026-04-01', '2032-04-01'],
		['warning_replies', null, '2029-06-30'],
	])
	expect(left.retention.until).toBe('2032-04-01')

	// The platform admin keeps special operation records longer: the person's date moves.
	await setRetentionPolicy({ userId: admin }, { recordType: 'special_operation', yearsAfterRecord: 8, yearsAfterLeaving: 4, note: '本省要求保存八年' })
	const longer = await personDates()
	expect(longer.retention.until).toBe('2034-04-01')
	const sheet = archiveTables(archiveView(longer.archive, 45), longer.retention).at(-1)!
	expect(sheet.title).toBe('保存期限')
	expect(sheet.rows.find((row) => row[0] === '特种作业人员培训及复审记录')).toEqual(['特种作业人员培训及复审记录', '2026-04-01', '在职期间持续保存，离职后至少保存 4 年，且自形成起至少保存 8 年', '2034-04-01'])

	// 一企一档 (page and workbook) lists every type with the period in force and the change.
	const view = enterpriseArchiveView({ name: '焊接厂', creditCode: 'W'.repeat(18), regionName: '县', industry: 'machinery', size: 'small', highRisk: false }, [], await enterpriseArchive({ enterpriseId: e!.id }, '2026-06-01'), 45, await retentionOverview())
	expect(view.tables.map((t) => t.title).slice(0, 2)).toEqual(['单位概况', '档案保存期限'])
	const policies = view.tables[1]!
	expect(policies.rows.map((row) => row[0])).toEqual(['学时记录（含学时更正、学习时的设备与地址）', '考试记录（试卷与作答）', '证书（培训合格证明）', '特种作业人员培训及复审记录', '警示教育学习与对照检视回复', '培训班（一期一档）记录', '审计日志'])
	expect(policies.rows[3]).toEqual(['特种作业人员培训及复审记录', '在职期间持续保存，离职后至少保存 4 年，且自形成起至少保存 8 年', expect.stringContaining('默认在职期间持续保存，离职后至少保存 3 年，且自形成起至少保存 6 年。《煤矿安全培训规定》'), expect.stringMatching(/^\d{4}-\d{2}-\d{2} 平台管理员调整：本省要求保存八年$/)])
	expect(policies.rows[6]).toEqual(['审计日志', '自形成起至少保存 6 年', expect.any(String), '默认'])
})

test('the learner’s own archive states the same periods across employers: kept while any employment lasts, then from the last leaving', async () => {
	await prepareContent()
	const [r] = await db.insert(regions).values({ name: '县', level: 'county', path: '/1/', depth: 1 }).returning()
	const ent = async (name: string, code: string) => (await db.insert(enterprises).values({ name, creditCode: code.repeat(18), regionId: r!.id, regionPath: '/1/', industry: 'machinery', size: 'small', highRisk: false }).returning())[0]!.id
	const [p] = await db.insert(people).values({ name: '转岗工', phone: '13400000019' }).returning()
	// A welder at one plant until last year; a clerk at another now.
	await db.insert(employments).values({ enterpriseId: await ent('焊接厂', 'W'), personId: p!.id, jobCategory: 'special_operator', workType: '焊接与热切割作业', hiredOn: '2018-01-01', leftOn: '2025-12-31' })
	const [now] = await db.insert(employments).values({ enterpriseId: await ent('贸易公司', 'T'), personId: p!.id, jobCategory: 'other', hiredOn: '2026-01-05' }).returning()
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.slug, 'text-lesson'))
	const t0 = new Date('2026-04-01T02:00:00Z')
	for (let b = 0; b < 5; b++) await recordHeartbeat({ personId: p!.id, sessionId: 's' }, { lessonId: lesson!.id, tabId: 'tab-own', visible: true, input: true }, new Date(t0.getTime() + b * 15_000))

	const own = async () => {
		const archive = await personArchive({ personId: p!.id })
		return { archive, retention: await wholeArchiveRetention({ personId: p!.id }, archive) }
	}
	// Still employed somewhere: kept while that lasts; the welding years bring the special operation type.
	const employed = await own()
	expect(employed.retention.until).toBeNull()
	expect(employed.retention.rows.map((x) => [x.code, x.lastRecordOn, x.until])).toEqual([
		['credits', '2026-04-01', null],
		['attempts', null, null],
		['certificates', null, null],
		['special_operation', '2026-04-01', null],
		['warning_replies', null, null],
	])

	await db.update(employments).set({ leftOn: '2026-06-30' }).where(eq(employments.id, now!.id))
	const left = await own()
	expect(left.retention.rows.map((x) => [x.code, x.until])).toEqual([
		['credits', '2029-06-30'],
		['attempts', '2029-06-30'],
		['certificates', '2029-06-30'],
		['special_operation', '2032-04-01'],
		['warning_replies', '2029-06-30'],
	])
	expect(left.retention.until).toBe('2032-04-01')

	// The platform admin's change moves the learner's dates as it moves the employer's, and the
	// workbook carries the same table as the admin's 一人一档.
	await setRetentionPolicy({ userId: admin }, { recordType: 'special_operation', yearsAfterRecord: 8, yearsAfterLeaving: 4, note: '本省要求保存八年' })
	const longer = await own()
	expect(longer.retention.until).toBe('2034-04-01')
	const sheet = archiveTables(archiveView(longer.archive, 45), longer.retention).at(-1)!
	expect(sheet.title).toBe('保存期限')
	expect(sheet.rows.find((row) => row[0] === '特种作业人员培训及复审记录')).toEqual(['特种作业人员培训及复审记录', '2026-04-01', '在职期间持续保存，离职后至少保存 4 年，且自形成起至少保存 8 年', '2034-04-01'])

	// A cadre with no employment and no records yet: nothing to keep, said so.
	const [cadre] = await db.insert(people).values({ name: '某干部', phone: '13400000029' }).returning()
	const bare = await wholeArchiveRetention({ personId: cadre!.id }, await personArchive({ personId: cadre!.id }))
	expect(bare).toEqual({ until: null, rows: [] })
})
