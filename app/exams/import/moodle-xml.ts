// Moodle XML question banks: a <quiz> of <question type="…">. Multiple choice and true/false
// become Anxun questions, <question type="category"> sets the topic of those that follow, every
// other type is listed as unsupported. Pure (text in, questions out) and never throws. Also home
// of the small XML-tree and HTML-to-text helpers the QTI reader shares.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { checkQuestion, type Difficulty, JUDGE_OPTIONS, OPTION_LETTERS, parseAnswer, type QuestionContent, type QuestionType } from '../question.ts'
import { IMPORT_DEFAULTS, type ImportProblem, type ImportResult } from './types.ts'

/** An element, or a run of character data (`#text`, `#cdata`) carried in `text`. */
export type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string }

export type XmlRead = { ok: true; roots: XmlNode[] } | { ok: false; line: number | null; message: string }

/**
 * Parse XML into a tree that keeps document order. Namespace prefixes are dropped, entities
 * (XML, numeric and the common HTML ones) decoded once, CDATA kept apart so it can be read as HTML.
 */
export function readXml(source: string): XmlRead {
	const text = source.replace(/^\uFEFF/, '').trimStart()
	const valid = XMLValidator.validate(text)
	if (valid !== true) return { ok: false, line: valid.err.line > 0 ? valid.err.line : null, message: valid.err.msg }
	try {
		const parser = new XMLParser({
			preserveOrder: true,
			ignoreAttributes: false,
			attributeNamePrefix: '',
			removeNSPrefix: true,
			parseTagValue: false,
			parseAttributeValue: false,
			trimValues: false,
			cdataPropName: '#cdata',
			processEntities: true,
			htmlEntities: true,
			ignoreDeclaration: true,
			ignorePiTags: true,
		})
		return { ok: true, roots: toNodes(parser.parse(text)) }
	} catch (e) {
		return { ok: false, line: null, message: e instanceof Error ? e.message : String(e) }
	}
}

function toNodes(list: unknown): XmlNode[] {
	if (!Array.isArray(list)) return []
	const nodes: XmlNode[] = []
	for (const entry of list as Record<string, unknown>[]) {
		const rawAttrs = (entry[':@'] ?? {}) as Record<string, unknown>
		for (const [key, value] of Object.entries(entry)) {
			if (key === ':@' || key.startsWith('?') || key.startsWith('!')) continue
			if (key === '#text') nodes.push({ name: '#text', attrs: {}, children: [], text: String(value) })
			else if (key === '#cdata') nodes.push({ name: '#cdata', attrs: {}, children: [], text: toNodes(value).map((n) => n.text).join('') })
			else {
				const attrs: Record<string, string> = {}
				for (const [name, v] of Object.entries(rawAttrs)) attrs[name] = String(v)
				nodes.push({ name: key, attrs, children: toNodes(value), text: '' })
			}
		}
	}
	return nodes
}

const isElement = (n: XmlNode) => n.name !== '#text' && n.name !== '#cdata'

/** Child elements, all or those with one name. */
export function elements(node: XmlNode | undefined, name?: string): XmlNode[] {
	return node ? node.children.filter((c) => isElement(c) && (name === undefined || c.name === name)) : []
}

/** The first child element of that name. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
	return node?.children.find((c) => c.name === name)
}

/** Every element below `node` (document order) that matches. */
export function descendants(node: XmlNode | undefined, match: (n: XmlNode) => boolean): XmlNode[] {
	const found: XmlNode[] = []
	const walk = (n: XmlNode) => {
		for (const c of n.children) {
			if (!isElement(c)) continue
			if (match(c)) found.push(c)
			walk(c)
		}
	}
	if (node) walk(node)
	return found
}

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: ' ', emsp: ' ', thinsp: ' ',
	ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', laquo: '«', raquo: '»', hellip: '…', mdash: '—', ndash: '–',
	middot: '·', bull: '•', times: '×', divide: '÷', deg: '°', plusmn: '±', le: '≤', ge: '≥', ne: '≠', asymp: '≈',
	infin: '∞', radic: '√', micro: 'µ', permil: '‰', sect: '§', para: '¶', copy: '©', reg: '®', trade: '™',
	yen: '¥', euro: '€', pound: '£', cent: '¢', sup2: '²', sup3: '³', frac12: '½', frac14: '¼', frac34: '¾',
	larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', pi: 'π',
	mu: 'μ', omega: 'ω', Omega: 'Ω', Delta: 'Δ', sum: '∑', minus: '−', lowast: '∗', prime: '′', Prime: '″',
}

/** Decode HTML character references in one pass (so `&amp;lt;` stays `&lt;`); unknown ones stay as written. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
		if (ref.startsWith('#')) {
			const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
			const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
			return valid ? String.fromCodePoint(code) : whole
		}
		return NAMED_ENTITIES[ref] ?? whole
	})
}

const BLOCK_TAGS = 'address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul'
const BLOCK_SET = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'])
const BLOCK_TAG = new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi')

/** HTML source to text with a line break at each block boundary (not yet tidied). */
function stripHtml(html: string): string {
	return decodeEntities(
		html
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
			.replace(/\s+/g, ' ')
			.replace(BLOCK_TAG, '\n')
			.replace(/<\/?[a-zA-Z][^>]*>/g, ''),
	)
}

/** One space between words, one line per paragraph, no blank lines, trimmed. */
function tidyText(text: string): string {
	return text
		.split('\n')
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n')
}

/** Readable text of an HTML fragment: tags dropped, entities decoded, paragraphs on their own lines. */
export function htmlToText(html: string): string {
	return tidyText(stripHtml(html))
}

/**
 * How character data inside an element is read: `html` — all of it is HTML source (Moodle's
 * escaped or CDATA HTML); `cdata` — text is text, CDATA is HTML (QTI's XHTML bodies); `plain` —
 * text as written, line breaks kept.
 */
export type TextMode = 'html' | 'cdata' | 'plain'

/**
 * Readable text of an element. `replace` may substitute a child element's text (return a string)
 * or leave it to the default (return undefined); block elements start and end a line.
 */
export function elementText(node: XmlNode | undefined, mode: TextMode, replace?: (n: XmlNode) => string | undefined): string {
	const collect = (n: XmlNode): string => {
		let out = ''
		for (const c of n.children) {
			if (c.name === '#text') out += mode === 'html' ? stripHtml(c.text) : mode === 'cdata' ? c.text.replace(/\s+/g, ' ') : c.text.replace(/\r\n?/g, '\n')
			else if (c.name === '#cdata') out += mode === 'plain' ? c.text.replace(/\r\n?/g, '\n') : stripHtml(c.text)
			else {
				const substitute = replace?.(c)
				const inner = substitute ?? collect(c)
				out += BLOCK_SET.has(c.name) ? `\n${inner}\n` : inner
			}
		}
		return out
	}
	return node ? tidyText(collect(node)) : ''
}

// ---------------------------------------------------------------------------------------------

const SUPPORTED = new Set(['multichoice', 'truefalse'])

const DIFFICULTY_TAGS: Record<string, Difficulty> = {
	易: 'easy', 简单: 'easy', easy: 'easy',
	中: 'medium', 中等: 'medium', medium: 'medium',
	难: 'hard', 困难: 'hard', hard: 'hard',
}

/** The text of `<field format="…"><text>…</text></field>`, read as its format says. */
function fieldText(field: XmlNode | undefined): string {
	const format = (field?.attrs.format ?? 'html').toLowerCase()
	const mode: TextMode = format === 'plain_text' || format === 'markdown' ? 'plain' : 'html'
	return elementText(child(field, 'text'), mode)
}

/** Plain text of `<field><text>…</text></field>` (names, categories, tags, true/false answers). */
function plainField(field: XmlNode | undefined): string {
	return elementText(child(field, 'text'), 'plain')
}

/** `$course$/top/安全生产法/总则` → 总则 (Moodle writes a `/` inside a name as `//`). */
function categoryTopic(path: string): string {
	const segments = path
		.replaceAll('//', '\u0000')
		.split('/')
		.map((s) => s.replaceAll('\u0000', '/').trim())
	const named = segments.filter((s, i) => s && !/^\$[a-z0-9_]*\$$/i.test(s) && !(s === 'top' && i <= 1))
	return named.at(-1) ?? IMPORT_DEFAULTS.topic
}

const isFull = (fraction: number) => fraction >= 99.999

type Choices = { type: QuestionType; options: string[]; answer: number[]; messages: string[] }

function readFractions(answers: XmlNode[], messages: string[]): number[] {
	return answers.map((a, i) => {
		const raw = (a.attrs.fraction ?? '0').trim()
		const value = Number.parseFloat(raw)
		if (Number.isNaN(value)) {
			messages.push(`选项 ${OPTION_LETTERS[i] ?? i + 1} 的得分（fraction="${raw}"）无法识别`)
			return 0
		}
		return value
	})
}

function readMultichoice(question: XmlNode): Choices {
	const answers = elements(question, 'answer')
	const messages: string[] = []
	const options = answers.map((a) => fieldText(a))
	const fractions = readFractions(answers, messages)
	const singleText = elementText(child(question, 'single'), 'plain').toLowerCase()
	const single = singleText !== 'false' && singleText !== '0'
	const indices = (keep: (f: number) => boolean) => fractions.flatMap((f, i) => (keep(f) ? [i] : []))
	if (single) {
		const full = indices(isFull)
		if (full.length === 0) messages.push('答案：没有正确答案（没有得分为 100 的选项）')
		if (full.length > 1) messages.push(`答案：单选题有 ${full.length} 个得分为 100 的选项，只能有一个`)
		return { type: 'single', options, answer: full, messages }
	}
	const positive = indices((f) => f > 0)
	if (positive.length === 0) messages.push('答案：没有正确答案（没有得分大于 0 的选项）')
	return { type: positive.length === 1 ? 'single' : 'multiple', options, answer: positive, messages }
}

function readTrueFalse(question: XmlNode): Choices {
	const answers = elements(question, 'answer')
	const messages: string[] = []
	const fractions = readFractions(answers, messages)
	const right = answers.filter((_, i) => isFull(fractions[i] ?? 0))
	const options = [...JUDGE_OPTIONS]
	if (right.length !== 1) {
		messages.push(right.length === 0 ? '答案：判断题没有正确答案（没有得分为 100 的选项）' : '答案：判断题只能有一个得分为 100 的选项')
		return { type: 'judge', options, answer: [], messages }
	}
	const written = plainField(right[0])
	const parsed = parseAnswer(written, 'judge', 2)
	if (!parsed.ok) {
		messages.push(`答案：判断题的正确答案“${written}”无法识别（应为 true 或 false）`)
		return { type: 'judge', options, answer: [], messages }
	}
	return { type: 'judge', options, answer: parsed.value, messages }
}

function readDifficulty(question: XmlNode): Difficulty {
	for (const tag of elements(child(question, 'tags'), 'tag')) {
		const found = DIFFICULTY_TAGS[plainField(tag).toLowerCase()]
		if (found) return found
	}
	return IMPORT_DEFAULTS.difficulty
}

/** Read a Moodle XML export; `file` names it in every problem. */
export function parseMoodleXml(text: string, file: string): ImportResult {
	const result: ImportResult = { read: 0, items: [], problems: [], unsupported: [] }
	const xml = readXml(text)
	if (!xml.ok) {
		result.problems.push({ where: xml.line ? `${file} 第 ${xml.line} 行` : file, message: `XML 格式错误：${xml.message}` })
		return result
	}
	const quiz = xml.roots.find((n) => n.name === 'quiz')
	if (!quiz) {
		result.problems.push({ where: file, message: '不是 Moodle XML 题库（缺少 <quiz> 根元素）' })
		return result
	}
	let topic: string = IMPORT_DEFAULTS.topic
	let number = 0
	for (const question of elements(quiz, 'question')) {
		const type = (question.attrs.type ?? '').trim()
		if (type === 'category') {
			topic = categoryTopic(plainField(child(question, 'category')))
			continue
		}
		number++
		result.read++
		const name = plainField(child(question, 'name')).replace(/\n/g, ' ')
		const where = `${file} 第 ${number} 题${name ? `（${name}）` : ''}`
		const problem = (message: string): ImportProblem => ({ where, message })
		if (!type) {
			result.problems.push(problem('缺少题型（question 的 type 属性）'))
			continue
		}
		if (!SUPPORTED.has(type)) {
			result.unsupported.push(problem(`${type} 类型不支持，已跳过`))
			continue
		}
		const choices = type === 'multichoice' ? readMultichoice(question) : readTrueFalse(question)
		const content: QuestionContent = {
			type: choices.type,
			stem: fieldText(child(question, 'questiontext')),
			options: choices.options,
			answer: choices.answer,
			explanation: fieldText(child(question, 'generalfeedback')) || IMPORT_DEFAULTS.explanation,
			articles: [],
			caseSlug: null,
			source: file,
			topic,
			difficulty: readDifficulty(question),
			industries: [],
			jobs: [],
		}
		const answerKnown = !choices.messages.some((m) => m.startsWith('答案：'))
		const messages = [...checkQuestion(content).filter((m) => answerKnown || !m.startsWith('答案：')), ...choices.messages]
		if (messages.length > 0) {
			for (const message of messages) result.problems.push(problem(message))
			continue
		}
		result.items.push({ where, ...(name ? { key: name } : {}), content })
	}
	return result
}
