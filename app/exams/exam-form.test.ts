import { expect, test } from 'vitest'
import { parseBeijingDateTime, parseExamForm } from './exam-form.ts'

function form(fields: Record<string, string | string[]>) {
	const f = new FormData()
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one)
	return f
}

const good = {
	title: '2026年度考试',
	banks: ['employee-safety', 'work-safety-law'],
	'rule0.type': 'single',
	'rule0.count': '30',
	'rule0.points': '2',
	'rule1.type': 'judge',
	'rule1.count': '20',
	'rule1.points': '2',
	'rule1.topic': '总则',
	'rule1.difficulty': 'easy',
	'rule2.type': '',
	timeLimitMinutes: '60',
	passMark: '80',
	attemptsAllowed: '2',
	opensAt: '2026-12-01T09:00',
	closesAt: '2026-12-31T18:00',
	review: 'after_close',
	scoring: 'partial',
	certificateMonths: '12',
	jobs: ['other', 'special_operator'],
}

test('a filled form becomes an exam template; blank rule rows are ignored', () => {
	const r = parseExamForm(form(good))
	if (!r.ok) throw new Error(JSON.stringify(r.errors))
	expect(r.values).toMatchObject({
		title: '2026年度考试',
		banks: ['employee-safety', 'work-safety-law'],
		rules: [
			{ type: 'single', count: 30, points: 2 },
			{ type: 'judge', count: 20, points: 2, topic: '总则', difficulty: 'easy' },
		],
		attemptsAllowed: 2,
		review: 'after_close',
		scoring: 'partial',
		certificateMonths: 12,
		audience: { jobs: ['other', 'special_operator'] },
	})
	expect(r.values.opensAt?.toISOString()).toBe('2026-12-01T01:00:00.000Z')
})

test('each bad field is named', () => {
	const r = parseExamForm(form({ ...good, title: '', banks: [], 'rule0.count': '0', timeLimitMinutes: '0', closesAt: '2026-11-01T09:00', certificateMonths: '999' }))
	expect(r).toEqual({
		ok: false,
		errors: {
			title: '请填写考试名称（至少 2 个字）',
			banks: '请至少选择一个题库',
			rule0: '抽题规则第 1 行：题数应为 1–200 的整数',
			timeLimitMinutes: '考试时长应为 1–600 分钟',
			closesAt: '结束时间必须晚于开始时间',
			certificateMonths: '证书有效期应为 1–120 个月，或留空表示不发证书',
		},
	})
})

test('no rule at all is refused', () => {
	const r = parseExamForm(form({ ...good, 'rule0.type': '', 'rule1.type': '' }))
	expect(r).toMatchObject({ ok: false, errors: { rules: '请至少设置一条抽题规则' } })
})

test('datetime-local values are Beijing time', () => {
	expect(parseBeijingDateTime('')).toBeNull()
	expect(parseBeijingDateTime('2026-13-01')).toBe('invalid')
	expect((parseBeijingDateTime('2026-06-01T08:00') as Date).toISOString()).toBe('2026-06-01T00:00:00.000Z')
})
