// The exam template form: plain form fields in, an ExamInput or field errors out. Pure, so the
// same rules hold for the page and the tests.
import { type DrawRule } from './paper.ts'
import { DIFFICULTIES, QUESTION_TYPES } from './question.ts'

export const RULE_ROWS = 6

export type ExamFormValues = {
	title: string
	banks: string[]
	rules: DrawRule[]
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

export function parseExamForm(form: FormData): ExamFormResult {
	const errors: Record<string, string> = {}
	const title = String(form.get('title') ?? '').trim()
	if (title.length < 2) errors.title = '请填写考试名称（至少 2 个字）'
	if (title.length > 80) errors.title = '考试名称不超过 80 个字'
	const banks = form.getAll('banks').map(String).filter(Boolean)
	if (banks.length === 0) errors.banks = '请至少选择一个题库'

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
			rules,
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
