// Reading a roster file (.xlsx streamed through exceljs, .csv in UTF-8 / GBK / UTF-16) into
// rows keyed by template column, and building the downloadable template.

import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { JOB_CATEGORIES, SPECIAL_WORK_TYPES } from './industries.ts'
import {
	matchRosterHeaders,
	REQUIRED_ROSTER_COLUMNS,
	ROSTER_COLUMN_NOTES,
	ROSTER_COLUMNS,
	ROSTER_MAX_ROWS,
	type RosterCell,
	type RosterColumn,
} from './roster.ts'

/** A problem with the file as a whole; the message is for the user (Chinese). */
export class RosterFileError extends Error {
	constructor(message: string) {
		super(message)
		this.name = 'RosterFileError'
	}
}

export type RosterFileInput = { bytes: Uint8Array; filename: string }
export type RosterFileRow = { rowNumber: number; cells: Partial<Record<RosterColumn, RosterCell>> }
export type RosterFileKind = 'xlsx' | 'csv'

export const ROSTER_MAX_FILE_BYTES = 30 * 1024 * 1024
/** The header must be within the first rows (a title row above it is common). */
const HEADER_SEARCH_ROWS = 10
const CHUNK_BYTES = 64 * 1024

const TEMPLATE_HINT = `请使用导入模板，表头为：${ROSTER_COLUMNS.join('、')}`

function startsWith(bytes: Uint8Array, magic: readonly number[]) {
	return magic.every((b, i) => bytes[i] === b)
}
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const OLD_EXCEL_MESSAGE =
	'这是旧版 Excel（.xls）格式或带密码的文件，无法读取：请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv（不设密码）后再上传'

/** Checks what can be checked without reading the rows; returns how to read the file. */
export function checkRosterFile({ bytes, filename }: RosterFileInput): RosterFileKind {
	const ext = /\.([^./\\]+)$/.exec(filename.trim())?.[1]?.toLowerCase() ?? ''
	if (ext === 'xls' || ext === 'et' || ext === 'ett' || ext === 'xlt') {
		throw new RosterFileError(
			`不支持旧版 Excel（.${ext}）格式，请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再上传`,
		)
	}
	if (ext !== 'xlsx' && ext !== 'csv') {
		throw new RosterFileError(
			`不支持的文件类型${ext ? `“.${ext}”` : ''}，请上传 .xlsx 或 .csv 格式的花名册`,
		)
	}
	if (bytes.length === 0) throw new RosterFileError('文件是空的（0字节），请检查后重新上传')
	if (bytes.length > ROSTER_MAX_FILE_BYTES) {
		throw new RosterFileError(`文件超过${ROSTER_MAX_FILE_BYTES / 1024 / 1024}MB，请拆分成多个文件分别导入`)
	}
	if (startsWith(bytes, OLE_MAGIC)) throw new RosterFileError(OLD_EXCEL_MESSAGE)
	// A workbook saved with a .csv name is still a workbook: read what it is.
	if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx'
	if (ext === 'xlsx') {
		throw new RosterFileError('文件不是有效的 .xlsx 文件（可能已损坏）：请用 Excel 打开后重新保存为 .xlsx 再上传')
	}
	return 'csv'
}

/**
 * The data rows of a roster file, streamed: `cells` keyed by template column, fully empty
 * rows skipped, `rowNumber` as the spreadsheet shows it. Throws RosterFileError for a file
 * that cannot be read as a roster (checked before the first row is yielded where possible).
 */
export async function* readRosterRows(input: RosterFileInput): AsyncGenerator<RosterFileRow> {
	const kind = checkRosterFile(input)
	const source = kind === 'xlsx' ? xlsxRows(input.bytes) : csvRows(input.bytes)
	yield* rosterRows(source, kind)
}

type RawRow = { rowNumber: number; values: RosterCell[] }
type RawSheet = AsyncIterable<RawRow>

function isEmptyCell(v: RosterCell) {
	return v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
}

function columnLetter(index: number) {
	let n = index + 1
	let s = ''
	while (n > 0) {
		const r = (n - 1) % 26
		s = String.fromCharCode(65 + r) + s
		n = Math.floor((n - 1) / 26)
	}
	return s
}

function headerText(v: RosterCell) {
	return v === null || v === undefined ? '' : v instanceof Date ? '' : String(v)
}

/** Finds the header in a sheet's first rows, then maps the data rows. */
async function* rosterRows(sheets: AsyncIterable<RawSheet>, kind: RosterFileKind): AsyncGenerator<RosterFileRow> {
	let firstSheetHeaders: string[] | null = null
	for await (const sheet of sheets) {
		let columns: Array<[number, RosterColumn]> | null = null
		let scanned = 0
		let dataRows = 0
		for await (const { rowNumber, values } of sheet) {
			if (values.every(isEmptyCell)) continue
			if (!columns) {
				if (scanned >= HEADER_SEARCH_ROWS) continue // not a roster sheet: let the reader finish it
				scanned++
				const headers = values.map(headerText)
				firstSheetHeaders ??= headers
				const match = matchRosterHeaders(headers)
				if (match.columns.size === 0) continue
				const duplicate = match.duplicates[0]
				if (duplicate) {
					const named = duplicate.indexes
						.map((i, k) => `第${columnLetter(i)}列“${duplicate.headers[k]}”`)
						.join('和')
					throw new RosterFileError(`表头中有多列都是“${duplicate.column}”（${named}），请只保留一列`)
				}
				if (match.missing.length > 0) {
					throw new RosterFileError(
						`第${rowNumber}行的表头缺少必填列：${match.missing.join('、')}。${TEMPLATE_HINT}`,
					)
				}
				columns = [...match.columns]
				continue
			}
			dataRows++
			if (dataRows > ROSTER_MAX_ROWS) {
				throw new RosterFileError(`数据超过${ROSTER_MAX_ROWS}行，请拆分成多个文件分别导入`)
			}
			const cells: Partial<Record<RosterColumn, RosterCell>> = {}
			for (const [index, column] of columns) cells[column] = values[index] ?? null
			yield { rowNumber, cells }
		}
		if (columns) {
			if (dataRows === 0) throw new RosterFileError('表头下方没有数据行，请填写人员信息后再上传')
			// Read any remaining sheets to the end so the reader cleans up after itself.
			for await (const rest of sheets) for await (const _row of rest) void _row
			return
		}
	}
	if (!firstSheetHeaders) {
		throw new RosterFileError(
			kind === 'xlsx' ? '工作表是空的，没有任何内容。' + TEMPLATE_HINT : '文件中没有任何内容。' + TEMPLATE_HINT,
		)
	}
	throw new RosterFileError(
		`未找到表头：前${HEADER_SEARCH_ROWS}行中没有“${REQUIRED_ROSTER_COLUMNS.join('、')}”等列名。${TEMPLATE_HINT}`,
	)
}

// ---------------------------------------------------------------------------
// .xlsx

function xlsxValue(value: ExcelJS.CellValue): RosterCell {
	if (value === null || value === undefined) return null
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
	if (value instanceof Date) return value
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((part) => part.text).join('')
		if ('result' in value) return xlsxValue((value.result ?? null) as ExcelJS.CellValue)
		if ('formula' in value || 'sharedFormula' in value) return null
		if ('text' in value) return xlsxValue(value.text as ExcelJS.CellValue)
		if ('error' in value) return String(value.error)
	}
	return null
}

function bytesStream(bytes: Uint8Array) {
	return Readable.from(
		(function* () {
			for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
				yield Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(CHUNK_BYTES, bytes.length - i))
			}
		})(),
		{ objectMode: false },
	)
}

const CORRUPT_XLSX = '文件不是有效的 .xlsx 文件（可能已损坏或不完整）：请用 Excel 打开后重新保存为 .xlsx 再上传'

async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<RawSheet> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(bytesStream(bytes), {
		worksheets: 'emit',
		sharedStrings: 'cache',
		styles: 'cache', // needed to tell date cells from numbers
		hyperlinks: 'ignore',
		entries: 'ignore',
	})
	let sheets = 0
	try {
		for await (const worksheet of reader) {
			sheets++
			yield sheetRows(worksheet)
		}
	} catch (error) {
		if (error instanceof RosterFileError) throw error
		throw new RosterFileError(CORRUPT_XLSX)
	}
	if (sheets === 0) throw new RosterFileError(CORRUPT_XLSX)
}

async function* sheetRows(worksheet: ExcelJS.stream.xlsx.WorksheetReader): AsyncGenerator<RawRow> {
	const rows = worksheet[Symbol.asyncIterator]()
	for (;;) {
		let next: IteratorResult<ExcelJS.Row>
		try {
			next = await rows.next()
		} catch {
			throw new RosterFileError(CORRUPT_XLSX)
		}
		if (next.done) return
		const raw = next.value.values
		const values: RosterCell[] = []
		if (Array.isArray(raw)) {
			// exceljs row values are 1-based (index 0 unused).
			for (let i = 1; i < raw.length; i++) values.push(xlsxValue(raw[i] as ExcelJS.CellValue))
		}
		yield { rowNumber: next.value.number, values }
	}
}

// ---------------------------------------------------------------------------
// .csv

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be'

/** Decodes CSV bytes: a BOM decides; else UTF-8 when the bytes are valid UTF-8; else GBK (as GB 18030, its superset). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' }
	if (startsWith(bytes, [0xff, 0xfe])) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' }
	if (startsWith(bytes, [0xfe, 0xff])) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' }
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
	} catch {
		return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' }
	}
}

function detectDelimiter(text: string): ',' | '\t' {
	const end = text.search(/[\r\n]/)
	const firstLine = end < 0 ? text : text.slice(0, end)
	const tabs = firstLine.split('\t').length - 1
	const commas = firstLine.split(',').length - 1
	return tabs > commas ? '\t' : ','
}

/**
 * RFC 4180 records: quoted fields may hold the delimiter, line breaks and doubled quotes;
 * CRLF, LF and CR all end a record. `rowNumber` counts records (what a spreadsheet shows).
 */
export function* parseCsv(text: string, delimiter = detectDelimiter(text)): Generator<{ rowNumber: number; fields: string[] }> {
	let rowNumber = 0
	let fields: string[] = []
	let field = ''
	let quoted = false
	let i = 0
	const n = text.length
	while (i < n) {
		const c = text.charCodeAt(i)
		if (quoted) {
			if (c === 34) {
				if (text.charCodeAt(i + 1) === 34) {
					field += '"'
					i += 2
				} else {
					quoted = false
					i++
				}
			} else {
				const next = text.indexOf('"', i)
				const stop = next < 0 ? n : next
				field += text.slice(i, stop)
				i = stop
			}
			continue
		}
		if (c === 34 && field === '') {
			quoted = true
			i++
		} else if (text[i] === delimiter) {
			fields.push(field)
			field = ''
			i++
		} else if (c === 10 || c === 13) {
			fields.push(field)
			yield { rowNumber: ++rowNumber, fields }
			fields = []
			field = ''
			i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
		} else {
			// Plain run up to the next delimiter, quote or line break.
			let j = i + 1
			while (j < n) {
				const d = text.charCodeAt(j)
				if (d === 10 || d === 13 || d === 34 || text[j] === delimiter) break
				j++
			}
			field += text.slice(i, j)
			i = j
		}
	}
	if (quoted) {
		throw new RosterFileError(`CSV 文件第${rowNumber + 1}行起有一个引号没有闭合，请用 Excel 打开检查后重新保存`)
	}
	if (field !== '' || fields.length > 0) {
		fields.push(field)
		yield { rowNumber: ++rowNumber, fields }
	}
}

async function* csvRows(bytes: Uint8Array): AsyncGenerator<RawSheet> {
	const { text } = decodeCsv(bytes)
	if (text.includes('\u0000')) {
		throw new RosterFileError('文件内容不是文本格式的 CSV，请上传 .xlsx 文件，或在 Excel 中“另存为” CSV 后再上传')
	}
	yield (async function* () {
		for (const { rowNumber, fields } of parseCsv(text)) yield { rowNumber, values: fields }
	})()
}

// ---------------------------------------------------------------------------
// Template

const TEMPLATE_VALIDATION_ROWS = 5000

/** The downloadable .xlsx template: headers, an example row, dropdowns, and a 填写说明 sheet. */
export async function buildRosterTemplate(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	workbook.creator = '安训'
	const sheet = workbook.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] })
	const widths: Record<RosterColumn, number> = {
		姓名: 12,
		手机号: 16,
		身份证号: 22,
		岗位类别: 18,
		工种: 22,
		部门: 16,
		入职日期: 14,
		上岗日期: 14,
	}
	sheet.columns = ROSTER_COLUMNS.map((header) => ({
		header,
		key: header,
		width: widths[header],
		// Text format keeps leading zeros and all 18 digits of an ID number.
		style: header === '手机号' || header === '身份证号' ? { numFmt: '@' } : header === '入职日期' || header === '上岗日期' ? { numFmt: 'yyyy-mm-dd' } : {},
	}))
	const headerRow = sheet.getRow(1)
	headerRow.font = { bold: true }
	headerRow.eachCell((cell) => {
		const required = REQUIRED_ROSTER_COLUMNS.includes(String(cell.value) as RosterColumn)
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: required ? 'FFFDE9D9' : 'FFF2F2F2' } }
		cell.note = ROSTER_COLUMN_NOTES[String(cell.value) as RosterColumn] + (required ? '（必填）' : '（选填）')
	})
	const example = sheet.addRow({
		姓名: '张三',
		手机号: '13800138000',
		// The example number printed in GB 11643-1999 itself.
		身份证号: '11010519491231002X',
		岗位类别: '特种作业人员',
		工种: '电工作业',
		部门: '机修车间',
		入职日期: new Date(Date.UTC(2023, 4, 1)),
		上岗日期: new Date(Date.UTC(2023, 4, 8)),
	})
	example.font = { italic: true, color: { argb: 'FF808080' } }

	const help = workbook.addWorksheet('填写说明')
	help.columns = [{ width: 26 }, { width: 10 }, { width: 80 }]
	help.addRow(['列名', '是否必填', '填写说明']).font = { bold: true }
	for (const column of ROSTER_COLUMNS) {
		help.addRow([column, REQUIRED_ROSTER_COLUMNS.includes(column) ? '必填' : '选填', ROSTER_COLUMN_NOTES[column]])
	}
	help.addRow([])
	help.addRow(['注意', '', `“花名册”表第2行是示例，导入前请删除；表头请勿修改。一个文件最多 ${ROSTER_MAX_ROWS} 行。`])
	help.addRow(['', '', '同一文件重复导入不会产生重复人员；已离职人员请在系统中办理离职，不要从文件中删除后重新导入。'])
	help.addRow([])
	help.addRow(['岗位类别可选值']).font = { bold: true }
	help.addRow([JOB_CATEGORIES.map((c) => c.label).join('、')])
	help.addRow(['工种（特种作业类别）可选值']).font = { bold: true }
	const typeRows = SPECIAL_WORK_TYPES.map((type) => help.addRow([type.label]).number)

	const validations = (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } })
		.dataValidations
	const last = TEMPLATE_VALIDATION_ROWS + 1
	validations.add(`D2:D${last}`, {
		type: 'list',
		allowBlank: false,
		formulae: [`"${JOB_CATEGORIES.map((c) => c.label).join(',')}"`],
		showErrorMessage: true,
		errorTitle: '岗位类别',
		error: '请从下拉列表中选择岗位类别',
	})
	validations.add(`E2:E${last}`, {
		type: 'list',
		allowBlank: true,
		formulae: [`填写说明!$A$${typeRows[0]}:$A$${typeRows.at(-1)}`],
		// Other workers may type their own 工种, so the list only suggests.
		showErrorMessage: false,
		showInputMessage: true,
		promptTitle: '工种',
		prompt: '特种作业人员请从下拉列表选择；其他人员可自行填写',
	})

	return Buffer.from(await workbook.xlsx.writeBuffer())
}
