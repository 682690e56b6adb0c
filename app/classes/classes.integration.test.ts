import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { beforeEach, expect, test } from 'vitest'
import { verifyPassword } from '#app/auth/password.server.ts'
import { archiveTables, archiveView } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { assignableTargets } from '#app/coverage/assignments.server.ts'
import { prepareContent } from '#app/courses/sync.server.ts'
import { annulAttempt, finishedAttemptsOf } from '#app/exams/annulment.server.ts'
import { finishAttempt, saveAnswer, startAttempt } from '#app/exams/attempts.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { verifyCertificate } from '#app/exams/certificates.server.ts'
import { attemptResult, examFor, examsFor } from '#app/exams/learner.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attempts, attemptQuestions, auditLog, certificates, classAttendance, classMembers, employments, enterprises, exams, lessonProgress, lessons, people, questionVersions, regions, roleGrants, users } from '#db/schema/index.ts'
import { type SessionValues } from './classes.ts'
import { addSession, cadreClass, checkIn, classesOfPerson, classOverview, classReport, createClass, importCadres, listClasses, recordException, scanOf, sessionAttendance, withdrawSession } from './classes.server.ts'
import { missingFor, reportTables } from './report-view.ts'

process.env.CONTENT_DIR = 'tests/fixtures/content'
process.env.CONTENT_CACHE_DIR = mkdtempSync(path.join(tmpdir(), 'anxun-mdx-'))

const MIN = 60_000
let ctx: { admin: number; city: { id: number; path: string }; other: { id: number; path: string }; classId: number }

async function region(name: string, parent: { id: number; path: string } | null) {
	const [row] = await db.insert(regions).values({ name, level: parent ? 'county' : 'city', parentId: parent?.id ?? null, path: '/tmp/', depth: parent ? 2 : 1 }).returning()
	const p = `${parent?.path ?? '/'}${row!.id}/`
	await db.update(regions).set({ path: p }).where(eq(regions.id, row!.id))
	return { id: row!.id, path: p }
}

async function rosterFile(rows: string[][], header = ['姓名', '单位', '职务', '手机号']) {
	const wb = new ExcelJS.Workbook()
	const sheet = wb.addWorksheet('名单')
	sheet.addRow(['2026年领导干部安全生产专题培训班学员名单'])
	sheet.addRow(header)
	for (const r of rows) sheet.addRow(r)
	return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), filename: '学员名单.xlsx' }
}

function session(overrides: Partial<SessionValues>): SessionValues {
	const now = Date.now()
	return { kind: 'lecture', delivery: 'onsite', title: '安全生产法律法规专题讲座', speaker: '张教授', startsAt: new Date(now - 10 * MIN), endsAt: new Date(now + 110 * MIN), minutes: 90, lessonId: null, paper: null, ...overrides }
}

const scope = () => ({ regionPath: ctx.city.path })
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

async function cadres(names: string[]) {
	const file = await rosterFile(names.map((n, i) => [n, '安澜市某局', '副局长', `1360000000${i}`]))
	const result = await importCadres({ userId: ctx.admin }, scope(), ctx.classId, file, { skipInvalid: false })
	if (!result.ok) throw new Error(result.message)
	const rows = await db.select({ id: people.id, name: people.name }).from(people)
	return names.map((n) => rows.find((r) => r.name === n)!.id)
}

async function userOf(personId: number) {
	const [u] = await db.select({ id: users.id }).from(users).where(eq(users.personId, personId))
	return u!.id
}

/** Sit an exam answering `right` of its questions correctly; the attempt's id. */
async function sit(personId: number, examId: number, right: number) {
	const started = await startAttempt({ personId }, examId, { ip: null, userAgent: null })
	if (!started.ok) throw new Error(started.message)
	const rows = await db.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content }).from(attemptQuestions).innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId)).where(eq(attemptQuestions.attemptId, started.attemptId))
	for (const q of rows) {
		const correct = (q.content.answer as number[]).map((x) => q.order.indexOf(x))
		await saveAnswer({ personId }, { attemptId: started.attemptId, position: q.position, chosen: q.position < right ? correct : [(correct[0]! + 1) % q.order.length], seq: q.position + 1 })
	}
	await finishAttempt(started.attemptId, 'learner')
	return started.attemptId
}

const assessmentPaper = { banks: ['fixture-bank'], single: 5, judge: 0, multiple: 0, passMark: 80, timeLimitMinutes: 30, attempts: 1 }

beforeEach(async () => {
	await prepareContent()
	await prepareBanks()
	const [u] = await db.insert(users).values({ username: 'class-organiser', displayName: '市安委办', passwordHash: 'x' }).returning()
	const city = await region('市', null)
	const other = await region('外市', null)
	const classId = await createClass({ userId: u!.id }, { regionId: city.id, regionPath: city.path }, { title: '领导干部安全生产专题培训班', organiser: '市安委办', startsOn: today(), endsOn: today(), venue: '市委党校', requiredHours: null }, 45)
	ctx = { admin: u!.id, city, other, classId }
})

test('a roster file adds cadres with accounts; a bad row adds nobody unless skipped; importing again adds no one twice', async () => {
	// An employee already on record keeps their person; a new cadre gets a person and an account.
	const [known] = await db.insert(people).values({ name: '钱企业', phone: '13600000009' }).returning()
	const rows = [
		['赵局长', '市应急管理局', '局长', '13600000001'],
		['孙主任', '某镇人民政府', '副镇长', '136 0000 0002'],
		['李科长', '', '科长', '13600000003'],
		['周书记', '某街道', '书记', '1360000'],
		['钱企业', '某公司', '总经理', '13600000009'],
		['王重名', '某局', '', '13600000001'],
	]
	const refused = await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile(rows), { skipInvalid: false })
	expect(refused).toMatchObject({ ok: false })
	if (refused.ok) throw new Error('expected refusal')
	expect(refused.problems).toEqual([
		{ where: '第 5 行', message: '单位：不能为空' },
		{ where: '第 6 行', message: '手机号：手机号应为11位数字，以1开头' },
		{ where: '第 8 行', message: '手机号：与第 3 行重复' },
	])
	expect(await db.select().from(classMembers)).toEqual([])
	expect(await db.select().from(people)).toHaveLength(1)

	const done = await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile(rows), { skipInvalid: true })
	if (!done.ok) throw new Error(done.message)
	expect(done).toMatchObject({ added: 3, alreadyOn: 0 })
	expect(done.skipped).toHaveLength(3)
	expect(done.accounts.map((a) => a.phone).sort()).toEqual(['13600000001', '13600000002', '13600000009'])
	const account = done.accounts.find((a) => a.phone === '13600000002')!
	expect(account.password).toMatch(/^(?=.*[a-z])(?=.*\d)[a-z2-9]{10}$/)
	const [user] = await db.select().from(users).where(eq(users.phone, '13600000002'))
	expect(await verifyPassword(user!.passwordHash, account.password)).toBe(true)
	expect(await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, user!.id))).toEqual([{ role: 'learner' }])
	expect((await db.select({ personId: users.personId }).from(users).where(eq(users.phone, '13600000009')))[0]!.personId).toBe(known!.id)
	const overview = await classOverview(scope(), ctx.classId)
	expect(overview!.members.map((m) => [m.name, m.unit, m.post])).toEqual(
		expect.arrayContaining([
			['赵局长', '市应急管理局', '局长'],
			['孙主任', '某镇人民政府', '副镇长'],
			['钱企业', '某公司', '总经理'],
		]),
	)
	expect(overview!.members).toHaveLength(3)

	const again = await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile(rows), { skipInvalid: true })
	expect(again).toMatchObject({ ok: true, added: 0, alreadyOn: 3, accounts: [] })

	// Someone with an account but no learning role (an enterprise's admin) keeps the account and
	// gains the learner role, once.
	const [admin] = await db.insert(people).values({ name: '吴管理', phone: '13600000021' }).returning()
	const [adminUser] = await db.insert(users).values({ phone: '13600000021', displayName: '吴管理', passwordHash: 'x', personId: admin!.id }).returning()
	await db.insert(roleGrants).values({ userId: adminUser!.id, role: 'enterprise_admin' })
	const withAdmin = [...rows, ['吴管理', '某公司', '安全员', '13600000021']]
	expect(await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile(withAdmin), { skipInvalid: true })).toMatchObject({ ok: true, added: 1, alreadyOn: 3, accounts: [] })
	expect(await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile(withAdmin), { skipInvalid: true })).toMatchObject({ ok: true, added: 0, alreadyOn: 4 })
	expect((await db.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, adminUser!.id))).map((g) => g.role).sort()).toEqual(['enterprise_admin', 'learner'])

	// A phone on record under another name is named, not silently merged.
	const clash = await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile([['钱某某', '某公司', '职员', '13600000009']]), { skipInvalid: false })
	expect(clash).toMatchObject({ ok: false, problems: [{ where: '第 3 行', message: expect.stringContaining('已登记为“钱企业”') }] })
	const badHeader = await importCadres({ userId: ctx.admin }, scope(), ctx.classId, await rosterFile([['x']], ['名字', '单位']), { skipInvalid: false })
	expect(badHeader).toMatchObject({ ok: false, message: expect.stringContaining('缺少“职务”“手机号”列') })
	expect(await importCadres({ userId: ctx.admin }, { regionPath: ctx.other.path }, ctx.classId, await rosterFile(rows), { skipInvalid: true })).toMatchObject({ ok: false, message: '培训班不存在' })
})

test('check-in refuses outside the session window, with a stale or wrong code, and for someone not on the roster', async () => {
	const [cadre] = await cadres(['赵局长'])
	const [outsider] = await db.insert(people).values({ name: '旁人', phone: '13500000000' }).returning()
	const [outsiderUser] = await db.insert(users).values({ phone: '13500000000', displayName: '旁人', personId: outsider!.id, passwordHash: 'x' }).returning()
	const start = new Date(Date.now() + 60 * MIN)
	const added = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ startsAt: start, endsAt: new Date(start.getTime() + 120 * MIN) }))
	if (!added.ok) throw new Error('session not added')
	const me = { userId: await userOf(cadre!), personId: cadre!, ip: '10.0.0.1' }
	const codeAt = async (at: Date) => (await sessionAttendance(scope(), ctx.classId, added.id, at))!.code!
	const at = (minutes: number) => new Date(start.getTime() + minutes * MIN)

	expect(await checkIn(me, ctx.classId, { sessionId: added.id, code: await codeAt(at(-31)), via: 'code' }, at(-31))).toEqual({ ok: false, message: '签到尚未开始（开始前 30 分钟开放）' })
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, code: await codeAt(at(121)), via: 'code' }, at(121))).toEqual({ ok: false, message: '签到已结束；如确实到场，请联系主办单位登记' })
	expect(await checkIn({ userId: outsiderUser!.id, personId: outsider!.id, ip: null }, ctx.classId, { sessionId: added.id, code: await codeAt(at(5)), via: 'code' }, at(5))).toMatchObject({ ok: false, message: expect.stringContaining('不在本期培训班的学员名单上') })
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, code: '000000' === (await codeAt(at(5))) ? '111111' : '000000', via: 'code' }, at(5))).toMatchObject({ ok: false, message: expect.stringContaining('签到码不正确') })
	// A code from two minutes ago no longer works (a screenshot forwarded to someone absent).
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, code: await codeAt(at(2)), via: 'code' }, at(5))).toMatchObject({ ok: false })
	expect(await db.select().from(classAttendance)).toEqual([])

	// A QR scanned while its code was current stays good for the minutes a phone sign-in takes, not for ever.
	expect(await scanOf(added.id, await codeAt(at(2)), at(5))).toBeNull()
	const scanned = (await scanOf(added.id, await codeAt(at(3)), at(3)))!
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, scan: scanned, via: 'qr' }, at(14))).toMatchObject({ ok: false, message: expect.stringContaining('二维码已过期') })
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, scan: `${scanned.slice(0, -1)}${scanned.endsWith('0') ? '1' : '0'}`, via: 'qr' }, at(4))).toMatchObject({ ok: false })
	const early = (await scanOf(added.id, await codeAt(at(-35)), at(-35)))!
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, scan: early, via: 'qr' }, at(-29))).toEqual({ ok: false, message: '签到尚未开始（开始前 30 分钟开放）' })
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, scan: scanned, via: 'qr' }, at(9))).toEqual({ ok: true, already: false, title: '安全生产法律法规专题讲座' })
	// The code just replaced still works; checking in twice is harmless.
	expect(await checkIn(me, ctx.classId, { sessionId: added.id, code: await codeAt(at(4)), via: 'code' }, at(5))).toEqual({ ok: true, already: true, title: '安全生产法律法规专题讲座' })
	const rows = await db.select({ personId: classAttendance.personId, method: classAttendance.method, status: classAttendance.status, ip: classAttendance.ip }).from(classAttendance)
	expect(rows).toEqual([{ personId: cadre, method: 'qr', status: 'present', ip: '10.0.0.1' }])
	// The assessment is not checked into: its exam is the record.
	const exam = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ kind: 'assessment', title: '结业考核', startsAt: start, endsAt: at(120), paper: { banks: ['fixture-bank'], single: 2, judge: 0, multiple: 0, passMark: 80, timeLimitMinutes: 30, attempts: 1 } }))
	if (!exam.ok) throw new Error('assessment not added')
	expect((await sessionAttendance(scope(), ctx.classId, exam.id, at(5)))!.code).toBeNull()
	expect(await checkIn(me, ctx.classId, { sessionId: exam.id, code: await codeAt(at(5)), via: 'code' }, at(5))).toMatchObject({ ok: false, message: expect.stringContaining('无需签到') })
	expect(await checkIn(me, ctx.classId, { sessionId: Number.NaN, code: '123456', via: 'code' }, at(5))).toEqual({ ok: false, message: '没有这个签到环节' })

	// An organiser cannot record someone who is not on the roster either.
	expect(await recordException({ userId: ctx.admin }, scope(), ctx.classId, added.id, { personId: outsider!.id, status: 'present', reason: '现场补签' })).toEqual({ ok: false, message: '此人不在本期学员名单上' })
	// An online session has no check-in.
	const online = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ delivery: 'online', lessonId: (await db.select({ id: lessons.id }).from(lessons))[0]!.id }))
	if (!online.ok) throw new Error('online not added')
	expect((await sessionAttendance(scope(), ctx.classId, online.id))!.code).toBeNull()
	expect(await checkIn(me, ctx.classId, { sessionId: online.id, code: '123456', via: 'code' })).toMatchObject({ ok: false, message: expect.stringContaining('线上环节') })
})

test('hours and completion come from check-in, online lessons, organiser records and the assessment, which only the roster may sit', async () => {
	const [a, b] = await cadres(['赵局长', '孙主任'])
	const [outsider] = await db.insert(people).values({ name: '企业员工', phone: '13500000001' }).returning()
	const [otherRegionEnt] = await db.insert(enterprises).values({ name: '某厂', creditCode: 'X'.repeat(18), regionId: ctx.city.id, regionPath: ctx.city.path, industry: 'machinery', size: 'small', highRisk: false }).returning()
	await db.insert(employments).values({ enterpriseId: otherRegionEnt!.id, personId: outsider!.id, jobCategory: 'principal', hiredOn: '2020-01-01' })
	const [lesson] = await db.select({ id: lessons.id, slug: lessons.slug }).from(lessons).where(eq(lessons.slug, 'text-lesson'))

	const lecture = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({}))
	const online = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ kind: 'case_study', delivery: 'online', title: '事故案例线上学习', lessonId: lesson!.id, minutes: 45 }))
	const refused = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ kind: 'assessment', title: '结业考核', minutes: 45, paper: { banks: ['fixture-bank'], single: 500, judge: 0, multiple: 0, passMark: 80, timeLimitMinutes: 30, attempts: 1 } }))
	expect(refused).toMatchObject({ ok: false, errors: { banks: expect.stringContaining('题库不够抽题') } })
	expect(await db.select().from(exams)).toEqual([])
	const assessment = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ kind: 'assessment', title: '结业考核', minutes: 45, paper: { banks: ['fixture-bank'], single: 5, judge: 0, multiple: 0, passMark: 80, timeLimitMinutes: 30, attempts: 1 } }))
	if (!lecture.ok || !online.ok || !assessment.ok) throw new Error('sessions not added')
	expect(await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ kind: 'assessment', title: '第二次考核', paper: { banks: ['fixture-bank'], single: 5, judge: 0, multiple: 0, passMark: 80, timeLimitMinutes: 30, attempts: 1 } }))).toMatchObject({ ok: false, errors: { kind: expect.stringContaining('已有结业考核') } })

	// The assessment is for the roster only.
	const overview = await classOverview(scope(), ctx.classId)
	const examId = overview!.sessions.find((x) => x.kind === 'assessment')!.examId!
	expect((await examsFor(a!)).map((e) => e.id)).toEqual([examId])
	expect(await examsFor(outsider!.id)).toEqual([])
	expect(await examFor(outsider!.id, examId)).toBeNull()
	expect(await startAttempt({ personId: outsider!.id }, examId, { ip: null, userAgent: null })).toEqual({ ok: false, message: '这场考试不面向您，不能参加' })
	// Nor can it be set as anyone else's plan or requirement.
	expect((await assignableTargets({ issuer: 'regulator', regionPath: ctx.city.path })).exams.map((e) => e.id)).not.toContain(examId)

	// A: checks in, studies the lesson online, passes. B: present by the organiser's record, fails.
	const code = (await sessionAttendance(scope(), ctx.classId, lecture.id))!.code!
	expect(await checkIn({ userId: await userOf(a!), personId: a!, ip: null }, ctx.classId, { sessionId: lecture.id, code, via: 'code' })).toMatchObject({ ok: true })
	await db.insert(lessonProgress).values({ personId: a!, lessonId: lesson!.id, completedAt: new Date() })
	await sit(a!, examId, 5)
	expect(await recordException({ userId: ctx.admin }, scope(), ctx.classId, lecture.id, { personId: b!, status: 'present', reason: '手机没电，现场核实到场' })).toEqual({ ok: true })
	await sit(b!, examId, 2)
	// B finished the lesson long before the class and has not studied it since: no credit for it here.
	await db.insert(lessonProgress).values({ personId: b!, lessonId: lesson!.id, completedAt: new Date(Date.now() - 400 * 86_400_000) })

	const mine = await cadreClass(a!, ctx.classId)
	expect(mine!.progress).toMatchObject({ credited: 180, required: 180, passed: true, best: 100, completed: true })
	expect(mine!.progress.outcomes.get(online.id)).toBe('studied')
	expect(await cadreClass(outsider!.id, ctx.classId)).toBeNull()

	const report = await classReport(scope(), ctx.classId)
	expect(report!.summary).toEqual({ members: 2, completed: 1, passed: 1, total: 180 })
	expect(report!.sessions.map((x) => [x.title, x.present])).toEqual([
		['安全生产法律法规专题讲座', 2],
		['事故案例线上学习', 1],
		['结业考核', 2],
	])
	expect(report!.cadres.map((c) => [c.name, c.outcomes, c.credited, c.passed, c.best, c.completed])).toEqual([
		['赵局长', ['attended', 'studied', 'sat'], 180, true, 100, true],
		['孙主任', ['attended', 'pending', 'sat'], 135, false, 40, false],
	])
	const tables = reportTables(report!, 45)
	expect(tables.cadres.rows[1]).toEqual(['孙主任', '安澜市某局', '副局长', '已签到', '未完成', '已考核', 3, 4, 40, '不合格', '未结业'])

	// A later organiser record supersedes the check-in; both stay on record.
	await recordException({ userId: ctx.admin }, scope(), ctx.classId, lecture.id, { personId: a!, status: 'absent', reason: '签到后离场，经核实未参加' })
	expect((await cadreClass(a!, ctx.classId))!.progress).toMatchObject({ credited: 90, completed: false })
	expect(await db.select().from(classAttendance).where(eq(classAttendance.personId, a!))).toHaveLength(2)
	expect(await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.action, 'class.attendance.exception'))).toHaveLength(2)

	// The cadre's record (一人一档) carries the class.
	expect((await classesOfPerson(b!)).map((c) => [c.title, c.credited, c.required, c.passed, c.completed])).toEqual([['领导干部安全生产专题培训班', 135, 180, false, false]])
	const archive = archiveTables(archiveView(await personArchive({ personId: b! }), 45))
	expect(archive.find((t) => t.title === '专题培训班')!.rows).toEqual([['领导干部安全生产专题培训班', '市安委办', expect.any(String), '3 / 4', '不合格（40 分）', '未结业']])

	// An employer's view of the person holds what was done while employed there, not the class.
	expect((await personArchive({ personId: b!, enterpriseId: otherRegionEnt!.id })).classes).toEqual([])
	expect((await listClasses(scope())).map((c) => [c.title, c.members, c.sessions])).toEqual([['领导干部安全生产专题培训班', 2, 3]])

	// Scope: another region sees none of it; a withdrawn assessment closes its exam.
	expect(await listClasses({ regionPath: ctx.other.path })).toEqual([])
	expect(await classReport({ regionPath: ctx.other.path }, ctx.classId)).toBeNull()
	expect(await withdrawSession({ userId: ctx.admin }, { regionPath: ctx.other.path }, ctx.classId, assessment.id)).toBe(false)
	expect(await withdrawSession({ userId: ctx.admin }, scope(), ctx.classId, assessment.id)).toBe(true)
	expect((await db.select({ status: exams.status }).from(exams).where(eq(exams.id, examId)))[0]!.status).toBe('closed')
	expect((await classReport(scope(), ctx.classId))!.summary.total).toBe(135)
	expect(await db.select().from(classMembers).where(and(eq(classMembers.classId, ctx.classId)))).toHaveLength(2)
})

test('the organiser voids a cadre’s passed assessment with a reason: the report counts them as not passed, the certificate is revoked, and nothing else can be voided from the class', async () => {
	const [a, b] = await cadres(['赵局长', '孙主任'])
	const lecture = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({}))
	const assessment = await addSession({ userId: ctx.admin }, scope(), ctx.classId, session({ kind: 'assessment', title: '结业考核', minutes: 45, paper: assessmentPaper }))
	if (!lecture.ok || !assessment.ok) throw new Error('sessions not added')
	const examId = (await classOverview(scope(), ctx.classId))!.sessions.find((x) => x.kind === 'assessment')!.examId!
	// This class's paper issues a certificate on a pass (so that voiding has one to revoke).
	await db.update(exams).set({ certificateMonths: 12 }).where(eq(exams.id, examId))
	// Another class of the same region, with A on its roster and an assessment of its own.
	const otherClass = await createClass({ userId: ctx.admin }, { regionId: ctx.city.id, regionPath: ctx.city.path }, { title: '第二期专题培训班', organiser: '市安委办', startsOn: today(), endsOn: today(), venue: '市委党校', requiredHours: null }, 45)
	expect(await importCadres({ userId: ctx.admin }, scope(), otherClass, await rosterFile([['赵局长', '安澜市某局', '副局长', '13600000000']]), { skipInvalid: false })).toMatchObject({ ok: true })
	const otherAssessment = await addSession({ userId: ctx.admin }, scope(), otherClass, session({ kind: 'assessment', title: '第二期结业考核', paper: assessmentPaper }))
	if (!otherAssessment.ok) throw new Error('other assessment not added')
	const otherExamId = (await classOverview(scope(), otherClass))!.sessions[0]!.examId!

	const code = (await sessionAttendance(scope(), ctx.classId, lecture.id))!.code!
	for (const p of [a!, b!]) expect(await checkIn({ userId: await userOf(p), personId: p, ip: null }, ctx.classId, { sessionId: lecture.id, code, via: 'code' })).toMatchObject({ ok: true })
	const passA = await sit(a!, examId, 5)
	const failB = await sit(b!, examId, 2)
	const passElsewhere = await sit(a!, otherExamId, 5)
	const [cert] = await db.select({ number: certificates.number }).from(certificates).where(eq(certificates.attemptId, passA))
	expect(cert).toBeDefined()
	expect((await classReport(scope(), ctx.classId))!.summary).toMatchObject({ members: 2, completed: 1, passed: 1 })

	// The organiser sees every sitting of the class's assessment, and only those.
	const classScope = { regionPath: ctx.city.path, classId: ctx.classId }
	expect((await finishedAttemptsOf(classScope)).map((r) => [r.person, r.id, r.passed])).toEqual(
		expect.arrayContaining([
			['赵局长', passA, true],
			['孙主任', failB, false],
		]),
	)
	expect(await finishedAttemptsOf(classScope)).toHaveLength(2)
	expect(await finishedAttemptsOf({ regionPath: ctx.other.path, classId: ctx.classId })).toEqual([])

	// Refused, naming the field; nothing is written by a refusal.
	const reason = '经核实系他人代考'
	expect(await annulAttempt({ userId: ctx.admin }, classScope, { attemptId: passA, reason: '代考' })).toEqual({ ok: false, field: 'reason', message: '请写明作废理由（至少 4 个字）' })
	expect(await annulAttempt({ userId: ctx.admin }, classScope, { attemptId: passA, reason: '　 ' })).toMatchObject({ ok: false, field: 'reason' })
	// Another region's regulator: the class is not theirs.
	expect(await annulAttempt({ userId: ctx.admin }, { regionPath: ctx.other.path, classId: ctx.classId }, { attemptId: passA, reason })).toEqual({ ok: false, field: 'attempt', message: '找不到该考试成绩，或它不是本班结业考核的成绩' })
	// Another exam (the other class's assessment) cannot be voided from this class.
	expect(await annulAttempt({ userId: ctx.admin }, classScope, { attemptId: passElsewhere, reason })).toEqual({ ok: false, field: 'attempt', message: '找不到该考试成绩，或它不是本班结业考核的成绩' })
	// A fail counts for nothing already.
	expect(await annulAttempt({ userId: ctx.admin }, classScope, { attemptId: failB, reason })).toMatchObject({ ok: false, field: 'attempt', message: expect.stringContaining('只有合格的成绩') })
	// A failure part-way (the audit entry cannot be written) rolls everything back.
	await db.execute(sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit down'; end $$`)
	await db.execute(sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`)
	try {
		await expect(annulAttempt({ userId: ctx.admin }, classScope, { attemptId: passA, reason })).rejects.toThrow()
	} finally {
		await db.execute(sql`drop trigger refuse_audit on audit_log`)
		await db.execute(sql`drop function refuse_audit()`)
	}
	expect((await db.select({ annulledAt: attempts.annulledAt }).from(attempts)).every((r) => r.annulledAt === null)).toBe(true)
	expect((await db.select({ revokedAt: certificates.revokedAt }).from(certificates)).every((r) => r.revokedAt === null)).toBe(true)
	expect(await db.select().from(auditLog).where(eq(auditLog.action, 'attempt.annul'))).toEqual([])

	// Allowed: the organiser of the class's region voids A's pass.
	expect(await annulAttempt({ userId: ctx.admin }, classScope, { attemptId: passA, reason })).toEqual({ ok: true, certificate: cert!.number })
	expect(await annulAttempt({ userId: ctx.admin }, classScope, { attemptId: passA, reason })).toMatchObject({ ok: false, field: 'attempt', message: expect.stringMatching(/^该次成绩已于 .+ 作废$/) })
	const [row] = await db.select().from(attempts).where(eq(attempts.id, passA))
	expect(row).toMatchObject({ passed: true, score: 100, annulledBy: ctx.admin, annulReason: reason })
	expect((await verifyCertificate(cert!.number))!.status).toBe('revoked')
	expect(await db.select({ enterpriseId: auditLog.enterpriseId, actorUserId: auditLog.actorUserId, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, 'attempt.annul'))).toEqual([
		{ enterpriseId: null, actorUserId: ctx.admin, detail: expect.objectContaining({ personId: a, examId, classId: ctx.classId, passed: true, reason, certificate: cert!.number }) },
	])
	// The other class's pass stands.
	expect((await db.select({ annulledAt: attempts.annulledAt }).from(attempts).where(eq(attempts.id, passElsewhere)))[0]!.annulledAt).toBeNull()

	// The class report counts A as not passed: the void sitting is no sitting (no hours for it).
	const report = (await classReport(scope(), ctx.classId))!
	expect(report.summary).toMatchObject({ members: 2, completed: 0, passed: 0 })
	expect(report.cadres.map((c) => [c.name, c.outcomes, c.passed, c.best, c.voided, c.completed])).toEqual([
		['赵局长', ['attended', 'voided'], false, null, true, false],
		['孙主任', ['attended', 'sat'], false, 40, false, false],
	])
	expect(report.sessions.map((x) => [x.title, x.present])).toEqual([
		['安全生产法律法规专题讲座', 2],
		['结业考核', 1],
	])
	const tables = reportTables(report, 45)
	expect(tables.cadres.rows[0]).toEqual(['赵局长', '安澜市某局', '副局长', '已签到', '成绩作废', 2, 3, '', '成绩作废', '未结业'])
	expect(missingFor(report.cadres[0]!, report.sessions.map((x) => x.title), 45)).toBe('差 1 学时；结业考核成绩已作废')
	// The cadre's own record shows the result with its annulment, and the class as not passed.
	expect((await cadreClass(a!, ctx.classId))!.progress).toMatchObject({ passed: false, voided: true, completed: false })
	expect(await attemptResult({ personId: a! }, passA)).toMatchObject({ annulReason: reason, annulledAt: expect.any(Date) })
	const archive = archiveView(await personArchive({ personId: a! }), 45)
	expect(archive.classes.find((c) => c.title === '领导干部安全生产专题培训班')!.assessment).toBe('成绩作废')
	expect(archive.papers.find((p) => p.exam.endsWith('· 结业考核'))!.result).toMatch(new RegExp(`^合格（.+ 已作废：${reason}）$`))
	expect(archive.certificates.find((c) => c.number === cert!.number)!.revoked).toBe(true)

	// The void sitting does not use up the one attempt: A sits again and passes.
	await sit(a!, examId, 5)
	expect((await classReport(scope(), ctx.classId))!.summary).toMatchObject({ completed: 1, passed: 1 })
})
