// Question banks in Excel (.xlsx): the layouts Chinese banks really come in (varied headers,
// options in one cell or one per column, section rows instead of a type column, numbered
// stems, several sheets), and our own template, which exports and reads back losslessly.
// Pure: bytes in, questions out; never throws on a bad file.
import ExcelJS from 'exceljs'
import {
	checkQuestion,
	type Difficulty,
	DIFFICULTY_LABELS,
	formatAnswer,
	JUDGE_OPTIONS,
	MAX_OPTIONS,
	OPTION_LETTERS,
	parseAnswer,
	QUESTION_TYPE_LABELS,
	type QuestionContent,
	type QuestionType,
} from '../question.ts'
import { IMPORT_DEFAULTS, type ImportItem, type ImportResult } from './types.ts'

/** Our template's columns, in order. */
export const QUESTION_TEMPLATE_COLUMNS = [
	'题号',
	'题型',
	'题干',
	'选项A',
	'选项B',
	'选项C',
	'选项D',
	'选项E',
	'选项F',
	'选项G',
	'选项H',
	'答案',
	'解析',
	'难度',
	'知识点',
	'出处',
	'条文',
] as const

export type QuestionTemplateColumn = (typeof QUESTION_TEMPLATE_COLUMNS)[number]

/** The header must be within a sheet's first rows (title rows above it are common). */
const HEADER_SEARCH_ROWS = 10

// ---------------------------------------------------------------------------
// Text helpers

/** For matching only (headers, type words, answers): full-width to half-width, no spaces. */
function matchKey(text: string) {
	return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** Removes notes in brackets: 题干（必填） → 题干, 多选题(每题2分) → 多选题. */
function withoutNotes(text: string) {
	return text.replace(/[(（][^()（）]*[)）]|【[^【】]*】|\[[^[\]]*\]/g, '')
}

/** A header as the file's author wrote it, minus asterisks and notes, for messages. */
function headerLabel(text: string) {
	return (
		withoutNotes(text)
			.replace(/[*＊:：]/g, '')
			.trim() || text.trim()
	)
}

function headerKey(text: string) {
	return matchKey(withoutNotes(text.normalize('NFKC'))).replace(/[*:]/g, '')
}

function pad2(n: number) {
	return String(n).padStart(2, '0')
}

/** The text of a cell: rich text joined, formulas by their result, numbers without exponent, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return ''
	if (typeof value === 'string') return value.replace(/\r\n?/g, '\n').trim()
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return ''
		return Number.isInteger(value) ? value.toFixed(0) : String(value)
	}
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return ''
		return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`
	}
	if (typeof value === 'object') {
		if ('richText' in value && Array.isArray(value.richText)) return cellText(value.richText.map((part) => part.text).join(''))
		if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue)
		if ('formula' in value || 'sharedFormula' in value) return ''
		if ('text' in value) return cellText(value.text as ExcelJS.CellValue)
		if ('error' in value) return ''
	}
	return ''
}

// ---------------------------------------------------------------------------
// Headers

type Field = 'key' | 'type' | 'stem' | 'options' | 'answer' | 'explanation' | 'difficulty' | 'topic' | 'source' | 'articles'

const FIELD_NAMES: Record<Field, string> = {
	key: '题号',
	type: '题型',
	stem: '题干',
	options: '选项',
	answer: '答案',
	explanation: '解析',
	difficulty: '难度',
	topic: '知识点',
	source: '出处',
	articles: '条文',
}

const HEADER_ALIASES: Readonly<Record<string, Field>> = Object.fromEntries(
	(
		[
			['key', ['题号', '编号', 'ID', '试题编号', '题目编号', '试题ID', '题目ID']],
			['type', ['题型', '试题类型', '类型', '题目类型', '题类', '试题题型', '题型名称']],
			['stem', ['题干', '题目', '题目内容', '试题内容', '问题', '试题', '试题题干', '题目题干', '题目名称', '题目描述', '题面']],
			['options', ['选项', '题目选项', '备选答案', '试题选项', '选项内容', '答案选项', '全部选项']],
			['answer', ['答案', '正确答案', '题目答案', '参考答案', '标准答案', '试题答案', '正确选项']],
			['explanation', ['解析', '答案解析', '试题解析', '题目解析', '解释', '答案说明', '解题思路']],
			['difficulty', ['难度', '难易程度', '难易度', '难度等级', '难度系数', '试题难度', '题目难度']],
			['topic', ['知识点', '分类', '章节', '题目分类', '试题分类', '知识点分类', '所属分类', '所属章节', '考点']],
			['source', ['出处', '依据', '来源', '题目来源', '试题来源', '出题依据', '法规依据']],
			['articles', ['条文', '法条', '相关条文', '依据条款', '法律条文', '条款']],
		] as const
	).flatMap(([field, names]) => names.map((name) => [headerKey(name), field])),
)

const CHINESE_DIGITS = '一二三四五六七八'

/** 选项A / A / A选项 / 选项一 / 选项1 → 0; anything else → null. */
function optionColumnIndex(key: string): number | null {
	const letter = /^(?:选项)?([A-H])(?:选项|项)?$/.exec(key)?.[1]
	if (letter) return OPTION_LETTERS.indexOf(letter)
	const chinese = /^选项([一二三四五六七八])$/.exec(key)?.[1]
	if (chinese) return CHINESE_DIGITS.indexOf(chinese)
	const digit = /^选项([1-8])$/.exec(key)?.[1]
	if (digit) return Number(digit) - 1
	return null
}

type Columns = {
	index: Partial<Record<Field, number>>
	label: Partial<Record<Field, string>>
	/** Column of each option letter (index in OPTION_LETTERS), when options sit one per column. */
	optionColumns: Array<number | undefined>
}

type SheetRow = {
	number: number
	cells: string[]
	mergedFrom: Array<number | undefined>
}

/** The fields a row names, if it is a header: it needs a stem column and at least one more. */
function matchHeader(row: SheetRow): Columns | null {
	const columns: Columns = { index: {}, label: {}, optionColumns: [] }
	let found = 0
	row.cells.forEach((text, i) => {
		if (!text) return
		const key = headerKey(text)
		const field = HEADER_ALIASES[key]
		if (field) {
			if (columns.index[field] !== undefined) return
			columns.index[field] = i
			columns.label[field] = headerLabel(text)
			found++
			return
		}
		const option = optionColumnIndex(key)
		if (option !== null && columns.optionColumns[option] === undefined) {
			columns.optionColumns[option] = i
			found++
		}
	})
	if (columns.index.stem === undefined || found < 2) return null
	// A 选项 header merged across several columns: the options sit one per column beneath it.
	const optionsAt = columns.index.options
	if (optionsAt !== undefined && columns.optionColumns.length === 0) {
		const spanned = row.mergedFrom.flatMap((from, i) => (from === optionsAt && i !== optionsAt ? [i] : []))
		if (spanned.length > 0) {
			columns.optionColumns = [optionsAt, ...spanned].slice(0, MAX_OPTIONS)
			delete columns.index.options
		}
	}
	return columns
}

// ---------------------------------------------------------------------------
// Types, sections, difficulty

type TypeWord = { kind: 'type'; type: QuestionType } | { kind: 'choice' } | { kind: 'unsupported'; label: string }

const TYPE_WORDS: Readonly<Record<string, TypeWord>> = Object.fromEntries([
	...['单选', '单选题', '单项选择', '单项选择题', '单项', '单择题', 'SINGLE', 'SINGLECHOICE', 'SINGLE_CHOICE', 'RADIO'].map((w) => [
		w,
		{ kind: 'type', type: 'single' } as const,
	]),
	...[
		'多选',
		'多选题',
		'多项选择',
		'多项选择题',
		'多项',
		'不定项',
		'不定项选择',
		'不定项选择题',
		'MULTIPLE',
		'MULTIPLECHOICE',
		'MULTIPLE_CHOICE',
		'CHECKBOX',
	].map((w) => [w, { kind: 'type', type: 'multiple' } as const]),
	...['判断', '判断题', '是非', '是非题', '对错题', '正误题', '判断正误', 'JUDGE', 'TRUEFALSE', 'TRUE_FALSE', 'TF'].map((w) => [
		w,
		{ kind: 'type', type: 'judge' } as const,
	]),
	...['选择', '选择题'].map((w) => [w, { kind: 'choice' } as const]),
])

const UNSUPPORTED_TYPE = /填空|简答|问答|计算|论述|分析|案例|名词解释|作图|绘图|连线|匹配|排序|综合|阅读|材料|实操|操作|主观/

/** A type cell (单选题, 多项选择题, 是非题 …); null when unrecognised. */
function typeOfWord(text: string): TypeWord | null {
	const key = matchKey(withoutNotes(text.normalize('NFKC')))
	const known = TYPE_WORDS[key]
	if (known) return known
	if (UNSUPPORTED_TYPE.test(key)) return { kind: 'unsupported', label: text.trim() }
	return null
}

const SECTION_NUMBERING =
	/^(?:第[一二三四五六七八九十百\d]+(?:部分|大题|题型|章|节|类|单元)?|[一二三四五六七八九十]+|\d+|\([一二三四五六七八九十\d]+\)|PART\d+)[、.:：,，]?/
const SECTION_WORDS = Object.keys(TYPE_WORDS)
	.filter((w) => /[\u4e00-\u9fff]/.test(w))
	.sort((a, b) => b.length - a.length)
const SECTION_UNSUPPORTED = /^(填空|简答|问答|计算|论述|案例分析|分析|名词解释|综合|实操)题?/

/** A section row (第一部分 判断题, 一、单选题, 二、多项选择题（每题2分）): the type it sets, else null. */
function sectionType(row: SheetRow): TypeWord | null {
	const filled = row.cells.filter(Boolean)
	return filled.length === 1 ? sectionOfText(filled[0]!) : null
}

/** The type a section title (or a sheet named 单选题, 判断题 …) sets, else null. */
function sectionOfText(title: string): TypeWord | null {
	const text = matchKey(withoutNotes(title.normalize('NFKC')))
	if (text.length > 40) return null
	const body = text.replace(SECTION_NUMBERING, '')
	// What may follow the type word: 部分, 共20题, 每题1分, 共40分.
	const restIsNote = (rest: string) => /^[部分类共计每题道小个满合\d.,，。、:：;；]*$/.test(rest)
	for (const word of SECTION_WORDS) {
		if (body.startsWith(word) && restIsNote(body.slice(word.length))) return TYPE_WORDS[word] ?? null
	}
	const unsupported = SECTION_UNSUPPORTED.exec(body)
	if (unsupported && restIsNote(body.slice(unsupported[0].length))) {
		return {
			kind: 'unsupported',
			label: unsupported[0].endsWith('题') ? unsupported[0] : `${unsupported[0]}题`,
		}
	}
	return null
}

const DIFFICULTY_WORDS: Readonly<Record<string, Difficulty>> = {
	易: 'easy',
	容易: 'easy',
	简单: 'easy',
	较易: 'easy',
	基础: 'easy',
	低: 'easy',
	'1': 'easy',
	EASY: 'easy',
	中: 'medium',
	一般: 'medium',
	中等: 'medium',
	适中: 'medium',
	普通: 'medium',
	'2': 'medium',
	MEDIUM: 'medium',
	难: 'hard',
	困难: 'hard',
	较难: 'hard',
	高: 'hard',
	'3': 'hard',
	HARD: 'hard',
}

// ---------------------------------------------------------------------------
// Options, stems, answers

/** Markers are looked for beyond H, so that a ninth option is reported rather than glued to the eighth. */
const MARKER_LETTERS = 12

/** The length of option letter `index`'s marker at `at` (A. A、 A． A: A） (A) Ａ.), or 0. */
function markerLength(text: string, at: number, index: number) {
	const l = `[${String.fromCharCode(0x41 + index)}${String.fromCharCode(0xff21 + index)}]`
	const match = new RegExp(`^(?:[(（]\\s*${l}\\s*[)）]|${l}\\s*[.、．:：)）])[ \\t　]*`).exec(text.slice(at))
	return match ? match[0].length : 0
}

const STRICT_BEFORE = /[\s;；|#]/
const LOOSE_BEFORE = /[^A-Za-z0-9Ａ-Ｚａ-ｚ０-９]/

/** Options written after letter markers, in sequence A, B, C …; null when the text does not start with A's marker. */
function splitByMarkers(text: string): string[] | null {
	const first = markerLength(text, 0, 0)
	if (!first) return null
	const starts: Array<{ at: number; body: number }> = [{ at: 0, body: first }]
	for (let index = 1; index < MARKER_LETTERS; index++) {
		const from = starts.at(-1)!.body
		const find = (before: RegExp) => {
			for (let at = from + 1; at < text.length; at++) {
				if (!before.test(text[at - 1]!)) continue
				const length = markerLength(text, at, index)
				if (length) return { at, body: at + length }
			}
			return null
		}
		const next = find(STRICT_BEFORE) ?? find(LOOSE_BEFORE)
		if (!next) break
		starts.push(next)
	}
	return starts.map((s, i) =>
		text
			.slice(s.body, starts[i + 1]?.at ?? text.length)
			.replace(/[\s;；|#]+$/, '')
			.trim(),
	)
}

/** Options written in one cell: after letter markers, else one per line, or separated by ##, | or ；. */
export function splitOptionCell(text: string): string[] {
	const trimmed = text.trim()
	if (!trimmed) return []
	const marked = splitByMarkers(trimmed)
	if (marked) return marked
	const separator = /\n/.test(trimmed) ? /\n/ : trimmed.includes('##') ? /##/ : trimmed.includes('|') ? /\|/ : /[;；]/
	return trimmed
		.split(separator)
		.map((o) => o.trim())
		.filter(Boolean)
}

/** The stem without its numbering: 12. 12、 12． (12) （12） 第12题. */
export function stripStemNumber(stem: string) {
	const stripped = stem.replace(
		/^\s*(?:第\s*[0-9０-９]+\s*题\s*[.、．:：]?|[(（]\s*[0-9０-９]+\s*[)）]\s*[.、．]?|[0-9０-９]+\s*(?:[、．]|\.(?![0-9])|[)）]))\s*/,
		'',
	)
	return stripped.trim() ? stripped.trim() : stem.trim()
}

/** What an answer says about the type: letters (single or multiple) or a true/false word. */
function typeFromAnswer(answer: string): QuestionType | null {
	const text = answer.normalize('NFKC').trim().toUpperCase()
	if (/^[A-H](?:[\s,，、;；|/]*[A-H])*$/.test(text)) return new Set(text.replace(/[^A-H]/g, '')).size > 1 ? 'multiple' : 'single'
	if (parseAnswer(text, 'judge', 2).ok) return 'judge'
	return null
}

const JUDGE_WORDS_TRUE = new Set(['对', '正确', '√', '✓', '✔', 'T', 'TRUE', 'Y', 'YES', '是'])
const JUDGE_WORDS_FALSE = new Set(['错', '错误', '×', '✗', '✘', 'X', 'F', 'FALSE', 'N', 'NO', '否'])

function judgeWord(text: string): boolean | null {
	const key = matchKey(text)
	return JUDGE_WORDS_TRUE.has(key) ? true : JUDGE_WORDS_FALSE.has(key) ? false : null
}

function splitArticles(text: string) {
	return text
		.split(/[、\n；;]+/)
		.map((a) => a.trim())
		.filter(Boolean)
}

// ---------------------------------------------------------------------------
// Reading

type Problem = { where: string; message: string }
type Outcome = { ok: true; item: ImportItem } | { ok: false; problems: Problem[] } | { ok: false; unsupported: Problem }

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, magic: readonly number[]) {
	return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)
}

async function openWorkbook(bytes: Uint8Array, file: string): Promise<{ ok: true; workbook: ExcelJS.Workbook } | { ok: false; message: string }> {
	const fail = (why: string) => ({
		ok: false as const,
		message: `无法读取 Excel 文件：${why}`,
	})
	if (bytes.length === 0) return fail('文件是空的（0 字节）')
	if (startsWith(bytes, OLE_MAGIC) || (/\.(xls|et)$/i.test(file.trim()) && !startsWith(bytes, ZIP_MAGIC))) {
		return fail('这是旧版 Excel（.xls）格式或带密码的文件，不支持：请在 Excel 中另存为 .xlsx（不设密码）后再导入')
	}
	if (!startsWith(bytes, ZIP_MAGIC)) return fail('文件不是 .xlsx 格式；请在 Excel 中另存为 .xlsx 后再导入')
	const workbook = new ExcelJS.Workbook()
	try {
		await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer)
	} catch {
		return fail('文件已损坏或不是有效的 .xlsx 文件；请用 Excel 打开后重新另存为 .xlsx 再导入')
	}
	if (workbook.worksheets.length === 0) return fail('文件中没有工作表；请在 Excel 中另存为 .xlsx 后再导入')
	return { ok: true, workbook }
}

/**
 * A sheet's non-empty rows as text, columns 0-based. A cell merged across a row keeps its value
 * in the first cell only; merged down a column (a category over several questions) it applies to each row.
 */
function sheetRows(worksheet: ExcelJS.Worksheet): SheetRow[] {
	const rows: SheetRow[] = []
	worksheet.eachRow((row, number) => {
		const cells: string[] = []
		const mergedFrom: Array<number | undefined> = []
		for (let c = 1; c <= row.cellCount; c++) {
			const cell = row.getCell(c)
			if (cell.type === ExcelJS.ValueType.Merge) {
				const master = cell.master.fullAddress
				if (master.row === number) {
					cells.push('')
					mergedFrom[c - 1] = master.col - 1
					continue
				}
				cells.push(cellText(cell.master.value))
				continue
			}
			cells.push(cellText(cell.value))
		}
		if (cells.some(Boolean)) rows.push({ number, cells, mergedFrom })
	})
	return rows
}

const GENERIC_SHEET = /^(?:sheet|工作表|表|页|题库|试题|题目|试题库|模板|导入模板|数据|data)\s*\d*$/i
const NOTES_SHEET = /说明|帮助|填写|目录|封面|示例|例子|readme|help/i

/** The topic a sheet's name gives its questions (none for Sheet1, 工作表1, or a type name such as 单选题). */
function sheetTopic(name: string) {
	const trimmed = name.trim()
	if (!trimmed || GENERIC_SHEET.test(trimmed) || sectionOfText(trimmed)) return null
	return trimmed
}

type SheetContext = {
	file: string
	sheet: string
	columns: Columns
	section: TypeWord | null
	topic: string | null
}

function readQuestionRow(row: SheetRow, ctx: SheetContext): Outcome | null {
	const { columns } = ctx
	const get = (field: Field) => {
		const i = columns.index[field]
		return i === undefined ? '' : row.cells[i] ?? ''
	}
	const label = (field: Field) => columns.label[field] ?? FIELD_NAMES[field]
	const optionsLabel = columns.index.options !== undefined ? label('options') : '选项'
	const where = `${ctx.file} ${ctx.sheet} 第 ${row.number} 行`

	const stemText = get('stem')
	const typeText = get('type')
	const answerText = get('answer')
	let options: string[] = []
	if (columns.optionColumns.some((i) => i !== undefined && row.cells[i])) {
		const last = columns.optionColumns.findLastIndex((i) => i !== undefined && row.cells[i])
		for (let k = 0; k <= last; k++) {
			const i = columns.optionColumns[k]
			const text = i === undefined ? '' : row.cells[i] ?? ''
			options.push(text.slice(markerLength(text, 0, k)).trim())
		}
	} else {
		options = splitOptionCell(get('options'))
	}
	// Rows with nothing of a question (a pre-numbered empty template row, a note in another column) are not questions.
	if (!stemText && !typeText && !answerText && !options.length && !get('explanation')) return null

	const problems: Problem[] = []
	const problem = (message: string) => problems.push({ where, message })

	let word: TypeWord | null = null
	if (typeText) {
		word = typeOfWord(typeText)
		if (!word) problem(`${label('type')}：无法识别的题型“${typeText}”（应为单选题、多选题或判断题）`)
	} else {
		word = ctx.section
	}
	if (word?.kind === 'unsupported') {
		return {
			ok: false,
			unsupported: {
				where,
				message: `题型“${word.label}”不支持，已跳过（只能导入单选题、多选题、判断题）`,
			},
		}
	}
	if (!stemText) problem(`${label('stem')}：缺少题干`)
	let type: QuestionType | null = null
	if (word?.kind === 'type') type = word.type
	else if (word?.kind === 'choice' || (!word && !typeText)) {
		const inferred = typeFromAnswer(answerText)
		if (word?.kind === 'choice') type = inferred === 'multiple' ? 'multiple' : 'single'
		else if (inferred) type = inferred
		else if (!answerText) problem(`${label('answer')}：缺少答案（没有题型列，也无法由答案判断题型）`)
		else problem(`${label('answer')}：答案“${answerText}”无法识别，也无法由此判断题型（应为选项字母，或 对/错、正确/错误、√/×）`)
	}

	let difficulty: Difficulty = IMPORT_DEFAULTS.difficulty
	const difficultyText = get('difficulty')
	if (difficultyText) {
		const found = DIFFICULTY_WORDS[matchKey(difficultyText)]
		if (found) difficulty = found
		else problem(`${label('difficulty')}：无法识别的难度“${difficultyText}”（应为 易/中/难）`)
	}

	let answer: number[] = []
	if (type) {
		let answerRaw = answerText
		let optionsOk = true
		if (type === 'judge') {
			const truths = options.map(judgeWord)
			if (options.length > 0 && (options.length !== 2 || truths.some((t) => t === null))) {
				problem(`${optionsLabel}：判断题只有“正确”“错误”两个选项，不需要填写其他选项`)
				optionsOk = false
			} else if (options.length === 2) {
				// Options written out (A. 错误 B. 正确): a letter answer means that option.
				const letter = /^[AB]$/.exec(matchKey(answerText))?.[0]
				if (letter) answerRaw = truths[OPTION_LETTERS.indexOf(letter)] ? '正确' : '错误'
			}
			options = [...JUDGE_OPTIONS]
		} else if (options.length === 0) {
			problem(`${optionsLabel}：缺少选项`)
			optionsOk = false
		} else if (options.length > MAX_OPTIONS) {
			problem(`${optionsLabel}：最多 ${MAX_OPTIONS} 个选项（A–H），这里有 ${options.length} 个`)
			optionsOk = false
		}
		if (optionsOk) {
			const parsed = parseAnswer(answerRaw, type, options.length)
			if (parsed.ok) answer = parsed.value
			else problem(`${label('answer')}：${parsed.message}`)
		}
	}
	if (problems.length > 0 || !type) return { ok: false, problems }

	const content: QuestionContent = {
		type,
		stem: stripStemNumber(stemText),
		options,
		answer,
		explanation: get('explanation') || IMPORT_DEFAULTS.explanation,
		articles: splitArticles(get('articles')),
		caseSlug: null,
		source: get('source') || ctx.file,
		topic: get('topic') || ctx.topic || IMPORT_DEFAULTS.topic,
		difficulty,
		industries: [],
		jobs: [],
	}
	const shape = checkQuestion(content)
	if (shape.length > 0) {
		const prefixes: Record<string, Field> = {
			题干: 'stem',
			选项: 'options',
			答案: 'answer',
		}
		return {
			ok: false,
			problems: shape.map((message) => ({
				where,
				message: message.replace(/^(题干|选项|答案)：/, (_, name: string) => {
					const field = prefixes[name]!
					return `${field === 'options' ? optionsLabel : label(field)}：`
				}),
			})),
		}
	}
	const key = get('key')
	return { ok: true, item: key ? { where, key, content } : { where, content } }
}

/**
 * Reads every sheet of a question-bank workbook. Each row under a header is a question: valid
 * ones become items, the rest problems or (essay, fill-in …) unsupported, each naming file,
 * sheet and row. A file that is not a readable .xlsx gives one problem.
 */
export async function parseQuestionWorkbook(bytes: Uint8Array, file: string): Promise<ImportResult> {
	const result: ImportResult = {
		read: 0,
		items: [],
		problems: [],
		unsupported: [],
	}
	const opened = await openWorkbook(bytes, file)
	if (!opened.ok) {
		result.problems.push({ where: file, message: opened.message })
		return result
	}
	let withContent = 0
	let withHeader = 0
	const headerless: string[] = []
	for (const worksheet of opened.workbook.worksheets) {
		const rows = sheetRows(worksheet)
		if (rows.length === 0) continue
		withContent++
		const sheet = worksheet.name
		// A sheet named 单选题 (or 判断题 …) holds questions of that type, as if under a section row.
		let section = sectionOfText(sheet)
		let ctx: SheetContext | null = null
		let scanned = 0
		for (const row of rows) {
			const sectionWord = sectionType(row)
			if (sectionWord) {
				section = sectionWord
				if (ctx) ctx.section = section
				continue
			}
			if (!ctx) {
				if (scanned >= HEADER_SEARCH_ROWS) break
				scanned++
				const columns = matchHeader(row)
				if (columns)
					ctx = {
						file,
						sheet,
						columns,
						section,
						topic: columns.index.topic === undefined ? sheetTopic(sheet) : null,
					}
				continue
			}
			// The header repeated further down (pasted-together banks) is not a question.
			if (matchHeader(row)) continue
			const outcome = readQuestionRow(row, ctx)
			if (!outcome) continue
			result.read++
			if (outcome.ok) result.items.push(outcome.item)
			else if ('unsupported' in outcome) result.unsupported.push(outcome.unsupported)
			else result.problems.push(...outcome.problems)
		}
		if (ctx) withHeader++
		else if (!NOTES_SHEET.test(sheet)) headerless.push(sheet)
	}
	const hint = `前 ${HEADER_SEARCH_ROWS} 行中应有“题干”（或“题目”“试题内容”）列和“答案”等列；可下载导入模板对照`
	if (withContent === 0) {
		result.problems.push({ where: file, message: '文件中没有任何内容' })
	} else if (withHeader === 0) {
		result.problems.push({ where: file, message: `未找到表头：${hint}` })
	} else {
		for (const sheet of headerless)
			result.problems.push({
				where: `${file} ${sheet}`,
				message: `未找到表头，此工作表没有读取：${hint}`,
			})
	}
	return result
}

// ---------------------------------------------------------------------------
// Writing

const COLUMN_WIDTHS: Partial<Record<QuestionTemplateColumn, number>> = {
	题号: 12,
	题型: 10,
	题干: 48,
	答案: 8,
	解析: 40,
	难度: 8,
	知识点: 16,
	出处: 24,
	条文: 20,
}

const COLUMN_NOTES: Record<QuestionTemplateColumn, string> = {
	题号: '题目的编号，用于以后更新同一题；可不填',
	题型: '单选题、多选题或判断题',
	题干: '题目内容（必填）',
	选项A: '选项内容，每个选项一列；判断题不填',
	选项B: '选项内容；判断题不填',
	选项C: '单选题至少 2 个选项，多选题至少 3 个',
	选项D: '可不填',
	选项E: '可不填',
	选项F: '可不填',
	选项G: '可不填',
	选项H: '最多 8 个选项（A–H）',
	答案: '单选题填一个字母，如 B；多选题填多个字母，如 ACD；判断题填 正确 或 错误（必填）',
	解析: '答案的解释，可不填',
	难度: '易、中 或 难；不填为“中”',
	知识点: `所属知识点或分类；不填为“${IMPORT_DEFAULTS.topic}”`,
	出处: '题目依据的法规、标准或资料；不填为文件名',
	条文: '考查的法规条文，多条用顿号“、”分隔，如 第二条、第五条',
}

function questionRow(key: string, q: QuestionContent): Record<QuestionTemplateColumn, string> {
	const options = q.type === 'judge' ? [] : q.options
	return {
		题号: key,
		题型: QUESTION_TYPE_LABELS[q.type],
		题干: q.stem,
		选项A: options[0] ?? '',
		选项B: options[1] ?? '',
		选项C: options[2] ?? '',
		选项D: options[3] ?? '',
		选项E: options[4] ?? '',
		选项F: options[5] ?? '',
		选项G: options[6] ?? '',
		选项H: options[7] ?? '',
		答案: formatAnswer(q.answer, q.type) ?? '',
		解析: q.explanation,
		难度: DIFFICULTY_LABELS[q.difficulty],
		知识点: q.topic,
		出处: q.source,
		条文: q.articles.join('、'),
	}
}

/** A sheet name Excel accepts: no \ / ? * [ ] :, at most 31 characters. */
function sheetName(title: string) {
	const name = title
		.replace(/[\\/?*[\]:]/g, ' ')
		.replace(/^'+|'+$/g, '')
		.trim()
		.slice(0, 31)
		.trim()
	return name || '题库'
}

function templateSheet(workbook: ExcelJS.Workbook, name: string) {
	const sheet = workbook.addWorksheet(sheetName(name), {
		views: [{ state: 'frozen', ySplit: 1 }],
	})
	sheet.columns = QUESTION_TEMPLATE_COLUMNS.map((header) => ({
		header,
		key: header,
		width: COLUMN_WIDTHS[header] ?? 16,
		// Text format: what is typed stays as typed (题号 001, 答案 1 …).
		style: {
			numFmt: '@',
			alignment: {
				vertical: 'top',
				wrapText: header === '题干' || header === '解析',
			},
		},
	}))
	const header = sheet.getRow(1)
	header.font = { bold: true }
	header.eachCell((cell) => {
		const column = String(cell.value) as QuestionTemplateColumn
		const required = column === '题干' || column === '答案' || column === '题型'
		cell.fill = {
			type: 'pattern',
			pattern: 'solid',
			fgColor: { argb: required ? 'FFFDE9D9' : 'FFF2F2F2' },
		}
		cell.note = COLUMN_NOTES[column]
	})
	return sheet
}

async function workbookBytes(workbook: ExcelJS.Workbook) {
	return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Questions in our template (one sheet, one question per row); parseQuestionWorkbook reads them back unchanged. */
export async function toQuestionWorkbook(questions: { key: string; content: QuestionContent }[], title: string): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = '安训'
	workbook.title = title
	const sheet = templateSheet(workbook, title)
	for (const { key, content } of questions) sheet.addRow(questionRow(key, content))
	return workbookBytes(workbook)
}

const TEMPLATE_EXAMPLES: { key: string; content: QuestionContent }[] = [
	{
		key: 'AQ-0001',
		content: {
			type: 'single',
			stem: '根据《安全生产法》，生产经营单位的主要负责人对本单位的安全生产工作（　）。',
			options: ['全面负责', '负主要领导责任', '只负监督责任', '不承担责任'],
			answer: [0],
			explanation: '《安全生产法》第五条：生产经营单位的主要负责人是本单位安全生产第一责任人，对本单位的安全生产工作全面负责。',
			articles: ['第五条'],
			caseSlug: null,
			source: '《中华人民共和国安全生产法》',
			topic: '安全生产责任制',
			difficulty: 'easy',
			industries: [],
			jobs: [],
		},
	},
	{
		key: 'AQ-0002',
		content: {
			type: 'judge',
			stem: '从业人员发现直接危及人身安全的紧急情况时，有权停止作业或者在采取可能的应急措施后撤离作业场所。',
			options: [...JUDGE_OPTIONS],
			answer: [0],
			explanation: '《安全生产法》第五十五条规定了从业人员的紧急避险权。',
			articles: ['第五十五条'],
			caseSlug: null,
			source: '《中华人民共和国安全生产法》',
			topic: '从业人员的权利和义务',
			difficulty: 'easy',
			industries: [],
			jobs: [],
		},
	},
]

const TEMPLATE_VALIDATION_ROWS = 5000

/** The empty template for admins: header with notes, two example rows, dropdowns, and a 填写说明 sheet. */
export async function questionTemplate(): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = '安训'
	const sheet = templateSheet(workbook, '题库')
	for (const { key, content } of TEMPLATE_EXAMPLES)
		sheet.addRow(questionRow(key, content)).font = {
			italic: true,
			color: { argb: 'FF808080' },
		}
	const validations = (
		sheet as unknown as {
			dataValidations: {
				add(address: string, v: ExcelJS.DataValidation): void
			}
		}
	).dataValidations
	const last = TEMPLATE_VALIDATION_ROWS + 1
	validations.add(`B2:B${last}`, {
		type: 'list',
		allowBlank: false,
		formulae: [`"${Object.values(QUESTION_TYPE_LABELS).join(',')}"`],
		showErrorMessage: true,
		errorTitle: '题型',
		error: '请从下拉列表中选择题型',
	})
	validations.add(`N2:N${last}`, {
		type: 'list',
		allowBlank: true,
		formulae: [`"${Object.values(DIFFICULTY_LABELS).join(',')}"`],
		showErrorMessage: true,
		errorTitle: '难度',
		error: '请从下拉列表中选择难度',
	})

	const help = workbook.addWorksheet('填写说明')
	help.columns = [{ width: 12 }, { width: 80 }]
	help.addRow(['列名', '填写说明']).font = { bold: true }
	for (const column of QUESTION_TEMPLATE_COLUMNS) help.addRow([column, COLUMN_NOTES[column]])
	help.addRow([])
	help.addRow(['注意', '“题库”表第 2、3 行是示例，导入前请删除；表头请勿修改。每行一道题，只支持单选题、多选题和判断题。'])
	help.addRow(['', '也可以导入其他格式的 Excel 题库：表头含“题干”“答案”等列即可，选项可写在一个单元格里（A.… B.…）。'])
	return workbookBytes(workbook)
}
