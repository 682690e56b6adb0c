import { expect, test } from 'vitest'
import { parseBeijingDateTime, parseExamForm, parsePickerFilter, sentFormFields } from './exam-form.ts'

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
		paper: {
			kind: 'draw',
			rules: [
				{ type: 'single', count: 30, points: 2 },
				{ type: 'judge', count: 20, points: 2, topic: '总则', difficulty: 'easy' },
			],
		},
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

test('a form without 组卷方式 is a draw-rule exam (the form before fixed papers)', () => {
	const r = parseExamForm(form(good))
	expect(r.ok && r.values.paper.kind).toBe('draw')
})

const fixed = {
	...good,
	paperKind: 'fixed',
	'points.single': '2',
	'points.multiple': '4',
	'points.judge': '1',
	questions: ['12', '7', '30', '7'],
	'qpoints.12': '',
	'qpoints.7': '5',
	'qpoints.30': ' ',
}

test('a fixed paper takes the ticked questions once each, with their own points or none, and the points per type', () => {
	const r = parseExamForm(form(fixed))
	if (!r.ok) throw new Error(JSON.stringify(r.errors))
	expect(r.values.paper).toEqual({
		kind: 'fixed',
		picks: [
			{ questionId: 12, points: null },
			{ questionId: 7, points: 5 },
			{ questionId: 30, points: null },
		],
		typePoints: { single: 2, multiple: 4, judge: 1 },
	})
})

test('a fixed paper ignores the draw-rule rows, even half-filled ones', () => {
	const r = parseExamForm(form({ ...fixed, 'rule0.count': 'abc', 'rule2.type': 'multiple' }))
	expect(r.ok && r.values.paper.kind).toBe('fixed')
})

test('a draw-rule exam ignores the ticked questions and their points', () => {
	const r = parseExamForm(form({ ...fixed, paperKind: 'draw', 'qpoints.7': '-1' }))
	if (!r.ok) throw new Error(JSON.stringify(r.errors))
	expect(r.values.paper).toEqual({ kind: 'draw', rules: [expect.objectContaining({ type: 'single' }), expect.objectContaining({ type: 'judge' })] })
})

test('a fixed paper with no question ticked is refused, naming the field', () => {
	const r = parseExamForm(form({ ...fixed, questions: [] }))
	expect(r).toEqual({ ok: false, errors: { questions: '固定试题：请至少选择一道题' } })
})

test('bad points and bad question ids in a fixed paper are each named', () => {
	const r = parseExamForm(form({ ...fixed, 'points.multiple': '0', 'points.judge': 'abc', 'qpoints.7': '101' }))
	expect(r).toEqual({
		ok: false,
		errors: {
			'points.multiple': '固定试题：多选题每题分值应大于 0、不超过 100',
			'points.judge': '固定试题：判断题每题分值应大于 0、不超过 100',
			'qpoints.7': '固定试题：该题分值应大于 0、不超过 100（留空按题型分值）',
		},
	})
	expect(parseExamForm(form({ ...fixed, questions: ['12', 'x-1'] }))).toEqual({ ok: false, errors: { questions: '固定试题：所选试题的编号不正确，请重新选择' } })
	expect(parseExamForm(form({ ...fixed, paperKind: 'both' }))).toEqual({ ok: false, errors: { paperKind: '请选择组卷方式' } })
})

test('a fixed paper holds at most 200 questions', () => {
	const r = parseExamForm(form({ ...fixed, questions: Array.from({ length: 201 }, (_, i) => String(i + 1)) }))
	expect(r).toEqual({ ok: false, errors: { questions: '固定试题：一份试卷最多 200 道题，现选了 201 道' } })
})

test('the picker filter keeps known values only and a sane page', () => {
	const params = new URLSearchParams({ qbank: 'employee-safety', qtype: 'essay', qdifficulty: 'hard', qtopic: ' 总则 ', qsearch: '', qpage: '-3' })
	expect(parsePickerFilter(params)).toEqual({ bank: 'employee-safety', type: undefined, difficulty: 'hard', topic: '总则', search: undefined, page: 1 })
	expect(parsePickerFilter(new URLSearchParams({ qpage: '3', qtype: 'judge' }))).toMatchObject({ type: 'judge', page: 3 })
})

test('the fields sent come back as text entries, without the index marker; nothing sent is null', () => {
	expect(sentFormFields(new URLSearchParams('title=a&banks=x&banks=y&index='))).toEqual([
		['title', 'a'],
		['banks', 'x'],
		['banks', 'y'],
	])
	expect(sentFormFields(new URLSearchParams())).toBeNull()
})
