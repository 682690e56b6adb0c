import { expect, test } from 'vitest'
import {
	cadreProgress,
	checkCadreRows,
	checkInRefusal,
	codeMatches,
	currentCode,
	initialPassword,
	matchCadreHeader,
	parseClassForm,
	parseExceptionForm,
	parseSessionForm,
	scanToken,
	scanTokenTime,
	type SessionFact,
} from './classes.ts'

const form = (entries: Record<string, string | string[]>) => {
	const f = new FormData()
	for (const [k, v] of Object.entries(entries)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x)
	return f
}
const klass = { startsOn: '2026-11-23', endsOn: '2026-11-25' }
const KEY = new TextEncoder().encode('test-key')

test('a class needs a name, organiser, venue and dates in order; the hours needed are optional, in half 学时', () => {
	expect(parseClassForm(form({ title: '专题班', organiser: '市安委办', venue: '党校', startsOn: '2026-11-23', endsOn: '2026-11-22', requiredHours: '7.3' }))).toEqual({
		ok: false,
		errors: { endsOn: '结业日期不能早于开班日期', requiredHours: expect.stringContaining('以 0.5 为单位') },
	})
	expect(parseClassForm(form({ title: '专题班', organiser: '市安委办', venue: '党校', startsOn: '2026-11-23', endsOn: '2026-11-25', requiredHours: '' }))).toMatchObject({ ok: true, values: { requiredHours: null } })
})

test('a session falls within the class, ends after it starts, and carries its hours in minutes', () => {
	const base = { kind: 'lecture', delivery: 'onsite', title: '法律法规讲座', day: '2026-11-24', from: '09:00', to: '11:30', hours: '2.5' }
	const ok = parseSessionForm(form(base), klass, 45)
	expect(ok).toMatchObject({ ok: true, values: { minutes: 113, startsAt: new Date('2026-11-24T01:00:00Z'), endsAt: new Date('2026-11-24T03:30:00Z'), lessonId: null, paper: null } })
	expect(parseSessionForm(form({ ...base, day: '2026-11-26', to: '08:00' }), klass, 45)).toEqual({ ok: false, errors: { day: '日期应在培训班期间（2026-11-23 至 2026-11-25）', to: '结束时间必须晚于开始时间' } })
	expect(parseSessionForm(form({ ...base, delivery: 'online' }), klass, 45)).toEqual({ ok: false, errors: { lessonId: expect.stringContaining('线上环节须关联一节课程') } })
})

test('the assessment names its banks, draws at least one question, and its slot fits the time allowed', () => {
	const base = { kind: 'assessment', title: '结业考核', day: '2026-11-25', from: '14:00', to: '14:30', hours: '1', single: '10', judge: '0', multiple: '0', timeLimitMinutes: '60' }
	expect(parseSessionForm(form(base), klass, 45)).toEqual({ ok: false, errors: { banks: '请至少选择一个题库', to: '考核时段短于考试时长（60 分钟）' } })
	expect(parseSessionForm(form({ ...base, banks: ['law'], to: '15:30' }), klass, 45)).toMatchObject({ ok: true, values: { delivery: 'onsite', paper: { banks: ['law'], single: 10, passMark: 80, attempts: 1 } } })
	expect(parseSessionForm(form({ ...base, banks: ['law'], to: '15:30', single: '0' }), klass, 45)).toMatchObject({ ok: false, errors: { single: '请至少抽一道题' } })
})

test('check-in opens 30 minutes before a session and closes at its end', () => {
	const session = { id: 7, startsAt: new Date('2026-11-24T01:00:00Z'), endsAt: new Date('2026-11-24T03:00:00Z'), delivery: 'onsite', withdrawnAt: null }
	const at = (iso: string) => {
		const now = new Date(iso)
		return checkInRefusal({ onRoster: true, session, code: currentCode(KEY, 7, now), key: KEY, now })
	}
	expect(at('2026-11-24T00:29:59Z')).toBe('not_open')
	expect(at('2026-11-24T00:30:00Z')).toBeNull()
	expect(at('2026-11-24T03:00:00Z')).toBeNull()
	expect(at('2026-11-24T03:00:01Z')).toBe('closed')
	const now = new Date('2026-11-24T01:10:00Z')
	expect(checkInRefusal({ onRoster: false, session, code: currentCode(KEY, 7, now), key: KEY, now })).toBe('not_on_roster')
	expect(checkInRefusal({ onRoster: true, session: { ...session, withdrawnAt: now }, code: currentCode(KEY, 7, now), key: KEY, now })).toBe('withdrawn')
	expect(checkInRefusal({ onRoster: true, session: { ...session, delivery: 'online' }, code: currentCode(KEY, 7, now), key: KEY, now })).toBe('online')
})

test('the code changes every minute; the one before still works, older ones and other sessions do not', () => {
	const now = new Date('2026-11-24T01:10:30Z')
	const minus = (s: number) => new Date(now.getTime() - s * 1000)
	expect(currentCode(KEY, 7, now)).toMatch(/^\d{6}$/)
	expect(codeMatches(KEY, 7, currentCode(KEY, 7, now), now)).toBe(true)
	expect(codeMatches(KEY, 7, currentCode(KEY, 7, minus(60)), now)).toBe(true)
	expect(codeMatches(KEY, 7, currentCode(KEY, 7, minus(120)), now)).toBe(false)
	expect(currentCode(KEY, 8, now)).not.toBe(currentCode(KEY, 7, now))
	expect(codeMatches(new TextEncoder().encode('other-key'), 7, currentCode(KEY, 7, now), now)).toBe(false)
	expect(codeMatches(KEY, 7, '12345', now)).toBe(false)
})

const sessions: SessionFact[] = [
	{ id: 1, kind: 'lecture', delivery: 'onsite', minutes: 90, withdrawn: false },
	{ id: 2, kind: 'film', delivery: 'online', minutes: 45, withdrawn: false },
	{ id: 3, kind: 'exchange', delivery: 'onsite', minutes: 45, withdrawn: true },
	{ id: 4, kind: 'assessment', delivery: 'onsite', minutes: 45, withdrawn: false },
]
const none = { attendance: new Map(), lessonsDone: new Set<number>(), assessments: new Map(), voided: new Set<number>() }

test.each([
	['nothing done', none, null, { credited: 0, required: 180, passed: false, completed: false }],
	['all done and passed', { attendance: new Map([[1, 'present' as const]]), lessonsDone: new Set([2]), assessments: new Map([[4, { passed: true, best: 90 }]]), voided: new Set<number>() }, null, { credited: 180, required: 180, passed: true, completed: true }],
	['hours short of all sessions but enough for the class', { attendance: new Map([[1, 'present' as const]]), lessonsDone: new Set<number>(), assessments: new Map([[4, { passed: true, best: 90 }]]), voided: new Set<number>() }, 135, { credited: 135, required: 135, completed: true }],
	['every hour but a failed assessment', { attendance: new Map([[1, 'present' as const]]), lessonsDone: new Set([2]), assessments: new Map([[4, { passed: false, best: 60 }]]), voided: new Set<number>() }, null, { credited: 180, passed: false, completed: false }],
	['excused earns no hours', { attendance: new Map([[1, 'excused' as const]]), lessonsDone: new Set([2]), assessments: new Map([[4, { passed: true, best: 90 }]]), voided: new Set<number>() }, null, { credited: 90, completed: false }],
	['a sitting declared void is no sitting: no hours for it, no pass', { attendance: new Map([[1, 'present' as const]]), lessonsDone: new Set([2]), assessments: new Map(), voided: new Set([4]) }, null, { credited: 135, passed: false, best: null, voided: true, completed: false }],
	['a voided pass sat again: the new sitting stands', { attendance: new Map([[1, 'present' as const]]), lessonsDone: new Set([2]), assessments: new Map([[4, { passed: true, best: 85 }]]), voided: new Set<number>() }, null, { credited: 180, passed: true, voided: false, completed: true }],
	['marked absent after studying online earns nothing for it', { attendance: new Map([[2, 'absent' as const]]), lessonsDone: new Set([2]), assessments: new Map(), voided: new Set<number>() }, null, { credited: 0 }],
])('cadre progress: %s', (_name, facts, required, expected) => {
	expect(cadreProgress(sessions, facts, required)).toMatchObject(expected)
})

test('a withdrawn session counts for no one; a class without an assessment completes on hours alone', () => {
	const noExam = sessions.filter((s) => s.kind !== 'assessment')
	const p = cadreProgress(noExam, { attendance: new Map([[1, 'present' as const]]), lessonsDone: new Set([2]), assessments: new Map(), voided: new Set<number>() }, null)
	expect(p).toMatchObject({ credited: 135, required: 135, passed: null, completed: true })
	expect(p.outcomes.has(3)).toBe(false)
	expect(cadreProgress([], none, null).completed).toBe(false)
})

test('roster headers are found under their usual names; rows are checked field by field and duplicates named', () => {
	expect(matchCadreHeader(['序号', '姓名', '工作单位', '职务', '手机号码'])).toEqual({ columns: { 姓名: 1, 单位: 2, 职务: 3, 手机号: 4 } })
	expect(matchCadreHeader(['姓名', '单位'])).toEqual({ missing: ['职务', '手机号'] })
	const row = (rowNumber: number, 姓名: string, 单位: string, 职务: string, 手机号: string) => ({ rowNumber, cells: { 姓名, 单位, 职务, 手机号 } })
	const { good, problems } = checkCadreRows([row(2, '赵', '局', '', '+86 136-0000-0001'), row(3, '', '局', '', '13600000002'), row(4, '钱', '局', '科长', '13600000001')])
	expect(good).toEqual([{ rowNumber: 2, name: '赵', unit: '局', post: '—', phone: '13600000001' }])
	expect(problems).toEqual([
		{ where: '第 3 行', message: '姓名：不能为空' },
		{ where: '第 4 行', message: '手机号：与第 2 行重复' },
	])
})

test('an exception needs a cadre, a status and a reason', () => {
	expect(parseExceptionForm(form({ personId: '3', status: 'present', reason: '好' }))).toEqual({ ok: false, errors: { reason: expect.stringContaining('请写明原因') } })
	expect(parseExceptionForm(form({ personId: '3', status: 'late', reason: '现场核实到场' }))).toEqual({ ok: false, errors: { status: '请选择出席、请假或缺席' } })
	expect(parseExceptionForm(form({ personId: '3', status: 'excused', reason: '经批准请假' }))).toEqual({ ok: true, values: { personId: 3, status: 'excused', reason: '经批准请假' } })
})

test('a first password has letters and digits and no look-alike characters', () => {
	let i = 0
	const pw = initialPassword((n) => (i++ * 7) % n)
	expect(pw).toMatch(/^(?=.*[a-z])(?=.*\d)[a-hjkmnp-z2-9]{10}$/)
})

test('a scanned QR is good for ten minutes from the scan, for its own session only, and cannot be forged', () => {
	const scannedAt = new Date('2026-11-24T00:50:00Z')
	const session = { id: 7, startsAt: new Date('2026-11-24T01:00:00Z'), endsAt: new Date('2026-11-24T03:00:00Z'), delivery: 'onsite', withdrawnAt: null }
	const token = scanToken(KEY, 7, scannedAt)
	const refusal = (scan: string, minutesLater: number, s = session) => checkInRefusal({ onRoster: true, session: s, scan, key: KEY, now: new Date(scannedAt.getTime() + minutesLater * 60_000) })
	expect(refusal(token, 9)).toBeNull()
	expect(refusal(token, 11)).toBe('bad_scan')
	expect(refusal(token, 3, { ...session, id: 8 })).toBe('bad_scan')
	expect(refusal(`${Number(token.split('.')[0]) + 60}.${token.split('.')[1]}`, 3)).toBe('bad_scan')
	// Scanned before check-in opened: refused even when confirmed inside the window.
	expect(checkInRefusal({ onRoster: true, session, scan: scanToken(KEY, 7, new Date('2026-11-24T00:25:00Z')), key: KEY, now: new Date('2026-11-24T00:31:00Z') })).toBe('not_open')
	expect(scanTokenTime(KEY, 7, token, new Date('2026-11-24T00:55:00Z'))).toEqual(scannedAt)
	expect(checkInRefusal({ onRoster: true, session: { ...session, kind: 'assessment' }, code: currentCode(KEY, 7, scannedAt), key: KEY, now: scannedAt })).toBe('assessment')
})

test('a date that is not on the calendar is refused', () => {
	expect(parseClassForm(form({ title: '专题班', organiser: '市安委办', venue: '党校', startsOn: '2026-02-30', endsOn: '2026-03-02' }))).toMatchObject({ ok: false, errors: { startsOn: '请填写开班日期' } })
})
