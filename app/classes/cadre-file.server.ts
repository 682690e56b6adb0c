// Reading a class roster (.xlsx): the header row (姓名 / 单位 / 职务 / 手机号, with the usual
// variants) within the first rows of the first sheet, then one cadre per row.

import ExcelJS from 'exceljs'
import { type CadreColumn, CADRE_COLUMNS, matchCadreHeader } from './classes.ts'

export const CADRE_FILE_MAX_BYTES = 5 * 1024 * 1024
export const CADRE_FILE_MAX_ROWS = 2000
const HEADER_SEARCH_ROWS = 10

export type CadreFileRows = { ok: true; rows: { rowNumber: number; cells: Record<CadreColumn, string> }[] } | { ok: false; message: string }

function cellText(cell: ExcelJS.Cell) {
	const v = cell.value
	if (v === null || v === undefined) return ''
	if (typeof v === 'number') return String(v)
	return String(cell.text ?? '').trim()
}

export async function readCadreFile(bytes: Uint8Array, filename: string): Promise<CadreFileRows> {
	if (!/\.xlsx$/i.test(filename.trim())) return { ok: false, message: '请上传 .xlsx 格式的学员名单（旧版 .xls 请在 Excel 或 WPS 中另存为 .xlsx）' }
	if (bytes.length === 0) return { ok: false, message: '文件是空的，请检查后重新上传' }
	if (bytes.length > CADRE_FILE_MAX_BYTES) return { ok: false, message: `文件超过 ${CADRE_FILE_MAX_BYTES / 1024 / 1024}MB，请拆分后分别导入` }
	const workbook = new ExcelJS.Workbook()
	try {
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
	} catch {
		return { ok: false, message: '文件不是有效的 .xlsx 文件（可能已损坏或设有密码）：请用 Excel 打开后重新保存再上传' }
	}
	const sheet = workbook.worksheets[0]
	if (!sheet) return { ok: false, message: '文件里没有工作表' }
	let columns: Record<CadreColumn, number> | null = null
	let headerRow = 0
	let missing: CadreColumn[] = [...CADRE_COLUMNS]
	for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, sheet.rowCount); r++) {
		const row = sheet.getRow(r)
		const cells = Array.from({ length: Math.max(row.cellCount, 1) }, (_, i) => cellText(row.getCell(i + 1)))
		const match = matchCadreHeader(cells)
		if ('columns' in match) {
			columns = match.columns
			headerRow = r
			break
		}
		if (match.missing.length < missing.length) missing = match.missing
	}
	if (!columns) return { ok: false, message: `没有找到表头：前 ${HEADER_SEARCH_ROWS} 行中缺少“${missing.join('”“')}”列。表头应为：${CADRE_COLUMNS.join('、')}` }
	const rows: { rowNumber: number; cells: Record<CadreColumn, string> }[] = []
	for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
		const row = sheet.getRow(r)
		const cells = Object.fromEntries(CADRE_COLUMNS.map((c) => [c, cellText(row.getCell(columns[c] + 1))])) as Record<CadreColumn, string>
		if (CADRE_COLUMNS.every((c) => cells[c] === '')) continue
		rows.push({ rowNumber: r, cells })
		if (rows.length > CADRE_FILE_MAX_ROWS) return { ok: false, message: `一期培训班的名单不超过 ${CADRE_FILE_MAX_ROWS} 人，请检查文件` }
	}
	if (rows.length === 0) return { ok: false, message: '表头下面没有学员' }
	return { ok: true, rows }
}

/** The template an organiser fills in. */
export async function buildCadreTemplate() {
	const workbook = new ExcelJS.Workbook()
	const sheet = workbook.addWorksheet('学员名单')
	sheet.addRow([...CADRE_COLUMNS])
	sheet.columns.forEach((c) => (c.width = 20))
	sheet.getRow(1).font = { bold: true }
	// The example lives on its own sheet: a sample row left in the list would become a real cadre.
	const notes = workbook.addWorksheet('填写说明')
	notes.addRow(['在“学员名单”表中每行填写一名学员，表头不要改动。示例：'])
	notes.addRow([...CADRE_COLUMNS])
	notes.addRow(['张三', '某市某局', '副局长', '（本人手机号，11位）'])
	notes.addRow(['手机号用于登录；没有账号的学员导入后自动开通账号，初始密码在导入结果中显示一次。'])
	notes.getColumn(1).width = 20
	return Buffer.from(await workbook.xlsx.writeBuffer())
}
