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

/** Every pair compared in full: what the indexed search must find. */
function allPairsReference(papers: readonly AnsweredPaper[], correct: ReadonlyMap<number, string>) {
	const keys: string[] = []
	for (const a of papers) {
		for (const b of papers) {
			if (a.attemptId >= b.attemptId || a.personId === b.personId || a.enterpriseId !== b.enterpriseId || a.examId !== b.examId) continue
			let common = 0
			let same = 0
			let sameWrong = 0
			for (const [q, answer] of a.answers) {
				const other = b.answers.get(q)
				if (other === undefined) continue
				common++
				if (other === answer) {
					same++
					if (correct.get(q) !== answer) sameWrong++
				}
			}
			if (common >= 10 && same / common >= 0.95 && sameWrong >= 2) keys.push(`identical:${a.attemptId}:${b.attemptId}`)
		}
	}
	return keys.sort()
}

test('the indexed search for papers alike finds exactly the pairs a full comparison finds', () => {
	let seed = 7
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
	const correct = new Map(Array.from({ length: 20 }, (_, i) => [i, 'A']))
	const papers: AnsweredPaper[] = []
	for (let i = 0; i < 240; i++) {
		// Most papers on their own; some copied from an earlier one with a change or two; a few sat twice by one person.
		const source = i > 10 && random() < 0.2 ? papers[Math.floor(random() * papers.length)]! : null
		const answers = new Map<number, string>()
		for (let q = 0; q < 20; q++) answers.set(q, source && random() < 0.97 ? source.answers.get(q)! : random() < 0.8 ? 'A' : 'BCD'[Math.floor(random() * 3)]!)
		papers.push({ attemptId: 1000 - i, personId: i % 230, enterpriseId: i % 3 === 0 ? 8 : 9, examId: i % 2, answers })
	}
	const found = identicalAnswerFlags(papers, correct).map((f) => f.key).sort()
	expect(found.length).toBeGreaterThan(5)
	expect(found).toEqual(allPairsReference(papers, correct))
})

test('every paper of a large exam is compared: a copied pair far down a 2,000-paper group is found', () => {
	const correct = new Map(Array.from({ length: 12 }, (_, i) => [i + 100, 'A']))
	const own = (i: number) => Array.from({ length: 12 }, (_, q) => (q === i % 12 ? 'B' : 'A'))
	const copied = ['C', 'D', 'B', ...Array.from({ length: 9 }, () => 'A')]
	const papers = Array.from({ length: 2000 }, (_, i) => paper(i + 1, i + 1, i === 1800 || i === 1950 ? copied : own(i)))
	expect(identicalAnswerFlags(papers, correct).map((f) => f.key)).toEqual(['identical:1801:1951'])
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
