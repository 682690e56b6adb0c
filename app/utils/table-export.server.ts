import ExcelJS from 'exceljs'

export type Table = { title: string; headers: string[]; rows: (string | number | null)[][] }

/** CSV with a UTF-8 byte-order mark, so Excel in China opens it without garbling. */
export function toCsv(table: Table) {
	const cell = (v: string | number | null) => {
		const s = v === null ? '' : String(v)
		return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
	}
	return `\uFEFF${[table.headers, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

export async function toXlsx(table: Table) {
	const workbook = new ExcelJS.Workbook()
	const sheet = workbook.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1')
	sheet.addRow(table.headers).font = { bold: true }
	for (const row of table.rows) sheet.addRow(row)
	sheet.columns.forEach((col) => (col.width = 16))
	return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A download response in the asked format, named in Chinese for the user's disk. */
export async function tableResponse(table: Table, format: 'csv' | 'xlsx', filename: string) {
	const body = format === 'csv' ? toCsv(table) : await toXlsx(table)
	return new Response(body, {
		headers: {
			'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="coverage.${format}"; filename*=UTF-8''${encodeURIComponent(`${filename}.${format}`)}`,
			'Cache-Control': 'no-store',
		},
	})
}

/** Several tables as the sheets of one workbook (an archive: studies, exams, certificates …). */
export async function workbookResponse(tables: Table[], filename: string) {
	const workbook = new ExcelJS.Workbook()
	for (const table of tables) {
		const sheet = workbook.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31))
		sheet.addRow(table.headers).font = { bold: true }
		for (const row of table.rows) sheet.addRow(row)
		sheet.columns.forEach((col) => (col.width = 18))
	}
	return new Response(Buffer.from(await workbook.xlsx.writeBuffer()), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'Content-Disposition': `attachment; filename="archive.xlsx"; filename*=UTF-8''${encodeURIComponent(`${filename}.xlsx`)}`,
			'Cache-Control': 'no-store',
		},
	})
}
