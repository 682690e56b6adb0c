// 花名册 (roster) rules: the template columns, header matching, and the validation of one
// row and of the whole file (duplicates). Pure: no I/O; the file reading lives in
// roster-file.server.ts and the database work in roster.server.ts.

import { addMonths, todayInShanghai } from '#app/utils/time.ts'
import { checkIdNumber } from './id-number.ts'
import { JOB_CATEGORIES, parseJobCategory, SPECIAL_WORK_TYPES, type JobCategory } from './industries.ts'
import { checkPhone } from './phone.ts'

/** The template headers, in template order. */
export const ROSTER_COLUMNS = ['姓名', '手机号', '身份证号', '岗位类别', '工种', '部门', '入职日期', '上岗日期'] as const

export type RosterColumn = (typeof ROSTER_COLUMNS)[number]

export const REQUIRED_ROSTER_COLUMNS: readonly RosterColumn[] = ['姓名', '手机号', '岗位类别', '入职日期']

/** What each column holds, for the template's 填写说明 sheet. */
export const ROSTER_COLUMN_NOTES: Readonly<Record<RosterColumn, string>> = {
	姓名: '1至50个字',
	手机号: '11位手机号码；同一文件中不能重复。系统按手机号（其次按身份证号）识别同一人员',
	身份证号: '18位公民身份号码，系统会核验校验位；可不填。保存时加密，管理人员只能看到部分号码',
	岗位类别: '主要负责人、安全生产管理人员、特种作业人员、其他从业人员，四选一',
	工种: '特种作业人员必填，须为《特种作业目录》中的类别（见下表）；其他人员可填本单位工种名称或不填',
	部门: '所在部门或车间，可不填',
	入职日期: '如 2023-05-01，也可写 2023/5/1、2023.5.1 或 2023年5月1日；不能晚于今天',
	上岗日期:
		'开始在岗位上作业的日期，写法同入职日期；岗前安全培训须在此日前完成。可不填：不填时按入职日期计算期限，已记录的上岗日期不会被空白清除',
}

/** A file may hold at most this many data rows. */
export const ROSTER_MAX_ROWS = 100_000

const NAME_MAX_LENGTH = 50
const WORK_TYPE_MAX_LENGTH = 50
const DEPARTMENT_MAX_LENGTH = 100
const MIN_HIRE_DATE = '1900-01-01'

/** A cell as read from a spreadsheet: text, or a number / date / boolean from an .xlsx cell. */
export type RosterCell = string | number | boolean | Date | null | undefined

export type RosterRow = {
	/** The spreadsheet row number a person sees (the header is row 1 in the template). */
	rowNumber: number
	name: string
	phone: string
	idNumber: string | null
	jobCategory: JobCategory
	/** Free text; for 特种作业人员 the 《特种作业目录》 label, e.g. 电工作业. */
	workType: string | null
	department: string | null
	/** YYYY-MM-DD */
	hiredOn: string
	/** YYYY-MM-DD, 上岗日期 when given (not before the hire, at most a year after it). */
	postedOn: string | null
}

export type RosterProblem = { row: number; column: string; message: string }

export type RosterRowCheck = {
	row?: RosterRow
	problems: RosterProblem[]
	/** The phone and ID number when each is valid on its own, for the file-level duplicate check. */
	keys: { phone: string | null; idNumber: string | null }
}

export type RosterCheckOptions = {
	/** "Today" (YYYY-MM-DD, China) for the not-in-the-future rules; defaults to the current date. */
	today?: string
}

// ---------------------------------------------------------------------------
// Text helpers

function toHalfWidth(s: string): string {
	return s
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\u3000/g, ' ')
}

function pad2(n: number) {
	return String(n).padStart(2, '0')
}

/** The text of a cell: trimmed; whole numbers without exponent; dates as YYYY-MM-DD. */
export function rosterCellText(value: RosterCell): string {
	if (value === null || value === undefined) return ''
	if (typeof value === 'string') return value.trim()
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return ''
		return Number.isInteger(value) ? value.toFixed(0) : String(value)
	}
	if (typeof value === 'boolean') return value ? '是' : '否'
	return Number.isNaN(value.getTime()) ? '' : utcDateString(value)
}

function utcDateString(d: Date) {
	return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

function collapseSpaces(s: string) {
	// Most cells need neither step; testing first is cheaper than replacing.
	const half = /[\uFF01-\uFF5E\u3000]/.test(s) ? toHalfWidth(s) : s
	return /\s/.test(half) ? half.replace(/\s+/g, ' ').trim() : half
}

// ---------------------------------------------------------------------------
// Headers

const HEADER_ALIASES: Readonly<Record<string, RosterColumn>> = {
	姓名: '姓名',
	名字: '姓名',
	员工姓名: '姓名',
	人员姓名: '姓名',
	职工姓名: '姓名',
	手机号: '手机号',
	手机: '手机号',
	手机号码: '手机号',
	移动电话: '手机号',
	联系电话: '手机号',
	联系手机: '手机号',
	联系方式: '手机号',
	电话: '手机号',
	电话号码: '手机号',
	身份证号: '身份证号',
	身份证: '身份证号',
	身份证号码: '身份证号',
	公民身份号码: '身份证号',
	公民身份证号码: '身份证号',
	身份证件号码: '身份证号',
	证件号码: '身份证号',
	岗位类别: '岗位类别',
	人员类别: '岗位类别',
	人员类型: '岗位类别',
	岗位类型: '岗位类别',
	人员岗位类别: '岗位类别',
	工种: '工种',
	工种名称: '工种',
	作业类别: '工种',
	特种作业类别: '工种',
	特种作业工种: '工种',
	部门: '部门',
	所在部门: '部门',
	部门名称: '部门',
	车间: '部门',
	部门车间: '部门',
	'部门/车间': '部门',
	入职日期: '入职日期',
	入职时间: '入职日期',
	入厂日期: '入职日期',
	入厂时间: '入职日期',
	入职年月日: '入职日期',
	上岗日期: '上岗日期',
	上岗时间: '上岗日期',
	到岗日期: '上岗日期',
	到岗时间: '上岗日期',
}

/** The template column a header cell names, tolerant of spaces, full-width text, `*` marks and notes in brackets. */
export function matchRosterHeader(header: string): RosterColumn | null {
	const key = toHalfWidth(header)
		.replace(/[(\[【（][^)\]】）]*[)\]】）]/g, '')
		.replace(/[\s*:：]/g, '')
	return HEADER_ALIASES[key] ?? null
}

export type RosterHeaderMatch = {
	/** Column index (as given) → template column. */
	columns: Map<number, RosterColumn>
	missing: RosterColumn[]
	/** Template columns named by more than one header cell. */
	duplicates: Array<{ column: RosterColumn; indexes: number[]; headers: string[] }>
}

/** Matches a header row; unknown headers (序号, 备注 …) are ignored. */
export function matchRosterHeaders(headers: readonly string[]): RosterHeaderMatch {
	const seen = new Map<RosterColumn, number[]>()
	headers.forEach((header, index) => {
		const column = matchRosterHeader(header)
		if (column) seen.set(column, [...(seen.get(column) ?? []), index])
	})
	const columns = new Map<number, RosterColumn>()
	const duplicates: RosterHeaderMatch['duplicates'] = []
	for (const [column, indexes] of seen) {
		if (indexes.length > 1) {
			duplicates.push({ column, indexes, headers: indexes.map((i) => headers[i] ?? '') })
		}
		columns.set(indexes[0]!, column)
	}
	const missing = REQUIRED_ROSTER_COLUMNS.filter((c) => !seen.has(c))
	return { columns, missing, duplicates }
}

// ---------------------------------------------------------------------------
// Dates

export type RosterDateParse = { ok: true; date: string } | { ok: false; message: string }

function isRealDate(y: number, m: number, d: number) {
	const date = new Date(Date.UTC(y, m - 1, d))
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** Excel's 1900 date system, including its phantom 1900-02-29 (serial 60). */
function excelSerialDate(serial: number): string | null {
	const day = Math.floor(serial)
	if (day < 1 || day > 2_958_465 || day === 60) return null
	const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)
	return utcDateString(new Date(epoch + day * 86_400_000))
}

function fromParts(y: string, m: string, d: string, original: string, label: string): RosterDateParse {
	const [yy, mm, dd] = [Number(y), Number(m), Number(d)]
	if (!isRealDate(yy, mm, dd)) return { ok: false, message: `${label}“${original}”不存在` }
	return { ok: true, date: `${y}-${pad2(mm)}-${pad2(dd)}` }
}

/** 2023-05-01, 2023/5/1, 2023.5.1, optionally followed by a time. */
const DASHED_DATE = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/

/**
 * A calendar date from a cell: 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日, 20230501,
 * an Excel date cell (exceljs gives the date as written, at UTC midnight) or an Excel
 * serial number. A time after the date is ignored.
 */
export function parseRosterDate(value: RosterCell, label = '日期'): RosterDateParse {
	const unreadable = (shown: string): RosterDateParse => ({
		ok: false,
		message: `${label}“${shown}”无法识别，请写成 2023-05-01 这样的格式`,
	})
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return unreadable('')
		return { ok: true, date: utcDateString(value) }
	}
	if (typeof value === 'number') {
		if (Number.isInteger(value) && value >= 19000101 && value <= 99991231) {
			return parseRosterDate(String(value), label)
		}
		const date = Number.isFinite(value) ? excelSerialDate(value) : null
		return date ? { ok: true, date } : unreadable(String(value))
	}
	const text = collapseSpaces(rosterCellText(value))
	if (text === '') return { ok: false, message: `请填写${label}` }
	let m = DASHED_DATE.exec(text)
	if (m) return fromParts(m[1]!, m[2]!, m[3]!, text, label)
	m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/.exec(text)
	if (m) return fromParts(m[1]!, m[2]!, m[3]!, text, label)
	m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
	if (m) return fromParts(m[1]!, m[2]!, m[3]!, text, label)
	if (/^\d{5}(\.\d+)?$/.test(text)) {
		const date = excelSerialDate(Number(text))
		if (date) return { ok: true, date }
	}
	if (/^\d{4}\s*([-/.年]\s*\d{1,2}\s*月?)?$/.test(text)) {
		return { ok: false, message: `${label}“${text}”应写到具体哪一天，如 2023-05-01` }
	}
	return unreadable(text)
}

// ---------------------------------------------------------------------------
// Values

/** The 《特种作业目录》 label for a label, a code, or a label without the trailing 作业 (电工 → 电工作业). */
export function parseSpecialWorkType(text: string): string | null {
	const key = toHalfWidth(text).replace(/\s+/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）'))
	if (key === '') return null
	const lower = key.toLowerCase()
	for (const type of SPECIAL_WORK_TYPES) {
		if (type.label === key || type.code === lower) return type.label
	}
	for (const type of SPECIAL_WORK_TYPES) {
		if (type.label.endsWith('作业') && type.label.slice(0, -2) === key) return type.label
	}
	return null
}

const JOB_CATEGORY_LIST = JOB_CATEGORIES.map((c) => c.label).join('、')
const SPECIAL_WORK_TYPE_LIST = SPECIAL_WORK_TYPES.map((t) => t.label).join('、')

/** Validates one data row. `cells` is keyed by template column (姓名, 手机号 …). */
export function validateRosterRow(
	cells: Readonly<Record<string, RosterCell>>,
	rowNumber: number,
	options: RosterCheckOptions = {},
): RosterRowCheck {
	const today = options.today ?? todayInShanghai()
	const problems: RosterProblem[] = []
	const problem = (column: RosterColumn, message: string) => problems.push({ row: rowNumber, column, message })
	const keys: RosterRowCheck['keys'] = { phone: null, idNumber: null }

	const name = collapseSpaces(rosterCellText(cells['姓名']))
	if (name === '') problem('姓名', '请填写姓名')
	else if ([...name].length > NAME_MAX_LENGTH) problem('姓名', `姓名不能超过${NAME_MAX_LENGTH}个字`)
	else if (/[\u0000-\u001f]/.test(name)) problem('姓名', '姓名中有不可见的控制字符，请重新输入')

	const phoneCheck = checkPhone(rosterCellText(cells['手机号']))
	if (phoneCheck.ok) keys.phone = phoneCheck.phone
	else problem('手机号', phoneCheck.message)

	let idNumber: string | null = null
	let birthDate: string | null = null
	const idCell = cells['身份证号']
	const idText = rosterCellText(idCell)
	if ((typeof idCell === 'number' && idText.length > 15) || /^\d+(\.\d+)?e\+?\d+$/i.test(idText)) {
		problem('身份证号', '身份证号被Excel存成了数字，末几位已丢失：请把该列设为“文本”格式后重新填写')
	} else if (idText !== '') {
		const idCheck = checkIdNumber(idText, { today })
		if (idCheck.ok) {
			idNumber = idCheck.idNumber
			birthDate = idCheck.birthDate
			keys.idNumber = idNumber
		} else {
			problem('身份证号', idCheck.message)
		}
	}

	const categoryText = collapseSpaces(rosterCellText(cells['岗位类别']))
	const jobCategory = categoryText === '' ? null : parseJobCategory(categoryText)
	if (categoryText === '') problem('岗位类别', '请填写岗位类别')
	else if (!jobCategory) problem('岗位类别', `岗位类别“${categoryText}”无法识别，应为${JOB_CATEGORY_LIST}之一`)

	const workTypeText = collapseSpaces(rosterCellText(cells['工种']))
	let workType: string | null = workTypeText === '' ? null : workTypeText
	if (jobCategory === 'special_operator') {
		if (workTypeText === '') {
			problem('工种', `特种作业人员须填写工种（特种作业类别），应为${SPECIAL_WORK_TYPE_LIST}之一`)
		} else {
			workType = parseSpecialWorkType(workTypeText)
			if (!workType) {
				problem('工种', `工种“${workTypeText}”不是《特种作业目录》中的类别，应为${SPECIAL_WORK_TYPE_LIST}之一`)
			}
		}
	} else if (workTypeText.length > WORK_TYPE_MAX_LENGTH) {
		problem('工种', `工种不能超过${WORK_TYPE_MAX_LENGTH}个字`)
	}

	const departmentText = collapseSpaces(rosterCellText(cells['部门']))
	if ([...departmentText].length > DEPARTMENT_MAX_LENGTH) problem('部门', `部门不能超过${DEPARTMENT_MAX_LENGTH}个字`)

	const hired = parseRosterDate(cells['入职日期'], '入职日期')
	let hiredOn: string | null = null
	if (!hired.ok) problem('入职日期', hired.message)
	else if (hired.date > today) problem('入职日期', `入职日期${hired.date}晚于今天，请核对`)
	else if (hired.date < MIN_HIRE_DATE) problem('入职日期', `入职日期${hired.date}早于1900年，请核对`)
	else if (birthDate && hired.date < birthDate) problem('入职日期', `入职日期${hired.date}早于身份证号中的出生日期`)
	else hiredOn = hired.date

	let postedOn: string | null = null
	if (rosterCellText(cells['上岗日期']) !== '') {
		const posted = parseRosterDate(cells['上岗日期'], '上岗日期')
		if (!posted.ok) problem('上岗日期', posted.message)
		else if (hiredOn && posted.date < hiredOn) problem('上岗日期', `上岗日期${posted.date}早于入职日期${hiredOn}，请核对`)
		else if (hiredOn && posted.date > addMonths(hiredOn, 12)) problem('上岗日期', `上岗日期${posted.date}比入职日期${hiredOn}晚一年以上，请核对`)
		else postedOn = posted.date
	}

	if (problems.length > 0 || !phoneCheck.ok || !jobCategory || !hiredOn) return { problems, keys }
	return {
		problems,
		keys,
		row: {
			rowNumber,
			name,
			phone: phoneCheck.phone,
			idNumber,
			jobCategory,
			workType,
			department: departmentText === '' ? null : departmentText,
			hiredOn,
			postedOn,
		},
	}
}

// ---------------------------------------------------------------------------
// File-level checks

export type RosterDuplicateCheck = {
	/** Records one row's keys; returns the duplicate problems this row reveals (for it and, once, for the earlier row). */
	check(rowNumber: number, keys: RosterRowCheck['keys']): RosterProblem[]
}

/** Duplicate phones and ID numbers within one file, fed row by row (memory: one entry per row). */
export function createRosterDuplicateCheck(): RosterDuplicateCheck {
	const seen = {
		手机号: new Map<string, { row: number; reported: boolean }>(),
		身份证号: new Map<string, { row: number; reported: boolean }>(),
	}
	function one(column: '手机号' | '身份证号', value: string | null, rowNumber: number): RosterProblem[] {
		if (value === null) return []
		const first = seen[column].get(value)
		if (!first) {
			seen[column].set(value, { row: rowNumber, reported: false })
			return []
		}
		const found: RosterProblem[] = [{ row: rowNumber, column, message: `${column}与第${first.row}行重复` }]
		if (!first.reported) {
			first.reported = true
			found.push({ row: first.row, column, message: `${column}与第${rowNumber}行重复` })
		}
		return found
	}
	return {
		check: (rowNumber, keys) => [...one('手机号', keys.phone, rowNumber), ...one('身份证号', keys.idNumber, rowNumber)],
	}
}

/** Problems in spreadsheet order: by row, then by template column. */
export function compareRosterProblems(a: RosterProblem, b: RosterProblem): number {
	if (a.row !== b.row) return a.row - b.row
	const ia = ROSTER_COLUMNS.indexOf(a.column as RosterColumn)
	const ib = ROSTER_COLUMNS.indexOf(b.column as RosterColumn)
	return (ia < 0 ? ROSTER_COLUMNS.length : ia) - (ib < 0 ? ROSTER_COLUMNS.length : ib)
}

export type RosterProblemList = {
	add(problems: readonly RosterProblem[]): void
	/** Every problem added. */
	readonly count: number
	/** The first `limit` problems in spreadsheet order. */
	list(): RosterProblem[]
}

/** Counts every problem but keeps only the first `limit` in spreadsheet order (bounded memory). */
export function createRosterProblemList(limit = 500): RosterProblemList {
	let kept: RosterProblem[] = []
	let count = 0
	const trim = () => {
		kept.sort(compareRosterProblems)
		if (kept.length > limit) kept = kept.slice(0, limit)
	}
	return {
		add(problems) {
			count += problems.length
			kept.push(...problems)
			if (kept.length > limit * 4) trim()
		},
		get count() {
			return count
		},
		list() {
			trim()
			return [...kept]
		},
	}
}
