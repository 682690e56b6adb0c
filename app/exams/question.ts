// What a question is, how its answer is written, and how a response is graded. Pure: shared by
// the bank files, every import format, the exam engine and practice.

export const QUESTION_TYPES = ['single', 'multiple', 'judge'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题' }

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const
export type Difficulty = (typeof DIFFICULTIES)[number]
export const DIFFICULTY_LABELS: Record<Difficulty, string> = { easy: '易', medium: '中', hard: '难' }

/** True/false questions show these two options, in this order. */
export const JUDGE_OPTIONS = ['正确', '错误'] as const
export const MAX_OPTIONS = 8
export const OPTION_LETTERS = 'ABCDEFGH'

export type QuestionContent = {
	type: QuestionType
	stem: string
	/** Option texts in authored order (judge: 正确, 错误). */
	options: string[]
	/** Indices of the correct options, ascending. */
	answer: number[]
	explanation: string
	/** Law articles tested, e.g. 《安全生产法》第二十八条. */
	articles: string[]
	/** The accident case (content/cases slug) the question is about, if any. */
	caseSlug: string | null
	source: string
	topic: string
	difficulty: Difficulty
	/** Industry codes the question suits; empty means every industry. */
	industries: string[]
	/** Job categories (principal, safety_manager, special_operator, other, cadre); empty means all. */
	jobs: string[]
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const TRUE_WORDS = new Set(['对', '正确', '√', '✓', '✔', 'T', 'TRUE', 'Y', 'YES', '是'])
const FALSE_WORDS = new Set(['错', '错误', '×', '✗', '✘', 'X', 'F', 'FALSE', 'N', 'NO', '否'])

/**
 * An answer as question banks really write it: `B`, `ABD`, `A,B`, `A、B`, `a b`; for true/false
 * `对 / 错`, `正确 / 错误`, `√ / ×`, `T / F`, or `A` (正确) / `B` (错误).
 */
export function parseAnswer(raw: string, type: QuestionType, optionCount: number): Parsed<number[]> {
	const text = raw.normalize('NFKC').trim().toUpperCase()
	if (!text) return { ok: false, message: '缺少答案' }
	if (type === 'judge') {
		if (TRUE_WORDS.has(text) || text === 'A') return { ok: true, value: [0] }
		if (FALSE_WORDS.has(text) || text === 'B') return { ok: true, value: [1] }
		return { ok: false, message: `判断题答案“${raw.trim()}”无法识别（应为 对/错、正确/错误、√/×）` }
	}
	const letters = text.replace(/[\s,，、;；|/]+/g, '')
	if (!/^[A-H]+$/.test(letters)) return { ok: false, message: `答案“${raw.trim()}”无法识别（应为选项字母，如 B 或 ACD）` }
	const indices = [...new Set([...letters].map((l) => OPTION_LETTERS.indexOf(l)))].sort((a, b) => a - b)
	const beyond = indices.find((i) => i >= optionCount)
	if (beyond !== undefined) return { ok: false, message: `答案 ${OPTION_LETTERS[beyond]} 超出了选项范围（共 ${optionCount} 个选项）` }
	if (type === 'single' && indices.length !== 1) return { ok: false, message: `单选题只能有一个答案，这里是“${letters}”` }
	if (type === 'multiple' && indices.length < 2) return { ok: false, message: `多选题至少要有两个正确答案，这里是“${letters}”` }
	return { ok: true, value: indices }
}

/** The answer written as letters (or 正确/错误 for true/false), for exports and review. */
export function formatAnswer(answer: number[], type: QuestionType) {
	if (type === 'judge') return JUDGE_OPTIONS[answer[0] ?? 0]
	return answer.map((i) => OPTION_LETTERS[i]).join('')
}

/** Shape checks every source of questions goes through; the message names the field. */
export function checkQuestion(q: QuestionContent): string[] {
	const problems: string[] = []
	if (q.stem.trim().length < 4) problems.push('题干：缺少或过短')
	if (q.type === 'judge') {
		if (q.options.length !== 2) problems.push('选项：判断题只有“正确”“错误”两个选项')
	} else {
		if (q.options.length < (q.type === 'multiple' ? 3 : 2)) problems.push(`选项：${q.type === 'multiple' ? '多选题至少 3 个' : '单选题至少 2 个'}选项`)
		if (q.options.length > MAX_OPTIONS) problems.push(`选项：最多 ${MAX_OPTIONS} 个选项（A–H）`)
		if (q.options.some((o) => !o.trim())) problems.push('选项：有空白选项')
		if (new Set(q.options.map((o) => o.trim())).size !== q.options.length) problems.push('选项：有重复的选项')
	}
	if (q.answer.length === 0) problems.push('答案：缺少答案')
	if (q.type !== 'multiple' && q.answer.length > 1) problems.push('答案：只能有一个正确答案')
	if (q.type === 'multiple' && q.answer.length < 2) problems.push('答案：多选题至少两个正确答案')
	if (q.answer.some((i) => i < 0 || i >= q.options.length)) problems.push('答案：超出选项范围')
	return problems
}

export type Scoring = 'all-or-nothing' | 'partial'

/**
 * Points earned by a response (chosen option indices, in authored order). Single and true/false:
 * all or nothing. Multiple choice: all or nothing, or partially — any wrong option earns
 * nothing; otherwise each correct option chosen earns its share, rounded down to 0.5 point.
 */
export function gradeResponse(q: Pick<QuestionContent, 'type' | 'answer'>, chosen: readonly number[], points: number, scoring: Scoring = 'all-or-nothing') {
	const picked = new Set(chosen)
	const correct = new Set(q.answer)
	const wrong = [...picked].some((i) => !correct.has(i))
	const hits = [...picked].filter((i) => correct.has(i)).length
	const full = !wrong && hits === correct.size
	if (full) return { points, correct: true }
	if (q.type !== 'multiple' || scoring === 'all-or-nothing' || wrong || hits === 0) return { points: 0, correct: false }
	return { points: Math.floor(((points * hits) / correct.size) * 2) / 2, correct: false }
}
