// Papers: draw rules, seeded draws, option shuffles and the publish check. Pure: the same
// seed and pool always give the same paper, so any attempt can be reproduced and audited.
import { DIFFICULTY_LABELS, type Difficulty, QUESTION_TYPE_LABELS, type QuestionType } from './question.ts'

export type DrawRule = {
	type: QuestionType
	count: number
	/** Points for each question this rule draws. */
	points: number
	topic?: string
	difficulty?: Difficulty
	bank?: string
	caseSlug?: string
	/** Only questions tagged for this job category (untagged questions suit everyone). */
	job?: string
}

export type PaperSpec = { kind: 'draw'; rules: DrawRule[] } | { kind: 'fixed'; questions: { questionId: number; points: number }[] }

/** What the draw needs to know of each active question. */
export type PoolItem = { id: number; bank: string; type: QuestionType; difficulty: Difficulty; topic: string; caseSlug: string | null; jobs: string[]; optionCount: number }

export type PaperQuestion = { questionId: number; points: number; optionOrder: number[] }
export type Shortfall = { rule: number; label: string; needed: number; available: number }

/** A small, fast, well-mixed PRNG (mulberry32) seeded from a string hash (xmur3). */
export function seededRandom(seed: string) {
	let h = 1779033703 ^ seed.length
	for (let i = 0; i < seed.length; i++) {
		h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
		h = (h << 13) | (h >>> 19)
	}
	let a = h >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** Fisher–Yates with the given random source; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number) {
	const out = [...items]
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1))
		;[out[i], out[j]] = [out[j]!, out[i]!]
	}
	return out
}

export function ruleLabel(rule: DrawRule, index: number) {
	const parts = [QUESTION_TYPE_LABELS[rule.type]]
	if (rule.bank) parts.push(`题库“${rule.bank}”`)
	if (rule.topic) parts.push(`知识点“${rule.topic}”`)
	if (rule.caseSlug) parts.push(`案例“${rule.caseSlug}”`)
	if (rule.difficulty) parts.push(`难度${DIFFICULTY_LABELS[rule.difficulty]}`)
	if (rule.job) parts.push(`岗位 ${rule.job}`)
	return `规则 ${index + 1}（${parts.join('·')}）`
}

export function matches(rule: DrawRule, q: PoolItem) {
	return (
		q.type === rule.type &&
		(!rule.topic || q.topic === rule.topic) &&
		(!rule.difficulty || q.difficulty === rule.difficulty) &&
		(!rule.bank || q.bank === rule.bank) &&
		(!rule.caseSlug || q.caseSlug === rule.caseSlug) &&
		(!rule.job || q.jobs.length === 0 || q.jobs.includes(rule.job))
	)
}

/** Rules are filled most constrained first, so a broad rule cannot starve a narrow one. */
function fillOrder(pool: readonly PoolItem[], rules: readonly DrawRule[]) {
	const sizes = rules.map((r) => pool.filter((q) => matches(r, q)).length)
	return rules.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]! || a - b)
}

/**
 * Fill every rule: each takes, from what earlier rules left, first the questions the person
 * has not just seen, then those wanted by the fewest other rules, in the given order among equals.
 */
function fill(pool: readonly PoolItem[], rules: readonly DrawRule[], arrange: (items: PoolItem[]) => PoolItem[], avoid: ReadonlySet<number>) {
	const taken = new Set<number>()
	const picked: PoolItem[][] = rules.map(() => [])
	const lacking: Shortfall[] = []
	for (const i of fillOrder(pool, rules)) {
		const rule = rules[i]!
		const others = rules.filter((_, j) => j !== i)
		const demand = (q: PoolItem) => others.filter((r) => matches(r, q)).length
		const candidates = arrange(pool.filter((q) => !taken.has(q.id) && matches(rule, q)))
		const ranked = candidates
			.map((q, k) => ({ q, k, seen: avoid.has(q.id) ? 1 : 0, demand: demand(q) }))
			.sort((a, b) => a.seen - b.seen || a.demand - b.demand || a.k - b.k)
			.map((x) => x.q)
		const chosen = ranked.slice(0, rule.count)
		chosen.forEach((q) => taken.add(q.id))
		picked[i] = chosen
		if (candidates.length < rule.count) lacking.push({ rule: i, label: ruleLabel(rule, i), needed: rule.count, available: candidates.length })
	}
	return { picked, lacking: lacking.sort((a, b) => a.rule - b.rule) }
}

/** Rules the pool cannot satisfy together. An exam with any shortfall cannot be published. */
export function shortfalls(pool: readonly PoolItem[], rules: readonly DrawRule[]): Shortfall[] {
	return fill(
		[...pool].sort((a, b) => a.id - b.id),
		rules,
		(items) => items,
		new Set(),
	).lacking
}

export function describeShortfall(s: Shortfall) {
	return `${s.label}需要 ${s.needed} 题，题库中符合条件的只有 ${s.available} 题，还差 ${s.needed - s.available} 题`
}

/** Option display order for a question: true/false keeps 正确, 错误; choices are shuffled. */
function optionOrderFor(q: Pick<PoolItem, 'type' | 'optionCount'>, random: () => number) {
	const order = Array.from({ length: q.optionCount }, (_, i) => i)
	return q.type === 'judge' ? order : shuffle(order, random)
}

/**
 * Draw a paper. Questions in `avoid` (the person's previous attempt) are used only when the
 * bank has too few others. Deterministic in (pool, spec, seed, avoid).
 */
export function drawPaper(pool: readonly PoolItem[], spec: PaperSpec, seed: string, avoid: ReadonlySet<number> = new Set()): { ok: true; questions: PaperQuestion[] } | { ok: false; shortfalls: Shortfall[] } {
	const random = seededRandom(seed)
	const sorted = [...pool].sort((a, b) => a.id - b.id)
	if (spec.kind === 'fixed') {
		const byId = new Map(sorted.map((q) => [q.id, q]))
		const missing = spec.questions.filter((f) => !byId.has(f.questionId))
		if (missing.length > 0) return { ok: false, shortfalls: [{ rule: 0, label: '固定试题', needed: spec.questions.length, available: spec.questions.length - missing.length }] }
		return { ok: true, questions: spec.questions.map((f) => ({ questionId: f.questionId, points: f.points, optionOrder: optionOrderFor(byId.get(f.questionId)!, random) })) }
	}
	const { picked, lacking } = fill(sorted, spec.rules, (items) => shuffle(items, random), avoid)
	if (lacking.length > 0) return { ok: false, shortfalls: lacking }
	const questions: PaperQuestion[] = []
	spec.rules.forEach((rule, i) => {
		for (const q of picked[i]!) questions.push({ questionId: q.id, points: rule.points, optionOrder: optionOrderFor(q, random) })
	})
	return { ok: true, questions }
}

export function maxScore(spec: PaperSpec) {
	return spec.kind === 'fixed' ? spec.questions.reduce((n, q) => n + q.points, 0) : spec.rules.reduce((n, r) => n + r.count * r.points, 0)
}
