import { expect, test } from 'vitest'
import { type AnsweredPaper, dayCapFlags, describeEvidence, FLAG_KINDS, identicalAnswerFlags, nightBulkFlags, sharedDeviceFlags, sharedIpFlags, tooFastFlags, uniformHighScoreFlags } from './integrity.ts'

test('reaching the daily cap on three days is flagged; twice is not', () => {
	expect(dayCapFlags([{ personId: 1, enterpriseId: 9, days: ['2026-03-01', '2026-03-02'] }])).toEqual([])
	const [flag] = dayCapFlags([{ personId: 1, enterpriseId: 9, days: ['2026-03-01', '2026-03-02', '2026-03-03'] }])
	expect(flag).toMatchObject({ kind: 'day_cap', personIds: [1], summary: '3 天的有效学时达到单日上限' })
})

test('five different people from one address within an hour are flagged', () => {
	expect(sharedIpFlags([{ ip: '10.0.0.8', enterpriseId: 9, hour: '2026-05-01T09', personIds: [1, 2, 3, 4, 4] }])).toEqual([])
	expect(sharedIpFlags([{ ip: '10.0.0.8', enterpriseId: 9, hour: '2026-05-01T09', personIds: [5, 1, 2, 3, 4] }])[0]).toMatchObject({ personIds: [1, 2, 3, 4, 5] })
})

test('one browser used by five people of an enterprise in a day, learning and exams together, is flagged; four, or five across two days, are not', () => {
	const device = 'q'.repeat(32)
	const rows = [
		{ deviceId: device, enterpriseId: 9, day: '2026-05-01', activity: 'learning' as const, personIds: [1, 2, 3] },
		{ deviceId: device, enterpriseId: 9, day: '2026-05-01', activity: 'exam' as const, personIds: [3, 4] },
	]
	expect(sharedDeviceFlags(rows)).toEqual([])
	const [flag, ...rest] = sharedDeviceFlags([...rows, { deviceId: device, enterpriseId: 9, day: '2026-05-01', activity: 'exam', personIds: [5] }])
	expect(rest).toEqual([])
	expect(flag).toMatchObject({ kind: 'shared_device', personIds: [1, 2, 3, 4, 5], key: `shared_device:9:${device}:2026-05-01`, summary: '2026-05-01 同一设备（qqqqqqqq…）上有 5 人的记录：3 人学习、3 人考试' })
	expect(sharedDeviceFlags([...rows, { deviceId: device, enterpriseId: 9, day: '2026-05-02', activity: 'exam', personIds: [5] }])).toEqual([])
	// The same browser at another enterprise is another group.
	expect(sharedDeviceFlags([...rows, { deviceId: device, enterpriseId: 8, day: '2026-05-01', activity: 'exam', personIds: [5] }])).toEqual([])
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

test('every kind of flag explains its evidence in words', () => {
	const flags = [
		...dayCapFlags([{ personId: 1, enterpriseId: 1, days: ['2026-03-01', '2026-03-02', '2026-03-03'] }]),
		...sharedIpFlags([{ ip: '10.1.1.1', enterpriseId: 1, hour: '2026-03-01 09', personIds: [1, 2, 3, 4, 5] }]),
		...sharedDeviceFlags([{ deviceId: 'abcdefgh'.repeat(4), enterpriseId: 1, day: '2026-03-01', activity: 'learning', personIds: [1, 2, 3, 4, 5] }]),
		...uniformHighScoreFlags([{ enterpriseId: 1, examId: 7, people: 11, minShare: 1, personIds: [1, 2] }]),
		...tooFastFlags([{ attemptId: 9, personId: 1, enterpriseId: 1, secondsTaken: 40, readingSeconds: 600 }]),
		...nightBulkFlags([{ personId: 1, enterpriseId: 1, night: '2026-03-04', lessons: 6 }]),
		{ kind: 'identical_answers' as const, enterpriseId: 1, personIds: [1, 2], key: 'k', summary: '', evidence: { attempts: [3, 4], common: 20, same: 20, sameWrong: 4 } },
	]
	expect(new Set(flags.map((f) => f.kind))).toEqual(new Set(FLAG_KINDS))
	for (const f of flags) {
		const { lines } = describeEvidence(f.kind, f.evidence)
		expect(lines.length).toBeGreaterThan(0)
		// No raw keys or JSON left for the regulator to decode.
		for (const line of lines) expect(line).not.toMatch(/[{}"]|undefined|NaN/)
	}
	expect(describeEvidence('uniform_high_scores', flags[3]!.evidence)).toEqual({ lines: ['考试编号 7：11 人参加，得分率最低 100%'] })
	expect(describeEvidence('too_fast', flags[4]!.evidence).lines).toEqual(['试卷编号：9', '交卷用时 40 秒；按题目字数，正常阅读至少 600 秒'])
	expect(describeEvidence('shared_device', flags[2]!.evidence).lines).toEqual(['设备标识：abcdefgh…（同一浏览器，跨账号保留）', '日期：2026-03-01；学习 5 人，考试 0 人'])
})
