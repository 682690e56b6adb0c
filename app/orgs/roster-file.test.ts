import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { expect, test } from 'vitest'
import { makeRosterCsv, makeRosterXlsx, rosterRow, rosterRows } from '#tests/fixtures/roster.ts'
import {
	buildRosterTemplate,
	checkRosterFile,
	decodeCsv,
	parseCsv,
	readRosterRows,
	RosterFileError,
	type RosterFileRow,
} from './roster-file.server.ts'
import { ROSTER_COLUMNS, validateRosterRow } from './roster.ts'

async function readAll(bytes: Uint8Array, filename: string) {
	const rows: RosterFileRow[] = []
	for await (const row of readRosterRows({ bytes, filename })) rows.push(row)
	return rows
}

async function readError(bytes: Uint8Array, filename: string) {
	try {
		await readAll(bytes, filename)
	} catch (error) {
		if (error instanceof RosterFileError) return error.message
		throw error
	}
	throw new Error('expected a RosterFileError')
}

function workbookBytes(build: (workbook: ExcelJS.Workbook) => void) {
	const workbook = new ExcelJS.Workbook()
	build(workbook)
	return workbook.xlsx.writeBuffer().then((b) => new Uint8Array(b))
}

test('an xlsx is read row by row, keyed by template column, with Excel date cells as dates', async () => {
	const bytes = await makeRosterXlsx(rosterRows(3))
	const rows = await readAll(bytes, '花名册.xlsx')
	expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4])
	expect(rows[0]!.cells).toEqual({
		姓名: '王伟',
		手机号: '13900000000',
		身份证号: rosterRow(0).身份证号,
		岗位类别: '主要负责人',
		工种: '装配工',
		部门: '一车间',
		入职日期: new Date(Date.UTC(2010, 0, 1)),
		上岗日期: new Date(Date.UTC(2010, 0, 8)),
	})
	for (const row of rows) expect(validateRosterRow(row.cells, row.rowNumber).problems).toEqual([])
})

test('a title row above the header and a notes sheet before the roster are skipped; row numbers stay as shown', async () => {
	const bytes = await makeRosterXlsx(rosterRows(2), {
		title: '某某机械有限公司员工花名册',
		leadingSheet: [['填写前请阅读以下说明'], ['1. 每人一行']],
	})
	const rows = await readAll(bytes, 'roster.xlsx')
	expect(rows.map((r) => [r.rowNumber, r.cells.姓名])).toEqual([
		[3, '王伟'],
		[4, '李伟'],
	])
})

test('header variants are understood and extra columns ignored', async () => {
	const bytes = await workbookBytes((wb) => {
		const sheet = wb.addWorksheet('Sheet1')
		sheet.addRow(['序号', '姓 名', '联系电话', '身份证号码', '人员类别', '入职时间', '备注'])
		sheet.addRow([1, '王五', 13800138000, null, '其他从业人员', '2020/3/9', '无'])
	})
	const [row] = await readAll(bytes, 'x.xlsx')
	expect(row).toEqual({
		rowNumber: 2,
		cells: { 姓名: '王五', 手机号: 13800138000, 身份证号: null, 岗位类别: '其他从业人员', 入职日期: '2020/3/9' },
	})
	expect(validateRosterRow(row!.cells, 2).row?.hiredOn).toBe('2020-03-09')
})

test('fully empty rows are skipped without renumbering the others', async () => {
	const bytes = await workbookBytes((wb) => {
		const sheet = wb.addWorksheet('花名册')
		sheet.addRow([...ROSTER_COLUMNS])
		sheet.addRow(['甲', '13800138000', '', '其他从业人员', '', '', '2020-01-01'])
		sheet.addRow(['', '  ', null])
		sheet.getCell('A6').value = '乙'
	})
	const rows = await readAll(bytes, 'x.xlsx')
	expect(rows.map((r) => [r.rowNumber, r.cells.姓名])).toEqual([
		[2, '甲'],
		[6, '乙'],
	])
})

test('rich text, formulas and hyperlinks are read as their text', async () => {
	const bytes = await workbookBytes((wb) => {
		const sheet = wb.addWorksheet('花名册')
		sheet.addRow(['姓名', '手机号', '岗位类别', '入职日期'])
		sheet.addRow([
			{ richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
			{ formula: '"138"&"00138000"', result: '13800138000' },
			{ text: '其他从业人员', hyperlink: 'https://example.com' },
			'2021-01-01',
		])
	})
	const [row] = await readAll(bytes, 'x.xlsx')
	expect(row!.cells).toMatchObject({ 姓名: '张三', 手机号: '13800138000', 岗位类别: '其他从业人员' })
})

test('CSV in UTF-8, UTF-8 with BOM and GBK reads the same', async () => {
	const rows = [...rosterRows(3)]
	const read = await Promise.all(
		(['utf-8', 'utf-8-bom', 'gbk'] as const).map((encoding) => readAll(makeRosterCsv(rows, encoding), '花名册.csv')),
	)
	expect(read[0]!.map((r) => r.rowNumber)).toEqual([2, 3, 4])
	expect(read[0]![0]!.cells).toEqual({
		姓名: '王伟',
		手机号: '13900000000',
		身份证号: rosterRow(0).身份证号,
		岗位类别: '主要负责人',
		工种: '装配工',
		部门: '一车间',
		入职日期: '2010-01-01',
		上岗日期: '2010-01-08',
	})
	expect(read[1]).toEqual(read[0])
	expect(read[2]).toEqual(read[0])
})

test('the CSV encoding is detected', () => {
	const text = '姓名,手机号\r\n张三,13800138000\r\n'
	expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' })
	expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' })
	expect(decodeCsv(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' })
	expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual({
		text,
		encoding: 'utf-16le',
	})
})

test('Excel “Unicode text” (UTF-16, tab separated) is read too', async () => {
	const text = `${ROSTER_COLUMNS.join('\t')}\r\n张三\t13800138000\t\t其他从业人员\t\t\t2020-01-01\r\n`
	const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])
	const [row] = await readAll(bytes, 'roster.csv')
	expect(row?.cells).toMatchObject({ 姓名: '张三', 手机号: '13800138000', 入职日期: '2020-01-01' })
})

test('CSV quoted fields may hold commas, line breaks and doubled quotes; row numbers count records', () => {
	const text = 'a,b,c\r\n"x, y","line1\nline2","say ""hi"""\r\n1,,3\n\r\nlast,"",end'
	expect([...parseCsv(text)]).toEqual([
		{ rowNumber: 1, fields: ['a', 'b', 'c'] },
		{ rowNumber: 2, fields: ['x, y', 'line1\nline2', 'say "hi"'] },
		{ rowNumber: 3, fields: ['1', '', '3'] },
		{ rowNumber: 4, fields: [''] },
		{ rowNumber: 5, fields: ['last', '', 'end'] },
	])
})

test('a quoted CSV field with a comma reaches the right column', async () => {
	const bytes = makeRosterCsv([rosterRow(0, { 部门: '生产部,一车间', 姓名: '张"三"' })], 'gbk')
	const [row] = await readAll(bytes, 'r.csv')
	expect(row?.cells).toMatchObject({ 姓名: '张"三"', 部门: '生产部,一车间', 岗位类别: '主要负责人' })
})

test('an unclosed quote in a CSV is a file error', async () => {
	const bytes = Buffer.from(`${ROSTER_COLUMNS.join(',')}\n"张三,13800138000\n`)
	expect(await readError(bytes, 'r.csv')).toBe('CSV 文件第2行起有一个引号没有闭合，请用 Excel 打开检查后重新保存')
})

test('an empty file is refused', async () => {
	expect(await readError(new Uint8Array(), 'r.xlsx')).toBe('文件是空的（0字节），请检查后重新上传')
	expect(await readError(new Uint8Array(), 'r.csv')).toBe('文件是空的（0字节），请检查后重新上传')
})

test('a corrupt or truncated xlsx is refused with a clear message', async () => {
	const good = await makeRosterXlsx(rosterRows(500))
	const message = '文件不是有效的 .xlsx 文件（可能已损坏或不完整）：请用 Excel 打开后重新保存为 .xlsx 再上传'
	expect(await readError(good.subarray(0, Math.floor(good.length / 2)), 'r.xlsx')).toBe(message)
	const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256)
	garbage.set([0x50, 0x4b, 0x03, 0x04])
	expect(await readError(garbage, 'r.xlsx')).toBe(message)
	expect(await readError(Buffer.from('姓名,手机号\n'), 'r.xlsx')).toBe(
		'文件不是有效的 .xlsx 文件（可能已损坏）：请用 Excel 打开后重新保存为 .xlsx 再上传',
	)
})

test('old .xls files, by name or by content, and other types are refused', async () => {
	const xls = await readError(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '花名册.xlsx')
	expect(xls).toContain('旧版 Excel（.xls）')
	expect(await readError(Buffer.from('x'), '花名册.xls')).toBe(
		'不支持旧版 Excel（.xls）格式，请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再上传',
	)
	expect(await readError(Buffer.from('x'), '花名册.pdf')).toBe('不支持的文件类型“.pdf”，请上传 .xlsx 或 .csv 格式的花名册')
	expect(() => checkRosterFile({ bytes: Buffer.from('x'), filename: 'noext' })).toThrow(RosterFileError)
})

test('an xlsx saved under a .csv name is read as a workbook', async () => {
	const rows = await readAll(await makeRosterXlsx(rosterRows(2)), 'roster.csv')
	expect(rows).toHaveLength(2)
})

test('missing required columns are named', async () => {
	const bytes = makeRosterCsv([rosterRow(0)], 'utf-8', { headers: ['姓名', '电话', '部门'] })
	expect(await readError(bytes, 'r.csv')).toBe(
		'第1行的表头缺少必填列：岗位类别、入职日期。请使用导入模板，表头为：姓名、手机号、身份证号、岗位类别、工种、部门、入职日期、上岗日期',
	)
})

test('a file without any recognisable header says so', async () => {
	const bytes = Buffer.from('a,b,c\n1,2,3\n')
	expect(await readError(bytes, 'r.csv')).toMatch(/^未找到表头：前10行中没有“姓名、手机号、岗位类别、入职日期”等列名/)
})

test('two columns for the same field are a file error naming both', async () => {
	const bytes = Buffer.from('姓名,手机,岗位类别,联系电话,入职日期\n')
	expect(await readError(bytes, 'r.csv')).toBe('表头中有多列都是“手机号”（第B列“手机”和第D列“联系电话”），请只保留一列')
})

test('a header without data rows, or an empty sheet, is a file error', async () => {
	expect(await readError(makeRosterCsv([]), 'r.csv')).toBe('表头下方没有数据行，请填写人员信息后再上传')
	expect(await readError(await makeRosterXlsx([]), 'r.xlsx')).toBe('表头下方没有数据行，请填写人员信息后再上传')
	const empty = await workbookBytes((wb) => wb.addWorksheet('Sheet1'))
	expect(await readError(empty, 'r.xlsx')).toMatch(/^工作表是空的/)
	expect(await readError(Buffer.from('\r\n\r\n'), 'r.csv')).toMatch(/^文件中没有任何内容/)
})

test('more than 100,000 data rows is a file error', async () => {
	const line = '张三,13800138000,,其他从业人员,,,2020-01-01\n'
	const bytes = Buffer.from(`${ROSTER_COLUMNS.join(',')}\n${line.repeat(100_001)}`)
	expect(await readError(bytes, 'r.csv')).toBe('数据超过100000行，请拆分成多个文件分别导入')
	const ok = Buffer.from(`${ROSTER_COLUMNS.join(',')}\n${line.repeat(100_000)}`)
	expect(await readAll(ok, 'r.csv')).toHaveLength(100_000)
})

test('the template has the headers, a valid example row, dropdowns and a 填写说明 sheet', async () => {
	const bytes = new Uint8Array(await buildRosterTemplate())
	const rows = await readAll(bytes, '花名册模板.xlsx')
	expect(rows).toHaveLength(1)
	const example = validateRosterRow(rows[0]!.cells, rows[0]!.rowNumber)
	expect(example.problems).toEqual([])
	expect(example.row).toMatchObject({ name: '张三', jobCategory: 'special_operator', workType: '电工作业', hiredOn: '2023-05-01' })

	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(bytes.slice().buffer)
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['花名册', '填写说明'])
	const sheet = workbook.getWorksheet('花名册')!
	expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...ROSTER_COLUMNS])
	expect(sheet.getCell('D3').dataValidation).toMatchObject({
		type: 'list',
		formulae: ['"主要负责人,安全生产管理人员,特种作业人员,其他从业人员"'],
	})
	const help = workbook.getWorksheet('填写说明')!
	const text: string[] = []
	help.eachRow((row) => text.push((row.values as unknown[]).filter(Boolean).join(' ')))
	expect(text.join('\n')).toContain('焊接与热切割作业')
	expect(text.join('\n')).toContain('入职日期 必填')
})
