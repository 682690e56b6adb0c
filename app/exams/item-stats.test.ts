import { expect, test } from 'vitest'
import { itemStatistics, type ItemResponse } from './item-stats.ts'

/** 12 attempts; item 1 is answered right by the strong half, item 2 by the weak half, item 3 by all. */
function sample() {
	const totals = Array.from({ length: 12 }, (_, i) => ({ attemptId: i + 1, score: i < 6 ? 90 : 40 }))
	const responses: ItemResponse[] = []
	for (const t of totals) {
		const strong = t.score === 90
		responses.push({ attemptId: t.attemptId, questionId: 1, correct: strong, earned: strong ? 2 : 0 })
		responses.push({ attemptId: t.attemptId, questionId: 2, correct: !strong, earned: strong ? 0 : 2 })
		responses.push({ attemptId: t.attemptId, questionId: 3, correct: true, earned: 2 })
	}
	return { totals, responses }
}

test('facility is the share correct; discrimination follows the rest of the paper', () => {
	const { totals, responses } = sample()
	const [one, two, three] = itemStatistics(responses, totals)
	expect(one).toMatchObject({ questionId: 1, responses: 12, facility: 0.5, flags: [] })
	expect(one!.discrimination).toBeGreaterThan(0.9)
	expect(two).toMatchObject({ questionId: 2, facility: 0.5, flags: ['negative'] })
	expect(two!.discrimination).toBeLessThan(0)
	// Everyone right: too easy, and no variance to correlate.
	expect(three).toMatchObject({ questionId: 3, facility: 1, discrimination: null, flags: ['too-easy'] })
})

test('too hard is flagged; few answers are never flagged', () => {
	const totals = Array.from({ length: 10 }, (_, i) => ({ attemptId: i + 1, score: 50 + i }))
	const responses = totals.map((t) => ({ attemptId: t.attemptId, questionId: 7, correct: t.attemptId === 10, earned: t.attemptId === 10 ? 1 : 0 }))
	expect(itemStatistics(responses, totals)[0]).toMatchObject({ facility: 0.1, flags: ['too-hard'] })
	expect(itemStatistics(responses.slice(0, 5), totals)[0]!.flags).toEqual([])
})
