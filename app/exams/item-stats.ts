// Item statistics from finished attempts. Pure.
//   facility: the share of answers that were correct;
//   discrimination: the correlation between getting the item right and the score on the rest of
//   the paper (corrected point-biserial), so an item does not correlate with itself.

export type ItemResponse = { attemptId: number; questionId: number; correct: boolean; earned: number }
export type AttemptTotal = { attemptId: number; score: number }
export type ItemFlag = 'too-easy' | 'too-hard' | 'negative'
export const ITEM_FLAG_LABELS: Record<ItemFlag, string> = { 'too-easy': '太容易', 'too-hard': '太难', negative: '区分度为负' }

/** Below this many answers an item is reported but never flagged. */
export const MIN_RESPONSES = 10
export const TOO_EASY = 0.9
export const TOO_HARD = 0.2

export type ItemStat = { questionId: number; responses: number; facility: number; discrimination: number | null; flags: ItemFlag[] }

function correlation(xs: number[], ys: number[]) {
	const n = xs.length
	const mx = xs.reduce((a, b) => a + b, 0) / n
	const my = ys.reduce((a, b) => a + b, 0) / n
	let sxy = 0
	let sxx = 0
	let syy = 0
	for (let i = 0; i < n; i++) {
		const dx = xs[i]! - mx
		const dy = ys[i]! - my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy)
}

export function itemStatistics(responses: readonly ItemResponse[], totals: readonly AttemptTotal[]): ItemStat[] {
	const totalOf = new Map(totals.map((t) => [t.attemptId, t.score]))
	const byItem = new Map<number, ItemResponse[]>()
	for (const r of responses) byItem.set(r.questionId, [...(byItem.get(r.questionId) ?? []), r])
	return [...byItem]
		.map(([questionId, rs]) => {
			const usable = rs.filter((r) => totalOf.has(r.attemptId))
			const right = usable.map((r) => (r.correct ? 1 : 0))
			const rest = usable.map((r) => totalOf.get(r.attemptId)! - r.earned)
			const facility = usable.length ? right.reduce((a: number, b) => a + b, 0) / usable.length : 0
			const raw = usable.length >= 2 ? correlation(right, rest) : null
			const discrimination = raw === null ? null : Math.round(raw * 1000) / 1000
			const flags: ItemFlag[] = []
			if (usable.length >= MIN_RESPONSES) {
				if (facility > TOO_EASY) flags.push('too-easy')
				if (facility < TOO_HARD) flags.push('too-hard')
				if (discrimination !== null && discrimination < 0) flags.push('negative')
			}
			return { questionId, responses: usable.length, facility: Math.round(facility * 1000) / 1000, discrimination, flags }
		})
		.sort((a, b) => a.questionId - b.questionId)
}
