// 专题培训班 rules: the forms an organiser fills, the check-in window and its rotating code, and
// how a cadre's attendance and online items add up to hours and completion. Pure.

import { hmac } from '@oslojs/crypto/hmac'
import { SHA256 } from '@oslojs/crypto/sha2'
import { checkPhone } from '#app/orgs/phone.ts'
import { isIsoDate } from '#app/utils/time.ts'

export const SESSION_KINDS = ['lecture', 'expert_talk', 'case_study', 'film', 'exchange', 'assessment'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]
export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
	lecture: '专题讲座',
	expert_talk: '专家辅导',
	case_study: '案例教学',
	film: '警示教育片',
	exchange: '交流研讨',
	assessment: '结业考核',
}
export function sessionKindLabel(kind: string) {
	return SESSION_KIND_LABELS[kind as SessionKind] ?? kind
}

export const DELIVERIES = ['onsite', 'online'] as const
export type Delivery = (typeof DELIVERIES)[number]
export const DELIVERY_LABELS: Record<Delivery, string> = { onsite: '现场（签到）', online: '线上（学完关联课程）' }

/** Check-in opens this long before a session starts (people sign in as they arrive) and closes at its end. */
export const CHECK_IN_EARLY_MINUTES = 30
/** The check-in code changes every this many seconds; the previous one is still accepted. */
export const CODE_STEP_SECONDS = 60

type Errors = Record<string, string>
const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s)
const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export type ClassValues = { title: string; organiser: string; startsOn: string; endsOn: string; venue: string; requiredHours: number | null }

export function parseClassForm(form: FormData): { ok: true; values: ClassValues } | { ok: false; errors: Errors } {
	const errors: Errors = {}
	const title = text(form, 'title')
	if (title.length < 2 || title.length > 80) errors.title = '请填写培训班名称（2–80 个字）'
	const organiser = text(form, 'organiser')
	if (organiser.length < 2 || organiser.length > 60) errors.organiser = '请填写主办单位（2–60 个字）'
	const venue = text(form, 'venue')
	if (venue.length < 2 || venue.length > 80) errors.venue = '请填写培训地点（2–80 个字）'
	const startsOn = text(form, 'startsOn')
	const endsOn = text(form, 'endsOn')
	if (!isIsoDate(startsOn)) errors.startsOn = '请填写开班日期'
	if (!isIsoDate(endsOn)) errors.endsOn = '请填写结业日期'
	else if (isIsoDate(startsOn) && endsOn < startsOn) errors.endsOn = '结业日期不能早于开班日期'
	else if (isIsoDate(startsOn) && (Date.parse(endsOn) - Date.parse(startsOn)) / 86_400_000 > 60) errors.endsOn = '一期培训班不超过 60 天'
	const rawHours = text(form, 'requiredHours')
	let requiredHours: number | null = null
	if (rawHours !== '') {
		const n = Number(rawHours)
		if (!Number.isFinite(n) || n <= 0 || n > 200 || Math.round(n * 2) !== n * 2) errors.requiredHours = '结业所需学时应为 0.5–200 之间、以 0.5 为单位的数；留空表示须修满全部学时'
		else requiredHours = n
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, values: { title, organiser, startsOn, endsOn, venue, requiredHours } }
}

export type AssessmentPaper = { banks: string[]; single: number; judge: number; multiple: number; passMark: number; timeLimitMinutes: number; attempts: number }
export type SessionValues = {
	kind: SessionKind
	delivery: Delivery
	title: string
	speaker: string | null
	startsAt: Date
	endsAt: Date
	minutes: number
	lessonId: number | null
	paper: AssessmentPaper | null
}

/**
 * An agenda item. The date must fall within the class; an online item names the lesson that
 * credits it; the assessment names the banks its paper is drawn from.
 */
export function parseSessionForm(form: FormData, klass: { startsOn: string; endsOn: string }, minutesPerCreditHour: number): { ok: true; values: SessionValues } | { ok: false; errors: Errors } {
	const errors: Errors = {}
	const kind = text(form, 'kind') as SessionKind
	if (!SESSION_KINDS.includes(kind)) errors.kind = '请选择环节类型'
	const delivery = (kind === 'assessment' ? 'onsite' : text(form, 'delivery')) as Delivery
	if (!DELIVERIES.includes(delivery)) errors.delivery = '请选择现场或线上'
	const title = text(form, 'title')
	if (title.length < 2 || title.length > 80) errors.title = '请填写环节名称（2–80 个字）'
	const speaker = text(form, 'speaker')
	if (speaker.length > 60) errors.speaker = '主讲人不超过 60 个字'
	const day = text(form, 'day')
	const from = text(form, 'from')
	const to = text(form, 'to')
	if (!isIsoDate(day)) errors.day = '请填写日期'
	else if (day < klass.startsOn || day > klass.endsOn) errors.day = `日期应在培训班期间（${klass.startsOn} 至 ${klass.endsOn}）`
	if (!isTime(from)) errors.from = '请填写开始时间（如 09:00）'
	if (!isTime(to)) errors.to = '请填写结束时间（如 11:30）'
	else if (isTime(from) && to <= from) errors.to = '结束时间必须晚于开始时间'
	const hours = Number(text(form, 'hours'))
	if (!Number.isFinite(hours) || hours < 0 || hours > 16 || Math.round(hours * 2) !== hours * 2) errors.hours = '学时应为 0–16 之间、以 0.5 为单位的数'
	const rawLesson = text(form, 'lessonId')
	const lessonId = rawLesson === '' ? null : Number(rawLesson)
	if (lessonId !== null && !(Number.isSafeInteger(lessonId) && lessonId > 0)) errors.lessonId = '请选择关联课程'
	if (delivery === 'online' && lessonId === null) errors.lessonId = '线上环节须关联一节课程，学员学完即记学时'
	let paper: AssessmentPaper | null = null
	if (kind === 'assessment') {
		const banks = form.getAll('banks').map(String).filter(Boolean)
		if (banks.length === 0) errors.banks = '请至少选择一个题库'
		const count = (name: string, label: string) => {
			const n = Number(text(form, name) || '0')
			if (!Number.isInteger(n) || n < 0 || n > 100) errors[name] = `${label}题数应为 0–100 的整数`
			return n
		}
		const single = count('single', '单选')
		const judge = count('judge', '判断')
		const multiple = count('multiple', '多选')
		if (!errors.single && !errors.judge && !errors.multiple && single + judge + multiple === 0) errors.single = '请至少抽一道题'
		const passMark = Number(text(form, 'passMark') || '80')
		if (!Number.isFinite(passMark) || passMark < 1 || passMark > 100) errors.passMark = '合格分数线为 1–100 分'
		const attempts = Number(text(form, 'attempts') || '1')
		if (!Number.isInteger(attempts) || attempts < 1 || attempts > 3) errors.attempts = '每人考试次数为 1–3 次'
		const timeLimitMinutes = Number(text(form, 'timeLimitMinutes') || '60')
		if (!Number.isInteger(timeLimitMinutes) || timeLimitMinutes < 5 || timeLimitMinutes > 180) errors.timeLimitMinutes = '考试时长为 5–180 分钟'
		paper = { banks, single, judge, multiple, passMark, timeLimitMinutes, attempts }
		if (!errors.timeLimitMinutes && isTime(from) && isTime(to) && minutesBetween(from, to) < timeLimitMinutes) errors.to = `考核时段短于考试时长（${timeLimitMinutes} 分钟）`
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return {
		ok: true,
		values: {
			kind,
			delivery,
			title,
			speaker: speaker || null,
			startsAt: new Date(`${day}T${from}:00+08:00`),
			endsAt: new Date(`${day}T${to}:00+08:00`),
			minutes: Math.round(hours * minutesPerCreditHour),
			lessonId: kind === 'assessment' ? null : lessonId,
			paper,
		},
	}
}

function minutesBetween(from: string, to: string) {
	const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3))
	return m(to) - m(from)
}

// ---------------------------------------------------------------------------
// Check-in

export type CheckInWindow = { opensAt: Date; closesAt: Date }
export function checkInWindow(s: { startsAt: Date; endsAt: Date }): CheckInWindow {
	return { opensAt: new Date(s.startsAt.getTime() - CHECK_IN_EARLY_MINUTES * 60_000), closesAt: s.endsAt }
}

function step(now: Date) {
	return Math.floor(now.getTime() / 1000 / CODE_STEP_SECONDS)
}

function codeAt(key: Uint8Array, sessionId: number, at: number) {
	const mac = hmac(SHA256, key, new TextEncoder().encode(`class-session:${sessionId}:${at}`))
	const n = ((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0
	return String(n % 1_000_000).padStart(6, '0')
}

/** The code shown on the organiser's screen now (and in its QR); it changes every minute. */
export function currentCode(key: Uint8Array, sessionId: number, now: Date) {
	return codeAt(key, sessionId, step(now))
}

/** The current code and the one before it (a code read just before it changed still works). */
export function codeMatches(key: Uint8Array, sessionId: number, code: string, now: Date) {
	const typed = code.replace(/\s/g, '')
	const s = step(now)
	return typed.length === 6 && (typed === codeAt(key, sessionId, s) || typed === codeAt(key, sessionId, s - 1))
}

/** A QR scanned at the session stays good this long: long enough to sign in on a phone first. */
export const SCAN_VALID_MINUTES = 10

function hex(bytes: Uint8Array) {
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Proof that someone opened the session's QR while its code was current: the session, the
 * moment, and a MAC over both. Issued when the scanned code checks out (before any login), so
 * the time spent signing in does not expire it.
 */
export function scanToken(key: Uint8Array, sessionId: number, at: Date) {
	const seconds = Math.floor(at.getTime() / 1000)
	return `${seconds}.${hex(hmac(SHA256, key, new TextEncoder().encode(`class-scan:${sessionId}:${seconds}`))).slice(0, 32)}`
}

/** When the token was issued, if it is genuine for this session and still within its validity. */
export function scanTokenTime(key: Uint8Array, sessionId: number, token: string, now: Date): Date | null {
	const [seconds, mac] = token.split('.')
	if (!seconds || !mac || !/^\d+$/.test(seconds)) return null
	const at = new Date(Number(seconds) * 1000)
	if (scanToken(key, sessionId, at) !== token) return null
	if (at > now || now.getTime() - at.getTime() > SCAN_VALID_MINUTES * 60_000) return null
	return at
}

export type CheckInRefusal = 'not_on_roster' | 'withdrawn' | 'online' | 'assessment' | 'not_open' | 'closed' | 'bad_code' | 'bad_scan'
export const CHECK_IN_MESSAGES: Record<CheckInRefusal, string> = {
	not_on_roster: '您不在本期培训班的学员名单上，不能签到；如有疑问请联系主办单位',
	withdrawn: '这个环节已取消',
	online: '这是线上环节，学完关联课程即记学时，无需签到',
	assessment: '结业考核以考试记录为准，无需签到',
	bad_scan: '二维码已过期，请重新扫描现场屏幕上的二维码，或输入签到码',
	not_open: '签到尚未开始（开始前 30 分钟开放）',
	closed: '签到已结束；如确实到场，请联系主办单位登记',
	bad_code: '签到码不正确或已过期，请以现场屏幕上最新的签到码为准',
}

/**
 * Whether this person may check in to this session now, with the code they typed or the token
 * of the QR they scanned (which must have been scanned within the window); null when they may.
 */
export function checkInRefusal(input: { onRoster: boolean; session: { id: number; kind?: string; startsAt: Date; endsAt: Date; delivery: string; withdrawnAt: Date | null }; code?: string; scan?: string; key: Uint8Array; now: Date }): CheckInRefusal | null {
	const { session, now } = input
	if (!input.onRoster) return 'not_on_roster'
	if (session.withdrawnAt) return 'withdrawn'
	if (session.delivery === 'online') return 'online'
	if (session.kind === 'assessment') return 'assessment'
	const w = checkInWindow(session)
	if (input.scan !== undefined) {
		const at = scanTokenTime(input.key, session.id, input.scan, now)
		if (!at) return 'bad_scan'
		if (at < w.opensAt) return 'not_open'
		if (at > w.closesAt) return 'closed'
		return null
	}
	if (now < w.opensAt) return 'not_open'
	if (now > w.closesAt) return 'closed'
	if (!codeMatches(input.key, session.id, input.code ?? '', now)) return 'bad_code'
	return null
}

// ---------------------------------------------------------------------------
// Exceptions an organiser records

export const ATTENDANCE_STATUS_LABELS = { present: '出席', excused: '请假', absent: '缺席' } as const
export type AttendanceStatus = keyof typeof ATTENDANCE_STATUS_LABELS

export function parseExceptionForm(form: FormData): { ok: true; values: { personId: number; status: AttendanceStatus; reason: string } } | { ok: false; errors: Errors } {
	const errors: Errors = {}
	const personId = Number(text(form, 'personId'))
	if (!Number.isSafeInteger(personId) || personId <= 0) errors.personId = '请选择学员'
	const status = text(form, 'status') as AttendanceStatus
	if (!(status in ATTENDANCE_STATUS_LABELS)) errors.status = '请选择出席、请假或缺席'
	const reason = text(form, 'reason')
	if (reason.length < 4 || reason.length > 200) errors.reason = '请写明原因（4–200 个字），它会记入考勤并留痕'
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, values: { personId, status, reason } }
}

// ---------------------------------------------------------------------------
// Hours and completion

export type SessionFact = { id: number; kind: string; delivery: string; minutes: number; withdrawn: boolean }
export type CadreFacts = {
	/** The standing attendance status per session id (newest row). */
	attendance: ReadonlyMap<number, AttendanceStatus>
	/** Session ids whose linked lesson the cadre completed during the class. */
	lessonsDone: ReadonlySet<number>
	/** Session ids of assessments with a finished attempt not declared void, and whether the best one passed. */
	assessments: ReadonlyMap<number, { passed: boolean; best: number }>
	/** Session ids of assessments whose every finished attempt was declared void (成绩作废). */
	voided: ReadonlySet<number>
}
export type SessionOutcome = 'attended' | 'studied' | 'sat' | 'voided' | 'excused' | 'absent' | 'pending'
export const OUTCOME_LABELS: Record<SessionOutcome, string> = { attended: '已签到', studied: '已学完', sat: '已考核', voided: '成绩作废', excused: '请假', absent: '缺席', pending: '未完成' }

/**
 * Each session's outcome and the credit it gives: an onsite session credits its hours when the
 * cadre was present (self check-in or an organiser's record), an online one when its lesson was
 * completed, the assessment when it was sat. A sitting declared void is no sitting: no hours, no
 * pass (the cadre may sit again while the assessment is open). Completion needs the required
 * hours and, when the class has an assessment, a pass.
 */
export function cadreProgress(sessions: readonly SessionFact[], facts: CadreFacts, requiredMinutes: number | null) {
	const live = sessions.filter((s) => !s.withdrawn)
	const outcomes = new Map<number, SessionOutcome>()
	let credited = 0
	for (const s of live) {
		const marked = facts.attendance.get(s.id)
		let outcome: SessionOutcome
		if (s.kind === 'assessment') outcome = facts.assessments.has(s.id) ? 'sat' : facts.voided.has(s.id) ? 'voided' : marked === 'excused' ? 'excused' : marked === 'absent' ? 'absent' : 'pending'
		else if (marked === 'present') outcome = 'attended'
		else if (s.delivery === 'online' && facts.lessonsDone.has(s.id) && marked !== 'absent') outcome = 'studied'
		else outcome = marked === 'excused' ? 'excused' : marked === 'absent' ? 'absent' : 'pending'
		outcomes.set(s.id, outcome)
		if (outcome === 'attended' || outcome === 'studied' || outcome === 'sat') credited += s.minutes
	}
	const total = live.reduce((n, s) => n + s.minutes, 0)
	const required = requiredMinutes === null ? total : Math.min(requiredMinutes, total)
	const assessment = live.find((s) => s.kind === 'assessment')
	const result = assessment ? (facts.assessments.get(assessment.id) ?? null) : null
	const passed = assessment ? Boolean(result?.passed) : null
	/** The assessment's only result was declared void. */
	const voided = assessment !== undefined && result === null && facts.voided.has(assessment.id)
	const completed = live.length > 0 && credited >= required && passed !== false
	return { outcomes, credited, required, total, passed, best: result?.best ?? null, voided, completed }
}

// ---------------------------------------------------------------------------
// The cadre roster file

export const CADRE_COLUMNS = ['姓名', '单位', '职务', '手机号'] as const
export type CadreColumn = (typeof CADRE_COLUMNS)[number]
const HEADER_NAMES: Record<CadreColumn, string[]> = {
	姓名: ['姓名', '学员姓名', '名字'],
	单位: ['单位', '工作单位', '所在单位', '单位名称'],
	职务: ['职务', '职位', '岗位', '职务（职级）'],
	手机号: ['手机号', '手机', '手机号码', '联系电话', '电话'],
}

/** Which column holds which field, from a header row; null when a required one is missing. */
export function matchCadreHeader(cells: readonly string[]): { columns: Record<CadreColumn, number> } | { missing: CadreColumn[] } {
	const clean = cells.map((c) => c.replace(/\s|\*|＊/g, ''))
	const columns = {} as Record<CadreColumn, number>
	const missing: CadreColumn[] = []
	for (const col of CADRE_COLUMNS) {
		const i = clean.findIndex((c) => HEADER_NAMES[col].includes(c))
		if (i < 0) missing.push(col)
		else columns[col] = i
	}
	return missing.length ? { missing } : { columns }
}

export type CadreRow = { rowNumber: number; name: string; unit: string; post: string; phone: string }
export type RowProblem = { where: string; message: string }

/** Validates the roster rows: each problem names the row and the field; duplicates are named too. */
export function checkCadreRows(rows: readonly { rowNumber: number; cells: Record<CadreColumn, string> }[]) {
	const good: CadreRow[] = []
	const problems: RowProblem[] = []
	const seen = new Map<string, number>()
	for (const r of rows) {
		const where = `第 ${r.rowNumber} 行`
		const name = r.cells.姓名.trim()
		const unit = r.cells.单位.trim()
		const post = r.cells.职务.trim()
		const rowProblems: string[] = []
		if (!name) rowProblems.push('姓名：不能为空')
		else if (name.length > 30) rowProblems.push('姓名：不超过 30 个字')
		if (!unit) rowProblems.push('单位：不能为空')
		else if (unit.length > 60) rowProblems.push('单位：不超过 60 个字')
		if (post.length > 40) rowProblems.push('职务：不超过 40 个字')
		const phone = checkPhone(r.cells.手机号)
		if (!phone.ok) rowProblems.push(`手机号：${phone.message}`)
		else if (seen.has(phone.phone)) rowProblems.push(`手机号：与第 ${seen.get(phone.phone)} 行重复`)
		if (rowProblems.length) {
			for (const message of rowProblems) problems.push({ where, message })
			continue
		}
		if (phone.ok) {
			seen.set(phone.phone, r.rowNumber)
			good.push({ rowNumber: r.rowNumber, name, unit, post: post || '—', phone: phone.phone })
		}
	}
	return { good, problems }
}

/** A first password for a new cadre account: 10 characters from an alphabet without look-alikes, letters and digits both present. */
export function initialPassword(random: (n: number) => number) {
	const letters = 'abcdefghjkmnpqrstuvwxyz'
	const digits = '23456789'
	const all = letters + digits
	const chars = Array.from({ length: 10 }, (_, i) => (i === 0 ? letters : i === 1 ? digits : all)[random(i === 0 ? letters.length : i === 1 ? digits.length : all.length)]!)
	return chars.join('')
}

/** Minutes of credit as 学时 with one decimal. */
export function hoursOf(minutes: number, minutesPerCreditHour: number) {
	return Math.round((minutes / minutesPerCreditHour) * 10) / 10
}
