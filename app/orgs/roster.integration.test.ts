import { and, asc, count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, dbDriver } from '#app/utils/db.server.ts'
import {
	auditLog,
	employmentEvents,
	employments,
	enterprises,
	people,
	regions,
	rosterImports,
	users,
} from '#db/schema/index.ts'
import { fixtureIdNumber, fixturePhone, makeRosterCsv, makeRosterXlsx, rosterRow, rosterRows } from '#tests/fixtures/roster.ts'
import { decryptIdNumber, hashIdNumber, protectIdNumber } from './id-crypto.server.ts'
import { maskIdNumber } from './id-number.ts'
import {
	applyRosterImport,
	checkRosterImport,
	failInterruptedRosterImports,
	getRosterImport,
	INTERRUPTED_MESSAGE,
	listRosterImports,
	markLeaver,
	RosterError,
	runRosterImport,
	startRosterImport,
	type RosterProgress,
} from './roster.server.ts'

let creditCodeSeq = 0

async function setup() {
	const [region] = await db.insert(regions).values({ name: '示例区', level: 'county', path: '/', depth: 1 }).returning()
	await db.update(regions).set({ path: `/${region!.id}/` }).where(eq(regions.id, region!.id))
	const makeEnterprise = async (name: string) => {
		const [e] = await db
			.insert(enterprises)
			.values({
				name,
				creditCode: `91110105MA0000${String(++creditCodeSeq).padStart(4, '0')}`,
				regionId: region!.id,
				regionPath: `/${region!.id}/`,
				industry: 'machinery',
				size: 'small',
				highRisk: false,
			})
			.returning({ id: enterprises.id })
		return e!.id
	}
	const [user] = await db.insert(users).values({ displayName: '企业管理员', passwordHash: 'x' }).returning({ id: users.id })
	return { enterpriseId: await makeEnterprise('甲机械有限公司'), otherEnterpriseId: await makeEnterprise('乙机械有限公司'), actorUserId: user!.id }
}

type Ctx = Awaited<ReturnType<typeof setup>>

async function importFile(ctx: Ctx, bytes: Uint8Array, filename = '花名册.xlsx') {
	const importId = await startRosterImport({ enterpriseId: ctx.enterpriseId, actorUserId: ctx.actorUserId, filename, bytes })
	const checked = await checkRosterImport(importId, { enterpriseId: ctx.enterpriseId })
	return { importId, checked }
}

async function importAndApply(ctx: Ctx, bytes: Uint8Array, filename = '花名册.xlsx') {
	const { importId, checked } = await importFile(ctx, bytes, filename)
	expect(checked.problems).toEqual([])
	const applied = await applyRosterImport(importId, { enterpriseId: ctx.enterpriseId, actorUserId: ctx.actorUserId })
	// Say so at once when an apply did not land (rather than at the next import's counts).
	expect(applied, applied.error ?? '').toMatchObject({ status: 'applied' })
	return { importId, checked, applied }
}

async function counts() {
	const n = async (table: typeof people | typeof employments | typeof employmentEvents | typeof auditLog) =>
		(await db.select({ n: count() }).from(table))[0]!.n
	return { people: await n(people), employments: await n(employments), events: await n(employmentEvents), audit: await n(auditLog) }
}

async function snapshot() {
	return {
		people: await db.select().from(people).orderBy(asc(people.id)),
		employments: await db.select().from(employments).orderBy(asc(employments.id)),
		events: await db.select().from(employmentEvents).orderBy(asc(employmentEvents.id)),
	}
}

test('a dry run lists exactly the three bad rows with row, column and reason, and writes nothing', async () => {
	const ctx = await setup()
	const rows = [...rosterRows(10)]
	const id = fixtureIdNumber(2)
	rows[2] = { ...rows[2], 身份证号: id.slice(0, 17) + (id.endsWith('0') ? '1' : '0') }
	rows[5] = { ...rows[5], 手机号: '1390000' }
	rows[7] = { ...rows[7], 入职日期: '2023-02-30' }
	const { importId, checked } = await importFile(ctx, await makeRosterXlsx(rows))

	expect(checked.status).toBe('checked')
	expect(checked.rowsTotal).toBe(10)
	expect(checked.problemCount).toBe(3)
	expect(checked.problems).toEqual([
		{ row: 4, column: '身份证号', message: '身份证号校验位不正确，请逐位核对号码' },
		{ row: 7, column: '手机号', message: '手机号应为11位数字，以1开头' },
		{ row: 9, column: '入职日期', message: '入职日期“2023-02-30”不存在' },
	])
	expect(await counts()).toEqual({ people: 0, employments: 0, events: 0, audit: 0 })

	await expect(applyRosterImport(importId, { enterpriseId: ctx.enterpriseId, actorUserId: ctx.actorUserId })).rejects.toThrow(
		new RosterError('该文件检查出问题，不能导入：请改正后重新上传'),
	)
	expect((await getRosterImport(importId, { enterpriseId: ctx.enterpriseId }))?.status).toBe('checked')
	expect(await counts()).toEqual({ people: 0, employments: 0, events: 0, audit: 0 })
})

test('the fixed file imports people, employments, hire events and one audit entry; ID numbers are protected', async () => {
	const ctx = await setup()
	const { importId, checked, applied } = await importAndApply(ctx, await makeRosterXlsx(rosterRows(10)))
	expect(checked).toMatchObject({ status: 'checked', created: 10, updated: 0, unchanged: 0 })
	expect(applied).toMatchObject({ status: 'applied', rowsTotal: 10, rowsProcessed: 10, created: 10, updated: 0, unchanged: 0 })
	expect(applied.finishedAt).toBeInstanceOf(Date)
	expect(await counts()).toEqual({ people: 10, employments: 10, events: 10, audit: 1 })

	const [person] = await db.select().from(people).where(eq(people.phone, fixturePhone(3)))
	const idNumber = fixtureIdNumber(3)
	expect(person).toMatchObject({ name: rosterRow(3).姓名, idNumberMasked: maskIdNumber(idNumber) })
	expect(person!.idNumberEnc).not.toContain(idNumber)
	expect(await decryptIdNumber(person!.idNumberEnc!)).toBe(idNumber)
	expect(person!.idNumberHash).toBe(await hashIdNumber(idNumber))

	const [job] = await db.select().from(employments).where(eq(employments.personId, person!.id))
	expect(job).toMatchObject({
		enterpriseId: ctx.enterpriseId,
		jobCategory: 'special_operator',
		workType: '电工作业',
		department: '机修车间',
		hiredOn: '2010-01-04',
		leftOn: null,
	})
	const events = await db.select().from(employmentEvents).where(eq(employmentEvents.employmentId, job!.id))
	expect(events).toMatchObject([
		{ kind: 'hire', effectiveOn: '2010-01-04', toJobCategory: 'special_operator', toWorkType: '电工作业', actorUserId: ctx.actorUserId },
	])
	const [entry] = await db.select().from(auditLog)
	expect(entry).toMatchObject({
		action: 'roster.import',
		entityType: 'roster_import',
		entityId: String(importId),
		enterpriseId: ctx.enterpriseId,
		actorUserId: ctx.actorUserId,
		detail: { rows: 10, created: 10, updated: 0, unchanged: 0, filename: '花名册.xlsx' },
	})
	// The stored problems of a clean file, and no ID number anywhere in the import row.
	const [stored] = await db.select({ problems: rosterImports.problems }).from(rosterImports)
	expect(stored!.problems).toEqual([])
})

test('importing the same file again changes no row and writes no event', async () => {
	const ctx = await setup()
	const bytes = await makeRosterXlsx(rosterRows(25))
	await importAndApply(ctx, bytes)
	const before = await snapshot()
	const again = await importAndApply(ctx, bytes)
	expect(again.checked).toMatchObject({ created: 0, updated: 0, unchanged: 25 })
	expect(again.applied).toMatchObject({ status: 'applied', created: 0, updated: 0, unchanged: 25 })
	expect(await snapshot()).toEqual(before)
})

test('the same people as GBK CSV are unchanged too', async () => {
	const ctx = await setup()
	await importAndApply(ctx, await makeRosterXlsx(rosterRows(5)))
	const before = await snapshot()
	const { applied } = await importAndApply(ctx, makeRosterCsv(rosterRows(5), 'gbk'), '花名册.csv')
	expect(applied).toMatchObject({ status: 'applied', created: 0, updated: 0, unchanged: 5 })
	expect(await snapshot()).toEqual(before)
})

test('people are matched by phone first, then by ID number', async () => {
	const ctx = await setup()
	// A: known by phone only. B: known by ID number, with an old phone.
	const [a] = await db.insert(people).values({ name: '旧名', phone: fixturePhone(1) }).returning({ id: people.id })
	const [b] = await db
		.insert(people)
		.values({ name: rosterRow(2).姓名 as string, phone: '13700000000', ...(await protectIdNumber(fixtureIdNumber(2), maskIdNumber)) })
		.returning({ id: people.id })

	const { checked, applied } = await importAndApply(ctx, await makeRosterXlsx([rosterRow(1), rosterRow(2), rosterRow(3)]))
	expect(checked).toMatchObject({ created: 3, updated: 0, unchanged: 0 })
	expect(applied).toMatchObject({ created: 3, updated: 0, unchanged: 0 })

	const all = await db.select().from(people).orderBy(asc(people.id))
	expect(all).toHaveLength(3)
	const personA = all.find((p) => p.id === a!.id)!
	expect(personA).toMatchObject({ name: rosterRow(1).姓名, phone: fixturePhone(1), idNumberHash: await hashIdNumber(fixtureIdNumber(1)) })
	const personB = all.find((p) => p.id === b!.id)!
	expect(personB).toMatchObject({ phone: fixturePhone(2) })
	const jobs = await db.select({ personId: employments.personId }).from(employments).orderBy(asc(employments.id))
	expect(jobs.map((j) => j.personId)).toEqual([a!.id, b!.id, all[2]!.id])
})

test('a changed job category is a job change; a changed department is a plain update', async () => {
	const ctx = await setup()
	await importAndApply(ctx, await makeRosterXlsx(rosterRows(3)))
	const changed = [
		rosterRow(0),
		rosterRow(1, { 岗位类别: '特种作业人员', 工种: '高处作业' }),
		rosterRow(2, { 部门: '质检部' }),
	]
	const { checked, applied } = await importAndApply(ctx, await makeRosterXlsx(changed))
	expect(checked).toMatchObject({ created: 0, updated: 2, unchanged: 1 })
	expect(applied).toMatchObject({ created: 0, updated: 2, unchanged: 1 })

	const jobChanges = await db.select().from(employmentEvents).where(eq(employmentEvents.kind, 'job_change'))
	expect(jobChanges).toMatchObject([
		{ fromJobCategory: 'safety_manager', toJobCategory: 'special_operator', fromWorkType: null, toWorkType: '高处作业' },
	])
	const [dept] = await db
		.select({ department: employments.department })
		.from(employments)
		.innerJoin(people, eq(people.id, employments.personId))
		.where(eq(people.phone, fixturePhone(2)))
	expect(dept!.department).toBe('质检部')
	expect(await counts()).toMatchObject({ employments: 3, events: 4 })
})

test('上岗日期 is stored, kept when a later file leaves it blank, replaced when given, and never allowed before the hire', async () => {
	const ctx = await setup()
	const postedOf = async (index: number) =>
		(await db.select({ postedOn: employments.postedOn }).from(employments).innerJoin(people, eq(people.id, employments.personId)).where(eq(people.phone, fixturePhone(index))))[0]!.postedOn
	await importAndApply(ctx, await makeRosterXlsx([rosterRow(0), rosterRow(1, { 入职日期: '2020-03-02', 上岗日期: '2020-03-09' })]))
	expect([await postedOf(0), await postedOf(1)]).toEqual(['2010-01-08', '2020-03-09'])

	// A roster without the column (or with a blank cell) keeps the posting date on file.
	const blank = await importAndApply(ctx, await makeRosterXlsx([rosterRow(1, { 入职日期: '2020-03-02', 上岗日期: null })], { headers: ['姓名', '手机号', '身份证号', '岗位类别', '工种', '部门', '入职日期'] }))
	expect(blank.checked).toMatchObject({ updated: 0, unchanged: 1 })
	expect(await postedOf(1)).toBe('2020-03-09')

	// A new posting date replaces it.
	const moved = await importAndApply(ctx, await makeRosterXlsx([rosterRow(1, { 入职日期: '2020-03-02', 上岗日期: '2020-03-16' })]))
	expect(moved.checked).toMatchObject({ updated: 1 })
	expect(await postedOf(1)).toBe('2020-03-16')

	// A hire date moved past the posting date on file is named on its row, and nothing changes.
	const before = await snapshot()
	const { checked } = await importFile(ctx, await makeRosterXlsx([rosterRow(0), rosterRow(1, { 入职日期: '2020-04-01', 上岗日期: null })]))
	expect(checked.problems).toEqual([{ row: 3, column: '入职日期', message: '入职日期2020-04-01晚于已登记的上岗日期2020-03-16，请核对，或同时填写新的上岗日期' }])
	expect(await snapshot()).toEqual(before)
	// Moved more than a year before it, likewise.
	const early = await importFile(ctx, await makeRosterXlsx([rosterRow(0), rosterRow(1, { 入职日期: '2019-03-01', 上岗日期: null })]))
	expect(early.checked.problems).toEqual([{ row: 3, column: '入职日期', message: '入职日期2019-03-01比已登记的上岗日期2020-03-16早一年以上，请核对，或同时填写新的上岗日期' }])
	expect(await snapshot()).toEqual(before)
})

test('a phone and an ID number that belong to two different people are a problem', async () => {
	const ctx = await setup()
	await db.insert(people).values({ name: '甲', phone: fixturePhone(1) })
	await db.insert(people).values({ name: '乙', phone: '13700000000', ...(await protectIdNumber(fixtureIdNumber(1), maskIdNumber)) })
	const { checked } = await importFile(ctx, await makeRosterXlsx([rosterRow(0), rosterRow(1)]))
	expect(checked.problems).toEqual([
		{ row: 3, column: '身份证号', message: '手机号和身份证号分别登记在两名不同人员名下，请核对手机号和身份证号' },
	])
	expect(await counts()).toMatchObject({ employments: 0 })
})

test('two rows that turn out to be the same registered person are a problem', async () => {
	const ctx = await setup()
	await db.insert(people).values({ name: '甲', phone: fixturePhone(1), ...(await protectIdNumber(fixtureIdNumber(1), maskIdNumber)) })
	// Row 2 finds the person by phone, row 3 (no phone match) by the same ID number.
	const rows = [rosterRow(1, { 身份证号: null }), rosterRow(5, { 身份证号: fixtureIdNumber(1) })]
	const { checked } = await importFile(ctx, await makeRosterXlsx(rows))
	expect(checked.problems).toEqual([
		{ row: 3, column: '手机号', message: '与第2行是同一人员（手机号或身份证号已登记为同一人），请合并为一行' },
	])
})

test('a phone twice in the file is listed on both rows and nothing is written', async () => {
	const ctx = await setup()
	const rows = [...rosterRows(6)]
	rows[4] = { ...rows[4], 手机号: rows[1]!.手机号 }
	const { importId, checked } = await importFile(ctx, makeRosterCsv(rows, 'utf-8-bom'), '花名册.csv')
	expect(checked.problems).toEqual([
		{ row: 3, column: '手机号', message: '手机号与第6行重复' },
		{ row: 6, column: '手机号', message: '手机号与第3行重复' },
	])
	await expect(applyRosterImport(importId, { enterpriseId: ctx.enterpriseId, actorUserId: ctx.actorUserId })).rejects.toThrow(RosterError)
	expect(await counts()).toEqual({ people: 0, employments: 0, events: 0, audit: 0 })
})

test('a file that cannot be read fails the check with its message', async () => {
	const ctx = await setup()
	const good = await makeRosterXlsx(rosterRows(50))
	const { checked } = await importFile(ctx, good.subarray(0, 200))
	expect(checked).toMatchObject({
		status: 'failed',
		error: '文件不是有效的 .xlsx 文件（可能已损坏或不完整）：请用 Excel 打开后重新保存为 .xlsx 再上传',
	})
	const empty = await importFile(ctx, new Uint8Array(), 'empty.csv')
	expect(empty.checked).toMatchObject({ status: 'failed', error: '文件是空的（0字节），请检查后重新上传' })
})

test('a failure late in the apply rolls back every earlier batch', async () => {
	const ctx = await setup()
	const bytes = await makeRosterXlsx(rosterRows(2500))
	const progress: RosterProgress[] = []
	const importId = await startRosterImport({ ...ctx, filename: 'big.xlsx', bytes })
	const checked = await checkRosterImport(importId, { enterpriseId: ctx.enterpriseId }, { onProgress: (p) => progress.push(p) })
	expect(checked).toMatchObject({ status: 'checked', problemCount: 0, created: 2500 })
	expect(progress).toEqual([
		{ phase: 'check', rowsProcessed: 2000, rowsTotal: null },
		{ phase: 'check', rowsProcessed: 2500, rowsTotal: 2500 },
	])

	// After the check, someone registers row 2300's ID number under another phone.
	await db.insert(people).values({ name: '他人', phone: '13700000000', ...(await protectIdNumber(fixtureIdNumber(2298), maskIdNumber)) })
	await db.insert(people).values({ name: '他人2', phone: fixturePhone(2298) })
	const applied = await applyRosterImport(importId, { enterpriseId: ctx.enterpriseId, actorUserId: ctx.actorUserId })
	expect(applied.status).toBe('failed')
	expect(applied.error).toBe(
		'第2300行身份证号：手机号和身份证号分别登记在两名不同人员名下，请核对手机号和身份证号。已全部撤销，未写入任何数据，请重新检查',
	)
	expect(await counts()).toEqual({ people: 2, employments: 0, events: 0, audit: 0 })
})

test('markLeaver ends the open employment with a left event and an audit entry', async () => {
	const ctx = await setup()
	await importAndApply(ctx, await makeRosterXlsx(rosterRows(2)))
	const [job] = await db.select().from(employments).orderBy(asc(employments.id)).limit(1)
	const leaver = { enterpriseId: ctx.enterpriseId, employmentId: job!.id, actorUserId: ctx.actorUserId, reason: '合同到期' }

	expect(await markLeaver({ ...leaver, leftOn: '2009-12-31' })).toEqual({
		ok: false,
		message: '离职日期2009-12-31早于入职日期2010-01-01，请核对',
	})
	expect(await markLeaver({ ...leaver, leftOn: '2999-01-01' })).toMatchObject({ ok: false })
	expect(await markLeaver({ ...leaver, leftOn: 'soon' })).toMatchObject({ ok: false })
	expect(await markLeaver({ ...leaver, leftOn: '2024-03-31' })).toEqual({ ok: true, employmentId: job!.id, leftOn: '2024-03-31' })
	expect(await markLeaver({ ...leaver, leftOn: '2024-04-01' })).toEqual({ ok: false, message: '该人员已于2024-03-31离职' })

	const [ended] = await db.select().from(employments).where(eq(employments.id, job!.id))
	expect(ended!.leftOn).toBe('2024-03-31')
	const left = await db.select().from(employmentEvents).where(eq(employmentEvents.kind, 'left'))
	expect(left).toMatchObject([{ employmentId: job!.id, effectiveOn: '2024-03-31', note: '合同到期', actorUserId: ctx.actorUserId }])
	const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'employment.left'))
	expect(entries).toMatchObject([{ entityType: 'employment', entityId: String(job!.id), enterpriseId: ctx.enterpriseId }])

	// Importing the leaver again is a new hire.
	const { applied } = await importAndApply(ctx, await makeRosterXlsx(rosterRows(2)))
	expect(applied).toMatchObject({ created: 1, unchanged: 1 })
	expect(await db.select({ n: count() }).from(employments).where(eq(employments.personId, job!.personId))).toEqual([{ n: 2 }])
})

test('another enterprise sees and changes nothing of this one', async () => {
	const ctx = await setup()
	const { importId } = await importAndApply(ctx, await makeRosterXlsx(rosterRows(2)))
	const other = { enterpriseId: ctx.otherEnterpriseId }
	expect(await getRosterImport(importId, other)).toBeNull()
	expect(await listRosterImports(other)).toEqual([])
	await expect(checkRosterImport(importId, other)).rejects.toThrow(new RosterError('找不到该导入记录'))
	await expect(applyRosterImport(importId, { ...other, actorUserId: ctx.actorUserId })).rejects.toThrow(
		new RosterError('找不到该导入记录'),
	)
	expect(await runRosterImport(importId, other, 'apply')).toEqual({ ok: false, message: '找不到该导入记录' })
	const [job] = await db.select({ id: employments.id }).from(employments).limit(1)
	expect(
		await markLeaver({ ...other, employmentId: job!.id, leftOn: '2024-01-01', reason: null, actorUserId: ctx.actorUserId }),
	).toEqual({ ok: false, message: '找不到该人员的任职记录' })
	expect(await db.select({ n: count() }).from(employments).where(eq(employments.enterpriseId, ctx.otherEnterpriseId))).toEqual([{ n: 0 }])

	const mine = await listRosterImports({ enterpriseId: ctx.enterpriseId })
	expect(mine).toHaveLength(1)
	expect(mine[0]).not.toHaveProperty('file')
	expect(await getRosterImport(importId, { enterpriseId: ctx.enterpriseId })).not.toHaveProperty('file')
})

test('an applied import cannot be applied or checked again', async () => {
	const ctx = await setup()
	const { importId } = await importAndApply(ctx, await makeRosterXlsx(rosterRows(2)))
	const scope = { enterpriseId: ctx.enterpriseId }
	await expect(applyRosterImport(importId, { ...scope, actorUserId: ctx.actorUserId })).rejects.toThrow(
		new RosterError('该文件已经导入，不能重复操作；如需再次导入请重新上传'),
	)
	await expect(checkRosterImport(importId, scope)).rejects.toThrow(RosterError)
})

test('runRosterImport runs both phases without throwing, as a route would', async () => {
	const ctx = await setup()
	const scope = { enterpriseId: ctx.enterpriseId }
	const importId = await startRosterImport({ ...ctx, filename: 'r.csv', bytes: makeRosterCsv(rosterRows(3), 'gbk') })
	expect(await runRosterImport(importId, scope, 'check')).toEqual({ ok: true, status: 'checked' })
	expect(await runRosterImport(importId, scope, 'apply')).toEqual({ ok: true, status: 'applied' })
	expect((await getRosterImport(importId, scope))?.created).toBe(3)
	const [hire] = await db.select({ actorUserId: employmentEvents.actorUserId }).from(employmentEvents).limit(1)
	expect(hire!.actorUserId).toBe(ctx.actorUserId)

	const broken = await startRosterImport({ ...ctx, filename: 'r.xls', bytes: new Uint8Array([1]) })
	expect(await runRosterImport(broken, scope, 'check')).toEqual({
		ok: false,
		message: '不支持旧版 Excel（.xls）格式，请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再上传',
	})
})

test('imports interrupted by a restart are marked failed', async () => {
	const ctx = await setup()
	const scope = { enterpriseId: ctx.enterpriseId }
	const bytes = makeRosterCsv(rosterRows(1))
	const checking = await startRosterImport({ ...ctx, filename: 'a.csv', bytes })
	const applying = await startRosterImport({ ...ctx, filename: 'b.csv', bytes })
	const checked = await startRosterImport({ ...ctx, filename: 'c.csv', bytes })
	await checkRosterImport(checked, scope)
	const silent = new Date(Date.now() - 3 * 60 * 1000)
	await db.update(rosterImports).set({ status: 'checking', heartbeatAt: silent }).where(eq(rosterImports.id, checking))
	await db.update(rosterImports).set({ status: 'applying', heartbeatAt: silent }).where(and(eq(rosterImports.id, applying)))
	const alive = await startRosterImport({ ...ctx, filename: 'd.csv', bytes })
	await db.update(rosterImports).set({ status: 'applying', heartbeatAt: new Date() }).where(eq(rosterImports.id, alive))

	// On PostgreSQL another instance may be running `alive`; on PGlite (one process) it died with us.
	expect(await failInterruptedRosterImports()).toBe(dbDriver() === 'pglite' ? 3 : 2)
	expect(await getRosterImport(checking, scope)).toMatchObject({ status: 'failed', error: INTERRUPTED_MESSAGE })
	expect(await getRosterImport(applying, scope)).toMatchObject({ status: 'failed', error: INTERRUPTED_MESSAGE })
	expect(await getRosterImport(checked, scope)).toMatchObject({ status: 'checked', error: null })
	expect((await getRosterImport(alive, scope))?.status).toBe(dbDriver() === 'pglite' ? 'failed' : 'applying')
})
