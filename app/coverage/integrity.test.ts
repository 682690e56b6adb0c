import { expect, test } from 'vitest'
import { type AnsweredPaper, dayCapFlags, identicalAnswerFlags, nightBulkFlags, sharedIpFlags, tooFastFlags, uniformHighScoreFlags } from './integrity.ts'

test('reaching the daily cap on three days is flagged; twice is not', () => {
	expect(dayCapFlags([{ personId: 1, enterpriseId: 9, days: ['2026-03-01', '2026-03-02'] }])).toEqual([])
	const [flag] = dayCapFlags([{ personId: 1, enterpriseId: 9, days: ['2026-03-01', '2026-03-02', '2026-03-03'] }])
	expect(flag).toMatchObject({ kind: 'day_cap', personIds: [1], summary: '3 天的有效学时达到单日上限' })
})

test('five different people from one address within an hour are flagged', () => {
	expect(sharedIpFlags([{ ip: '10.0.0.8', enterpriseId: 9, hour: '2026-05-01T09', personIds: [1, 2, 3, 4, 4] }])).toEqual([])
	expect(sharedIpFlags([{ ip: '10.0.0.8', enterpriseId: 9, hour: '2026-05-01T09', personIds: [5, 1, 2, 3, 4] }])[0]).toMatchObject({ personIds: [1, 2, 3, 4, 5] })
})

function paper(attemptId: number, personId: number, answers: string[]): AnsweredPaper {
	return { attemptId, personId, enterpriseId: 9, examId: 1, answers: new Map(answers.map((a, i) => [i + 100, a])) }
}

test('papers alike in their wrong answers are flagged; papers alike by being right are not', () => {
	const correct = new Map(Array.from({ length: 12 }, (_, i) => [i + 100, 'A']))
	const allRight = Array.from({ length: 12 }, () => 'A')
	expect(identicalAnswerFlags([paper(1, 1, allRight), paper(2, 2, allRight)], correct)).toEqual([])
	const copied = ['B', 'C', ...Array.from({ length: 10 }, () => 'A')]
	const [flag] = identicalAnswerFlags([paper(1, 1, copied), paper(2, 2, copied), paper(3, 3, allRight)], correct)
	expect(flag).toMatchObject({ kind: 'identical_answers', personIds: [1, 2], evidence: { common: 12, same: 12, sameWrong: 2 } })
})

test('uniformly high scores across an enterprise are flagged (the 福建 case: all at 100)', () => {
	expect(uniformHighScoreFlags([{ enterpriseId: 9, examId: 1, people: 11, minShare: 1, personIds: [1] }])).toHaveLength(1)
	expect(uniformHighScoreFlags([{ enterpriseId: 9, examId: 1, people: 11, minShare: 0.8, personIds: [1] }])).toEqual([])
	expect(uniformHighScoreFlags([{ enterpriseId: 9, examId: 1, people: 3, minShare: 1, personIds: [1] }])).toEqual([])
})

test('too fast and night bulk carry their evidence', () => {
	expect(tooFastFlags([{ attemptId: 7, personId: 1, enterpriseId: 9, secondsTaken: 40, readingSeconds: 300 }])[0]!.summary).toBe('用 40 秒交卷，正常阅读至少需要 300 秒')
	expect(nightBulkFlags([{ personId: 1, enterpriseId: 9, night: '2026-04-02', lessons: 2 }])).toEqual([])
	expect(nightBulkFlags([{ personId: 1, enterpriseId: 9, night: '2026-04-02', lessons: 6 }])[0]).toMatchObject({ key: 'night:1:2026-04-02' })
})
