import { expect, test } from 'vitest'
import { questionLabel, resolveFixedPaper } from './fixed-paper.ts'

const found = [
	{ id: 1, key: 's-001', type: 'single' as const },
	{ id: 2, key: 'k-J7', type: 'judge' as const },
	{ id: 3, key: 'm-003', type: 'multiple' as const },
]

test('the paper is grouped 单选, 多选, 判断 in pick order, each at its own points or its type’s', () => {
	const r = resolveFixedPaper(
		{
			picks: [
				{ questionId: 2, points: null },
				{ questionId: 3, points: 6 },
				{ questionId: 1, points: null },
			],
			typePoints: { single: 2, multiple: 4, judge: 1 },
		},
		found,
	)
	expect(r).toEqual({
		ok: true,
		questions: [
			{ questionId: 1, points: 2 },
			{ questionId: 3, points: 6 },
			{ questionId: 2, points: 1 },
		],
		total: 9,
	})
})

test('a pick outside the chosen banks is refused by its key', () => {
	const r = resolveFixedPaper({ picks: [{ questionId: 1, points: null }, { questionId: 9, points: null }, { questionId: 10, points: null }], typePoints: { single: 2 } }, found, new Map([[9, 'k-X9']]))
	expect(r).toEqual({ ok: false, errors: { questions: '固定试题：试题 X9、编号 10 不在所选题库中（或已停用），请重新选择' } })
})

test('a question with no points of its own and none for its type names the type', () => {
	const r = resolveFixedPaper({ picks: [{ questionId: 1, points: null }, { questionId: 3, points: 5 }, { questionId: 2, points: null }], typePoints: { single: 2 } }, found)
	expect(r).toEqual({ ok: false, errors: { 'points.judge': '固定试题：请填写判断题每题分值（或为每道判断题单独填写分值）' } })
})

test('no pick, or a paper worth nothing, is refused', () => {
	expect(resolveFixedPaper({ picks: [], typePoints: { single: 2 } }, found)).toEqual({ ok: false, errors: { questions: '固定试题：请至少选择一道题' } })
	expect(resolveFixedPaper({ picks: [{ questionId: 1, points: 0 }], typePoints: {} }, found)).toEqual({ ok: false, errors: { questions: '固定试题：试卷总分必须大于 0' } })
})

test('keys show as the bank file wrote them', () => {
	expect(questionLabel('s-001')).toBe('s-001')
	expect(questionLabel('k-Q12')).toBe('Q12')
	expect(questionLabel('h-0123456789abcdef')).toBe('h-01234567')
})
