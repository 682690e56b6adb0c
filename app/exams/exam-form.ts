// The exam template form: plain form fields in, an ExamInput or field errors out. Pure, so the
// same rules hold for the page and the tests.
import { FIXED_PAPER_MAX, type FixedPaperDraft } from './fixed-paper.ts'
import { type DrawRule } from './paper.ts'
import { DIFFICULTIES, type Difficulty, QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from './question.ts'

export const RULE_ROWS = 6

/** 组卷方式: draw rules per learner, or one fixed set of questions for everyone. */
export const PAPER_KINDS = ['draw', 'fixed'] as const
export type PaperKind = (typeof PAPER_KINDS)[number]

export type ExamFormPaper = { kind: 'draw'; rules: DrawRule[] } | ({ kind: 'fixed' } & FixedPaperDraft)

export type ExamFormValues = {
	title: string
	banks: string[]
	paper: ExamFormPaper
	timeLimitMinutes: number
	passMark: number
	attemptsAllowed: number
	opensAt: Date | null
	closesAt: Date | null
	review: 'never' | 'after_submit' | 'after_close'
	scoring: 'all-or-nothing' | 'partial'
	certificateMonths: number | null
	audience: { jobs?: string[]; industries?: string[] }
}

export type ExamFormResult = { ok: true; values: ExamFormValues } | { ok: false; errors: Record<string, string> }

/** `2026-12-01T09:00` from a datetime-local field, read as Beijing time. */
export function parseBeijingDateTime(value: string): Date | null | 'invalid' {
	if (!value.trim()) return null
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return 'invalid'
	const d = new Date(`${value}:00+08:00`)
	return Number.isNaN(d.getTime()) ? 'invalid' : d
}

function int(form: FormData, name: string, fallback: number | null) {
	const raw = String(form.get(name) ?? '').trim()
	if (!raw) return fallback
	const n = Number(raw)
	return Number.isFinite(n) ? n : Number.NaN
}

/** The rows of the draw-rule table; blank rows are not used. */
function parseRules(form: FormData, errors: Record<string, string>) {
	const rules: DrawRule[] = []
	for (let i = 0; i < RULE_ROWS; i++) {
		const type = String(form.get(`rule${i}.type`) ?? '')
		if (!type) continue
		const label = `抽题规则第 ${i + 1} 行`
		if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
			errors[`rule${i}`] = `${label}：题型不正确`
			continue
		}
		const count = int(form, `rule${i}.count`, null)
		const points = int(form, `rule${i}.points`, null)
		if (count === null || !Number.isInteger(count) || count < 1 || count > 200) {
			errors[`rule${i}`] = `${label}：题数应为 1–200 的整数`
			continue
		}
		if (points === null || !(points > 0) || points > 100) {
			errors[`rule${i}`] = `${label}：每题分值应大于 0、不超过 100`
			continue
		}
		const topic = String(form.get(`rule${i}.topic`) ?? '').trim()
		const difficulty = String(form.get(`rule${i}.difficulty`) ?? '')
		const rule: DrawRule = { type: type as DrawRule['type'], count, points }
		if (topic) rule.topic = topic
		if ((DIFFICULTIES as readonly string[]).includes(difficulty)) rule.difficulty = difficulty as DrawRule['difficulty']
		rules.push(rule)
	}
	if (rules.length === 0 && !Object.keys(errors).some((k) => k.startsWith('rule'))) errors.rules = '请至少设置一条抽题规则'
	return rules
}

/** Points as the form writes them: blank is null; anything but a number in (0, 100] is NaN. */
function points(form: FormData | URLSearchParams, name: string) {
	const raw = String(form.get(name) ?? '').trim()
	if (!raw) return null
	const n = Number(raw)
	return n > 0 && n <= 100 ? n : Number.NaN
}

function questionId(raw: FormDataEntryValue) {
	const n = Number(String(raw).trim())
	return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** The ids of the questions ticked in the picker, once each, in the order the form sends them. */
export function pickedIds(form: FormData | URLSearchParams) {
	const ids: number[] = []
	for (const raw of form.getAll('questions')) {
		const id = questionId(raw)
		if (id !== null && !ids.includes(id)) ids.push(id)
	}
	return ids
}

/** The picker's ticks and points; a bad field adds its message to `errors`. */
export function parseFixedPaper(form: FormData | URLSearchParams, errors: Record<string, string>): { kind: 'fixed' } & FixedPaperDraft {
	const typePoints: FixedPaperDraft['typePoints'] = {}
	for (const type of QUESTION_TYPES) {
		const value = points(form, `points.${type}`)
		if (Number.isNaN(value)) errors[`points.${type}`] = `固定试题：${QUESTION_TYPE_LABELS[type]}每题分值应大于 0、不超过 100`
		else if (value !== null) typePoints[type] = value
	}
	const ids = pickedIds(form)
	if (form.getAll('questions').some((raw) => questionId(raw) === null)) errors.questions = '固定试题：所选试题的编号不正确，请重新选择'
	else if (ids.length === 0) errors.questions = '固定试题：请至少选择一道题'
	else if (ids.length > FIXED_PAPER_MAX) errors.questions = `固定试题：一份试卷最多 ${FIXED_PAPER_MAX} 道题，现选了 ${ids.length} 道`
	const picks = ids.map((questionId) => {
		const value = points(form, `qpoints.${questionId}`)
		if (Number.isNaN(value)) errors[`qpoints.${questionId}`] = '固定试题：该题分值应大于 0、不超过 100（留空按题型分值）'
		return { questionId, points: Number.isNaN(value) ? null : value }
	})
	return { kind: 'fixed', picks, typePoints }
}

export function parseExamForm(form: FormData): ExamFormResult {
	const errors: Record<string, string> = {}
	const title = String(form.get('title') ?? '').trim()
	if (title.length < 2) errors.title = '请填写考试名称（至少 2 个字）'
	if (title.length > 80) errors.title = '考试名称不超过 80 个字'
	const banks = form.getAll('banks').map(String).filter(Boolean)
	if (banks.length === 0) errors.banks = '请至少选择一个题库'
	const kind = String(form.get('paperKind') ?? 'draw') || 'draw'
	if (!(PAPER_KINDS as readonly string[]).includes(kind)) errors.paperKind = '请选择组卷方式'
	const paper: ExamFormPaper = kind === 'fixed' ? parseFixedPaper(form, errors) : { kind: 'draw', rules: parseRules(form, errors) }

	const timeLimitMinutes = int(form, 'timeLimitMinutes', null)
	if (timeLimitMinutes === null || !Number.isInteger(timeLimitMinutes) || timeLimitMinutes < 1 || timeLimitMinutes > 600) errors.timeLimitMinutes = '考试时长应为 1–600 分钟'
	const passMark = int(form, 'passMark', 80)
	if (passMark === null || !(passMark >= 0 && passMark <= 100)) errors.passMark = '合格线应为 0–100（得分率 %）'
	const attemptsAllowed = int(form, 'attemptsAllowed', 1)
	if (attemptsAllowed === null || !Number.isInteger(attemptsAllowed) || attemptsAllowed < 1 || attemptsAllowed > 20) errors.attemptsAllowed = '考试次数应为 1–20'
	const opensAt = parseBeijingDateTime(String(form.get('opensAt') ?? ''))
	const closesAt = parseBeijingDateTime(String(form.get('closesAt') ?? ''))
	if (opensAt === 'invalid') errors.opensAt = '开始时间格式不正确'
	if (closesAt === 'invalid') errors.closesAt = '结束时间格式不正确'
	if (opensAt instanceof Date && closesAt instanceof Date && opensAt >= closesAt) errors.closesAt = '结束时间必须晚于开始时间'
	const review = String(form.get('review') ?? 'after_submit')
	if (!['never', 'after_submit', 'after_close'].includes(review)) errors.review = '请选择答题详情的开放方式'
	const scoring = String(form.get('scoring') ?? 'all-or-nothing')
	if (!['all-or-nothing', 'partial'].includes(scoring)) errors.scoring = '请选择多选题计分方式'
	const certificateMonths = int(form, 'certificateMonths', null)
	if (certificateMonths !== null && (!Number.isInteger(certificateMonths) || certificateMonths < 1 || certificateMonths > 120)) errors.certificateMonths = '证书有效期应为 1–120 个月，或留空表示不发证书'

	const jobs = form.getAll('jobs').map(String).filter(Boolean)
	const industries = form.getAll('industries').map(String).filter(Boolean)
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return {
		ok: true,
		values: {
			title,
			banks,
			paper,
			timeLimitMinutes: timeLimitMinutes!,
			passMark: passMark!,
			attemptsAllowed: attemptsAllowed!,
			opensAt: opensAt as Date | null,
			closesAt: closesAt as Date | null,
			review: review as ExamFormValues['review'],
			scoring: scoring as ExamFormValues['scoring'],
			certificateMonths,
			audience: { ...(jobs.length ? { jobs } : {}), ...(industries.length ? { industries } : {}) },
		},
	}
}

/** The question picker's filters (GET fields beside the form, all optional). */
export type PickerFilter = { bank?: string; type?: QuestionType; difficulty?: Difficulty; topic?: string; search?: string; page: number }

export function parsePickerFilter(params: FormData | URLSearchParams): PickerFilter {
	const text = (name: string, max = 50) => String(params.get(name) ?? '').trim().slice(0, max) || undefined
	const type = text('qtype')
	const difficulty = text('qdifficulty')
	const page = Number(params.get('qpage') ?? '1')
	return {
		bank: text('qbank', 120),
		type: (QUESTION_TYPES as readonly string[]).includes(type ?? '') ? (type as QuestionType) : undefined,
		difficulty: (DIFFICULTIES as readonly string[]).includes(difficulty ?? '') ? (difficulty as Difficulty) : undefined,
		topic: text('qtopic', 100),
		search: text('qsearch'),
		page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
	}
}

/**
 * The form's text fields as sent, for the page to show them again after a round trip without
 * JavaScript (a picker GET or a refused save); null when nothing was sent.
 */
export function sentFormFields(fields: FormData | URLSearchParams): [string, string][] | null {
	const entries: [string, string][] = []
	fields.forEach((value, name) => {
		if (typeof value === 'string' && name !== 'index') entries.push([name, value])
	})
	return entries.length > 0 ? entries : null
}
