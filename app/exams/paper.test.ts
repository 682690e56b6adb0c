import { expect, test } from 'vitest'
import { describeShortfall, drawPaper, maxScore, type PaperSpec, type PoolItem, seededRandom, shortfalls } from './paper.ts'

function pool(): PoolItem[] {
	const items: PoolItem[] = []
	let id = 1
	for (const topic of ['总则', '法律责任']) {
		for (const difficulty of ['easy', 'medium', 'hard'] as const) {
			for (let i = 0; i < 6; i++) items.push({ id: id++, bank: 'law', type: 'single', difficulty, topic, caseSlug: null, jobs: [], optionCount: 4 })
			for (let i = 0; i < 3; i++) items.push({ id: id++, bank: 'law', type: 'multiple', difficulty, topic, caseSlug: null, jobs: [], optionCount: 5 })
			for (let i = 0; i < 4; i++) items.push({ id: id++, bank: 'law', type: 'judge', difficulty, topic, caseSlug: null, jobs: i === 0 ? ['cadre'] : [], optionCount: 2 })
		}
	}
	return items
}

const spec: PaperSpec = {
	kind: 'draw',
	rules: [
		{ type: 'single', count: 20, points: 2 },
		{ type: 'single', topic: '法律责任', difficulty: 'hard', count: 5, points: 2 },
		{ type: 'multiple', count: 6, points: 5 },
		{ type: 'judge', count: 15, points: 2 / 3 },
	],
}

test('a draw meets every rule with distinct questions', () => {
	const items = pool()
	const byId = new Map(items.map((q) => [q.id, q]))
	const result = drawPaper(items, spec, 'seed-1')
	if (!result.ok) throw new Error('draw failed')
	expect(result.questions).toHaveLength(46)
	expect(new Set(result.questions.map((q) => q.questionId)).size).toBe(46)
	const slice = (from: number, n: number) => result.questions.slice(from, from + n).map((q) => byId.get(q.questionId)!)
	expect(slice(0, 20).every((q) => q.type === 'single')).toBe(true)
	expect(slice(20, 5).every((q) => q.type === 'single' && q.topic === '法律责任' && q.difficulty === 'hard')).toBe(true)
	expect(slice(25, 6).every((q) => q.type === 'multiple')).toBe(true)
	expect(slice(31, 15).every((q) => q.type === 'judge')).toBe(true)
})

test('the narrow rule is not starved by the broad one drawn before it', () => {
	// 6 hard 法律责任 singles exist; the broad rule could take them all if it went first.
	const items = pool()
	const narrow: PaperSpec = { kind: 'draw', rules: [{ type: 'single', count: 30, points: 1 }, { type: 'single', topic: '法律责任', difficulty: 'hard', count: 6, points: 1 }] }
	expect(shortfalls(items, narrow.rules)).toEqual([])
	for (const seed of ['a', 'b', 'c', 'd']) expect(drawPaper(items, narrow, seed).ok).toBe(true)
})

test('the same seed reproduces the paper and the option orders; another seed differs', () => {
	const a = drawPaper(pool(), spec, 'attempt-42')
	const b = drawPaper([...pool()].reverse(), spec, 'attempt-42')
	const c = drawPaper(pool(), spec, 'attempt-43')
	expect(b).toEqual(a)
	expect(c).not.toEqual(a)
})

test('options are a permutation; true/false keeps 正确 before 错误', () => {
	const byId = new Map(pool().map((q) => [q.id, q]))
	const result = drawPaper(pool(), spec, 's')
	if (!result.ok) throw new Error('draw failed')
	for (const q of result.questions) {
		const item = byId.get(q.questionId)!
		expect([...q.optionOrder].sort()).toEqual(Array.from({ length: item.optionCount }, (_, i) => i))
		if (item.type === 'judge') expect(q.optionOrder).toEqual([0, 1])
	}
	expect(result.questions.some((q) => q.optionOrder.join() !== [...q.optionOrder].sort().join())).toBe(true)
})

test('questions of the previous attempt are avoided while the bank has others', () => {
	const items = pool()
	const first = drawPaper(items, { kind: 'draw', rules: [{ type: 'multiple', count: 9, points: 1 }] }, 'one')
	if (!first.ok) throw new Error('draw failed')
	const seen = new Set(first.questions.map((q) => q.questionId))
	const second = drawPaper(items, { kind: 'draw', rules: [{ type: 'multiple', count: 9, points: 1 }] }, 'two', seen)
	if (!second.ok) throw new Error('draw failed')
	expect(second.questions.filter((q) => seen.has(q.questionId))).toEqual([])
	// 18 multiples in all: asking for 12 must reuse 3 seen ones, and still succeeds.
	const third = drawPaper(items, { kind: 'draw', rules: [{ type: 'multiple', count: 12, points: 1 }] }, 'three', seen)
	if (!third.ok) throw new Error('draw failed')
	expect(third.questions.filter((q) => seen.has(q.questionId))).toHaveLength(3)
})

test('a rule the bank cannot meet names itself and the shortfall', () => {
	const lacking = shortfalls(pool(), [
		{ type: 'judge', count: 5, points: 1, job: 'cadre' },
		{ type: 'multiple', topic: '总则', difficulty: 'easy', count: 5, points: 2 },
	])
	expect(lacking.map(describeShortfall)).toEqual(['规则 2（多选题·知识点“总则”·难度易）需要 5 题，题库中符合条件的只有 3 题，还差 2 题'])
	expect(drawPaper(pool(), { kind: 'draw', rules: [{ type: 'multiple', topic: '总则', difficulty: 'easy', count: 5, points: 2 }] }, 'x')).toMatchObject({ ok: false })
})

test('job rules take the job’s questions and untagged ones', () => {
	const items = pool()
	const result = drawPaper(items, { kind: 'draw', rules: [{ type: 'judge', count: 24, points: 1, job: 'cadre' }] }, 'j')
	expect(result.ok).toBe(true)
})

test('max score and the PRNG are stable', () => {
	expect(maxScore({ kind: 'draw', rules: [{ type: 'single', count: 20, points: 2 }, { type: 'multiple', count: 6, points: 5 }] })).toBe(70)
	const r = seededRandom('x')
	const values = [r(), r(), r()]
	expect(values.every((v) => v >= 0 && v < 1)).toBe(true)
	const again = seededRandom('x')
	expect([again(), again(), again()]).toEqual(values)
})
