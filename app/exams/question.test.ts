import { expect, test } from 'vitest'
import { checkQuestion, formatAnswer, gradeResponse, parseAnswer, type QuestionContent } from './question.ts'

test('answers are read as banks write them', () => {
	expect(parseAnswer('B', 'single', 4)).toEqual({ ok: true, value: [1] })
	expect(parseAnswer(' b ', 'single', 4)).toEqual({ ok: true, value: [1] })
	for (const raw of ['ABD', 'A,B,D', 'A、B、D', 'D B A', 'ａｂｄ', 'A|B|D']) expect(parseAnswer(raw, 'multiple', 5)).toEqual({ ok: true, value: [0, 1, 3] })
	for (const raw of ['对', '正确', '√', 'T', 'true', 'A']) expect(parseAnswer(raw, 'judge', 2)).toEqual({ ok: true, value: [0] })
	for (const raw of ['错', '错误', '×', 'F', 'B']) expect(parseAnswer(raw, 'judge', 2)).toEqual({ ok: true, value: [1] })
})

test('impossible answers are refused with the reason', () => {
	expect(parseAnswer('AB', 'single', 4)).toMatchObject({ ok: false, message: expect.stringContaining('单选题只能有一个答案') })
	expect(parseAnswer('A', 'multiple', 4)).toMatchObject({ ok: false, message: expect.stringContaining('至少要有两个') })
	expect(parseAnswer('E', 'single', 4)).toMatchObject({ ok: false, message: expect.stringContaining('超出了选项范围') })
	expect(parseAnswer('也许', 'judge', 2)).toMatchObject({ ok: false })
	expect(parseAnswer('', 'single', 4)).toEqual({ ok: false, message: '缺少答案' })
})

test('answers format back to letters', () => {
	expect(formatAnswer([0, 2], 'multiple')).toBe('AC')
	expect(formatAnswer([1], 'judge')).toBe('错误')
})

const base: QuestionContent = {
	type: 'single',
	stem: '下列哪一项是正确的？',
	options: ['甲', '乙', '丙', '丁'],
	answer: [1],
	explanation: '因为',
	articles: [],
	caseSlug: null,
	source: '某法',
	topic: '总则',
	difficulty: 'easy',
	industries: [],
	jobs: [],
}

test('question shape checks name the field', () => {
	expect(checkQuestion(base)).toEqual([])
	expect(checkQuestion({ ...base, options: ['甲', '甲', '丙'] })).toContain('选项：有重复的选项')
	expect(checkQuestion({ ...base, type: 'multiple', answer: [1] })).toContain('答案：多选题至少两个正确答案')
	expect(checkQuestion({ ...base, answer: [6] })).toContain('答案：超出选项范围')
	expect(checkQuestion({ ...base, stem: '?' })).toContain('题干：缺少或过短')
})

test('single and true/false are all or nothing', () => {
	expect(gradeResponse(base, [1], 2)).toEqual({ points: 2, correct: true })
	expect(gradeResponse(base, [0], 2)).toEqual({ points: 0, correct: false })
	expect(gradeResponse(base, [], 2)).toEqual({ points: 0, correct: false })
	expect(gradeResponse({ type: 'judge', answer: [1] }, [1], 1)).toEqual({ points: 1, correct: true })
})

test('multiple choice: all or nothing, or a share per correct option with nothing for any wrong one', () => {
	const q = { type: 'multiple' as const, answer: [0, 2, 3] }
	expect(gradeResponse(q, [3, 0, 2], 3)).toEqual({ points: 3, correct: true })
	expect(gradeResponse(q, [0, 2], 3)).toEqual({ points: 0, correct: false })
	expect(gradeResponse(q, [0, 2], 3, 'partial')).toEqual({ points: 2, correct: false })
	expect(gradeResponse(q, [0], 2, 'partial')).toEqual({ points: 0.5, correct: false })
	expect(gradeResponse(q, [0, 1], 3, 'partial')).toEqual({ points: 0, correct: false })
	expect(gradeResponse(q, [], 3, 'partial')).toEqual({ points: 0, correct: false })
})
