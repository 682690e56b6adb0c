// Moodle's GIFT text format, both ways. Reading keeps single choice, multiple choice (weights)
// and true/false; every other GIFT type is listed as unsupported with its line. Writing emits GIFT
// that Moodle imports and that parseGift reads back unchanged, with what GIFT cannot carry
// (difficulty, source, articles, case, industries, jobs) in a `// 难度: 中; 出处: …` comment.
import { JOB_TAGS } from '../bank-file.ts'
import { checkQuestion, DIFFICULTIES, DIFFICULTY_LABELS, type Difficulty, JUDGE_OPTIONS, MAX_OPTIONS, type QuestionContent, type QuestionType } from '../question.ts'
import { IMPORT_DEFAULTS, type ImportItem, type ImportProblem, type ImportResult } from './types.ts'

// ---------------------------------------------------------------------------------------------
// Escapes. While a question is taken apart, escaped characters stand in as private-use
// characters so that only unescaped ones act as syntax; they are restored in each piece.

const HIDDEN: Record<string, string> = { '\\': '\uE000', '~': '\uE001', '=': '\uE002', '#': '\uE003', '{': '\uE004', '}': '\uE005', ':': '\uE006', n: '\uE007' }
const SHOWN: Record<string, string> = { '\uE000': '\\', '\uE001': '~', '\uE002': '=', '\uE003': '#', '\uE004': '{', '\uE005': '}', '\uE006': ':', '\uE007': '\n' }

const hideEscapes = (s: string) => s.replace(/\\([\\~=#{}:n])/g, (_, c: string) => HIDDEN[c] ?? c)
const showEscapes = (s: string) => s.replace(/[\uE000-\uE007]/g, (c) => SHOWN[c] ?? c)

type TextFormat = 'moodle' | 'html' | 'markdown' | 'plain'
const FORMAT_MARKER = /^\s*\[(moodle|html|markdown|plain)\]/i

/** A leading `[html]`-style marker, removed; without one the text keeps `fallback`. */
function takeFormat(s: string, fallback: TextFormat): { format: TextFormat; text: string } {
	const m = FORMAT_MARKER.exec(s)
	if (!m) return { format: fallback, text: s }
	return { format: (m[1] ?? fallback).toLowerCase() as TextFormat, text: s.slice(m[0].length) }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function decodeEntities(s: string) {
	return s.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
		if (name.startsWith('#')) {
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
		}
		return ENTITIES[name.toLowerCase()] ?? whole
	})
}

/** Simple HTML to text: line-ending tags become newlines, other tags go, entities are decoded. */
function stripHtml(s: string) {
	const text = s
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6])\s*>/gi, '\n')
		.replace(/<\/?[a-z][^<>]*>/gi, '')
	return decodeEntities(text)
}

/** Text with its escapes still hidden, as plain text in the given format. */
function render(hidden: string, format: TextFormat) {
	const shown = showEscapes(hidden)
	return (format === 'moodle' || format === 'html' ? stripHtml(shown) : shown).trim()
}

/** An option or feedback: its own format marker, else the question's format. */
function cleanText(hidden: string, fallback: TextFormat) {
	const { format, text } = takeFormat(hidden, fallback)
	return render(text, format)
}

// ---------------------------------------------------------------------------------------------
// The `// 难度: 中; 出处: …` comment toGift writes before each question.

type Meta = {
	difficulty?: Difficulty
	source?: string
	articles?: string[]
	caseSlug?: string | null
	industries?: string[]
	jobs?: string[]
	errors: string[]
}

const META_KEYS = ['难度', '出处', '法条', '案例', '行业', '岗位'] as const
const META_START = new RegExp(`^(${META_KEYS.join('|')})\\s*[:：]`)
const DIFFICULTY_OF_WORD = Object.fromEntries(DIFFICULTIES.flatMap((d) => [[d, d] as const, [DIFFICULTY_LABELS[d], d] as const])) as Record<string, Difficulty>

/** Splits on unescaped separators; the pieces keep their escapes. */
function splitEscaped(s: string, separators: string) {
	const parts: string[] = []
	let current = ''
	for (let i = 0; i < s.length; i++) {
		const c = s[i] ?? ''
		if (c === '\\' && i + 1 < s.length) {
			current += c + (s[i + 1] ?? '')
			i++
		} else if (separators.includes(c)) {
			parts.push(current)
			current = ''
		} else current += c
	}
	parts.push(current)
	return parts
}

const metaUnescape = (s: string) => s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
const metaEscape = (s: string) => s.replace(/\r\n?/g, '\n').replace(/[\\;；、,，]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')
const metaList = (raw: string) =>
	splitEscaped(raw, '、,，')
		.map((p) => metaUnescape(p).trim())
		.filter(Boolean)

/** The comment's text after `//`, if it is our metadata comment. */
function readMeta(comment: string): Meta | null {
	const text = comment.trim()
	if (!META_START.test(text)) return null
	const meta: Meta = { errors: [] }
	for (const part of splitEscaped(text, ';；')) {
		const m = /^\s*([^:：]+?)\s*[:：]([\s\S]*)$/.exec(part)
		if (!m) continue
		const key = m[1] ?? ''
		const raw = m[2] ?? ''
		const value = metaUnescape(raw).trim()
		if (key === '难度') {
			const d = DIFFICULTY_OF_WORD[value.toLowerCase()]
			if (d) meta.difficulty = d
			else meta.errors.push(`难度“${value}”无法识别（应为 易 / 中 / 难）`)
		} else if (key === '出处') meta.source = value
		else if (key === '法条') meta.articles = metaList(raw)
		else if (key === '案例') meta.caseSlug = value || null
		else if (key === '行业') meta.industries = metaList(raw)
		else if (key === '岗位') {
			const jobs = metaList(raw)
			const unknown = jobs.filter((j) => !(JOB_TAGS as readonly string[]).includes(j))
			if (unknown.length > 0) meta.errors.push(`岗位“${unknown.join('、')}”无法识别（应为 ${JOB_TAGS.join(' / ')}）`)
			else meta.jobs = jobs
		}
	}
	return meta
}

function writeMeta(q: QuestionContent) {
	const parts = [`难度: ${DIFFICULTY_LABELS[q.difficulty]}`, `出处: ${metaEscape(q.source)}`]
	if (q.articles.length > 0) parts.push(`法条: ${q.articles.map(metaEscape).join('、')}`)
	if (q.caseSlug) parts.push(`案例: ${metaEscape(q.caseSlug)}`)
	if (q.industries.length > 0) parts.push(`行业: ${q.industries.map(metaEscape).join(', ')}`)
	if (q.jobs.length > 0) parts.push(`岗位: ${q.jobs.map(metaEscape).join(', ')}`)
	return `// ${parts.join('; ')}`
}

// ---------------------------------------------------------------------------------------------
// Categories: `$CATEGORY: $course$/top/题库/知识点`; `//` inside a name is a literal slash.

function categorySegments(path: string) {
	const segments: string[] = []
	let current = ''
	for (let i = 0; i < path.length; i++) {
		const c = path[i]
		if (c === '/' && path[i + 1] === '/') {
			current += '/'
			i++
		} else if (c === '/') {
			segments.push(current)
			current = ''
		} else current += c
	}
	segments.push(current)
	return segments.map((s) => s.trim())
}

function topicOfCategory(line: string) {
	const path = line
		.replace(/^\$CATEGORY\s*:/i, '')
		.trim()
		.replace(/^\$[a-z0-9]+\$(\/|$)/i, '')
		.replace(/^top(\/|$)/i, '')
	const segments = categorySegments(path).filter(Boolean)
	return segments[segments.length - 1] ?? IMPORT_DEFAULTS.topic
}

const categoryName = (s: string) => s.replace(/\s+/g, ' ').trim().replace(/\//g, '//')

// ---------------------------------------------------------------------------------------------
// Reading.

type Chunk = { line: number; lines: string[]; topic: string; meta: Meta | null }

type Outcome =
	| { kind: 'question'; key: string | undefined; type: QuestionType; stem: string; options: string[]; answer: number[]; explanation: string }
	| { kind: 'unsupported'; message: string }
	| { kind: 'problems'; messages: string[] }

const unsupported = (what: string): Outcome => ({ kind: 'unsupported', message: `${what}不支持，已跳过` })
const problem = (...messages: string[]): Outcome => ({ kind: 'problems', messages })

const BRACES_HINT = '（文字中的 { } 请写成 \\{ \\}）'

function readChunk(chunk: Chunk): Outcome {
	let body = hideEscapes(chunk.lines.join('\n')).trim()
	let key: string | undefined
	if (body.startsWith('::')) {
		const end = body.indexOf('::', 2)
		if (end < 0) return problem('标题缺少结尾的“::”')
		key = showEscapes(body.slice(2, end)).trim() || undefined
		body = body.slice(end + 2)
	}
	const open = body.indexOf('{')
	if (open < 0) return body.includes('}') ? problem(`有多余的“}”${BRACES_HINT}`) : unsupported('说明文字（没有答案块）')
	const close = body.indexOf('}', open)
	if (close < 0) return problem(`答案块缺少结尾的“}”${BRACES_HINT}`)
	const before = body.slice(0, open)
	let block = body.slice(open + 1, close)
	const after = body.slice(close + 1)
	if (block.includes('{')) return problem(`答案块中有未转义的“{”${BRACES_HINT}`)
	if (/[{}]/.test(before) || /[{}]/.test(after)) return problem(`题目中有多个答案块或多余的“{”“}”${BRACES_HINT}`)

	// Text after the block (Moodle's missing-word form) stays in the stem, the block as a blank.
	const { format, text: stemText } = takeFormat(after.trim() ? `${before}（　）${after}` : before, 'moodle')
	const stem = render(stemText, format)

	let explanation: string = IMPORT_DEFAULTS.explanation
	const general = block.indexOf('####')
	if (general >= 0) {
		explanation = cleanText(block.slice(general + 4), format)
		block = block.slice(0, general)
	}
	const answers = block.trim()
	if (!answers) return unsupported('问答题')
	if (answers.startsWith('#')) return unsupported('数值题')

	const trueFalse = /^(TRUE|FALSE|T|F)\s*(#[\s\S]*)?$/i.exec(answers)
	if (trueFalse) {
		if (!stem) return problem('缺少题干')
		const isTrue = (trueFalse[1] ?? '').toUpperCase().startsWith('T')
		return { kind: 'question', key, type: 'judge', stem, options: [...JUDGE_OPTIONS], answer: [isTrue ? 0 : 1], explanation }
	}
	if (!answers.includes('~')) {
		if (answers.includes('->')) return unsupported('匹配题')
		if (answers.startsWith('=')) return unsupported('简答（填空）题')
		return problem(`答案块“${showEscapes(answers).slice(0, 20)}”无法识别（选项应以 = 或 ~ 开头）`)
	}
	if (!answers.startsWith('=') && !answers.startsWith('~')) {
		return problem(`答案块开头的“${showEscapes(answers.split(/[=~]/)[0] ?? '').trim().slice(0, 20)}”不属于任何选项（选项应以 = 或 ~ 开头）`)
	}

	const entries = [...answers.matchAll(/([=~])([^=~]*)/g)].map((m) => {
		const marker = m[1] ?? '~'
		let rest = (m[2] ?? '').split('#')[0] ?? ''
		const weight = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(rest)
		if (weight) rest = rest.slice(weight[0].length)
		return { marker, weight: weight ? Number(weight[1]) : null, text: cleanText(rest, format) }
	})
	const options = entries.map((e) => e.text)
	const messages: string[] = []
	if (!stem) messages.push('缺少题干')
	if (options.length < 2) messages.push(`选项少于 2 个（只有 ${options.length} 个）`)
	if (options.length > MAX_OPTIONS) messages.push(`选项多于 ${MAX_OPTIONS} 个（共 ${options.length} 个）`)
	const duplicate = options.find((o, i) => o && options.indexOf(o) !== i)
	if (duplicate !== undefined) messages.push(`选项“${duplicate}”重复`)

	let type: QuestionType = 'single'
	let answer: number[] = []
	if (entries.some((e) => e.weight !== null)) {
		const weights = entries.map((e) => e.weight ?? (e.marker === '=' ? 100 : 0))
		answer = weights.flatMap((w, i) => (w > 0 ? [i] : []))
		const only = answer.length === 1 ? weights[answer[0] ?? 0] : undefined
		if (answer.length === 0) messages.push('没有正确答案（没有得分为正的选项）')
		else if (only !== undefined && only !== 100) messages.push(`只有一个选项得分，且为 ${only}%（单选题的正确选项应为 100%）`)
		type = answer.length > 1 ? 'multiple' : 'single'
	} else {
		answer = entries.flatMap((e, i) => (e.marker === '=' ? [i] : []))
		if (answer.length === 0) messages.push('没有正确答案（正确选项以 = 开头）')
		if (answer.length > 1) messages.push(`单选题有 ${answer.length} 个“=”正确答案（多选题请用 ~%50% 这样的得分）`)
	}
	if (messages.length > 0) return problem(...messages)
	return { kind: 'question', key, type, stem, options, answer, explanation }
}

/** Reads a GIFT file; `file` names it in messages. Never throws on bad input. */
export function parseGift(text: string, file: string): ImportResult {
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
	const chunks: Chunk[] = []
	let topic: string = IMPORT_DEFAULTS.topic
	let pending: Meta | null = null
	let chunk: Chunk | null = null
	for (let i = 0; i < lines.length; i++) {
		const raw = lines[i] ?? ''
		const trimmed = raw.trim()
		if (!trimmed) {
			if (chunk) chunks.push(chunk)
			chunk = null
		} else if (trimmed.startsWith('//')) {
			const meta = readMeta(trimmed.slice(2))
			if (meta && chunk && !chunk.meta) chunk.meta = meta
			else if (meta) pending = meta
		} else if (/^\$CATEGORY\s*:/i.test(trimmed)) {
			if (chunk) chunks.push(chunk)
			chunk = null
			topic = topicOfCategory(trimmed)
		} else {
			if (!chunk) {
				chunk = { line: i + 1, lines: [], topic, meta: pending }
				pending = null
			}
			chunk.lines.push(raw)
		}
	}
	if (chunk) chunks.push(chunk)

	const items: ImportItem[] = []
	const problems: ImportProblem[] = []
	const skipped: ImportProblem[] = []
	for (const c of chunks) {
		const where = `${file} 第 ${c.line} 行`
		const outcome = readChunk(c)
		if (outcome.kind === 'unsupported') {
			skipped.push({ where, message: outcome.message })
			continue
		}
		if (outcome.kind === 'problems') {
			for (const message of outcome.messages) problems.push({ where, message })
			continue
		}
		const meta = c.meta
		const content: QuestionContent = {
			type: outcome.type,
			stem: outcome.stem,
			options: outcome.options,
			answer: outcome.answer,
			explanation: outcome.explanation,
			articles: meta?.articles ?? [],
			caseSlug: meta?.caseSlug ?? null,
			source: meta?.source ?? file,
			topic: c.topic,
			difficulty: meta?.difficulty ?? IMPORT_DEFAULTS.difficulty,
			industries: meta?.industries ?? [],
			jobs: meta?.jobs ?? [],
		}
		const shape = [...(meta?.errors ?? []), ...checkQuestion(content)]
		if (shape.length > 0) {
			for (const message of shape) problems.push({ where, message })
			continue
		}
		items.push(outcome.key === undefined ? { where, content } : { where, key: outcome.key, content })
	}
	return { read: chunks.length, items, problems, unsupported: skipped }
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** Text as GIFT writes it: HTML-significant characters as entities, GIFT syntax escaped. */
function giftText(s: string) {
	const escaped = s
		.replace(/\r\n?/g, '\n')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
		.replace(/\n/g, '\\n')
	// A leading format marker, weight, comment or category would be read as syntax: an explicit
	// [moodle] marker in front keeps it text.
	return /^(\[(moodle|html|markdown|plain)\]|%|\/\/|\$)/i.test(escaped) ? `[moodle]${escaped}` : escaped
}

const giftTitle = (s: string) =>
	s
		.replace(/\r\n?/g, '\n')
		.replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
		.replace(/\n/g, '\\n')

const weightOf = (n: number) => `${Number((100 / n).toFixed(5))}`

/** A bank as GIFT (Moodle can import it); parseGift reads it back into the same questions. */
export function toGift(questions: { key: string; content: QuestionContent }[], bankTitle: string): string {
	const out = [`// 题库：${bankTitle.replace(/\s+/g, ' ').trim()}`, `// 安训导出，共 ${questions.length} 题（GIFT 格式）`, '']
	let topic: string | null = null
	for (const { key, content: q } of questions) {
		if (q.topic !== topic) {
			out.push(`$CATEGORY: $course$/top/${categoryName(bankTitle) || '题库'}/${categoryName(q.topic)}`, '')
			topic = q.topic
		}
		out.push(writeMeta(q))
		const head = `${key ? `::${giftTitle(key)}::` : ''}${giftText(q.stem)}`
		const feedback = q.explanation ? `####${giftText(q.explanation)}` : ''
		if (q.type === 'judge') {
			out.push(`${head} {${q.answer[0] === 1 ? 'FALSE' : 'TRUE'}${feedback}}`, '')
			continue
		}
		out.push(`${head} {`)
		const correct = new Set(q.answer)
		q.options.forEach((option, i) => {
			const text = giftText(option)
			if (q.type === 'single') out.push(`\t${correct.has(i) ? '=' : '~'}${text}`)
			else out.push(`\t~%${correct.has(i) ? weightOf(correct.size) : '-100'}%${text}`)
		})
		if (feedback) out.push(`\t${feedback}`)
		out.push('}', '')
	}
	return out.join('\n')
}
