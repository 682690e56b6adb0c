import { expect, test } from 'vitest'
import { makeIdNumber } from './id-number.ts'
import {
	createRosterDuplicateCheck,
	createRosterProblemList,
	matchRosterHeader,
	matchRosterHeaders,
	parseRosterDate,
	parseSpecialWorkType,
	REQUIRED_ROSTER_COLUMNS,
	ROSTER_COLUMNS,
	rosterCellText,
	validateRosterRow,
	type RosterCell,
} from './roster.ts'

const TODAY = '2024-06-30'
const ID = makeIdNumber('11010519900307451') // born 1990-03-07

function cells(overrides: Record<string, RosterCell> = {}): Record<string, RosterCell> {
	return {
		姓名: '张三',
		手机号: '13800138000',
		身份证号: ID,
		岗位类别: '其他从业人员',
		工种: '装配工',
		部门: '一车间',
		入职日期: '2023-05-01',
		...overrides,
	}
}

function check(overrides: Record<string, RosterCell> = {}, rowNumber = 2) {
	return validateRosterRow(cells(overrides), rowNumber, { today: TODAY })
}

test('the template has eight columns in order, four of them required', () => {
	expect(ROSTER_COLUMNS).toEqual(['姓名', '手机号', '身份证号', '岗位类别', '工种', '部门', '入职日期', '上岗日期'])
	expect(REQUIRED_ROSTER_COLUMNS).toEqual(['姓名', '手机号', '岗位类别', '入职日期'])
})

test('headers match despite spaces, full-width characters, required marks, notes and common variants', () => {
	const cases: Array<[string, string | null]> = [
		['姓名', '姓名'],
		[' 姓 名 ', '姓名'],
		['*姓名', '姓名'],
		['姓名＊', '姓名'],
		['手机', '手机号'],
		['联系电话', '手机号'],
		['手机号码（必填）', '手机号'],
		['身份证', '身份证号'],
		['身份证号码', '身份证号'],
		['公民身份号码', '身份证号'],
		['人员类别', '岗位类别'],
		['岗位类别(四选一)', '岗位类别'],
		['工种', '工种'],
		['所在部门', '部门'],
		['入职时间', '入职日期'],
		['入职日期（YYYY-MM-DD）', '入职日期'],
		['\u3000入职日期\u3000', '入职日期'],
		['上岗日期', '上岗日期'],
		['到岗时间', '上岗日期'],
		['序号', null],
		['备注', null],
		['', null],
	]
	for (const [header, expected] of cases) expect(matchRosterHeader(header), header).toBe(expected)
})

test('a header row reports the missing required columns and ignores unknown ones', () => {
	const match = matchRosterHeaders(['序号', '姓名', '联系电话', '部门'])
	expect([...match.columns]).toEqual([
		[1, '姓名'],
		[2, '手机号'],
		[3, '部门'],
	])
	expect(match.missing).toEqual(['岗位类别', '入职日期'])
	expect(match.duplicates).toEqual([])
})

test('two header cells naming the same column are reported', () => {
	const match = matchRosterHeaders(['姓名', '手机', '岗位类别', '联系电话', '入职日期'])
	expect(match.duplicates).toEqual([{ column: '手机号', indexes: [1, 3], headers: ['手机', '联系电话'] }])
})

test('上岗日期 is optional; when given it is read like the hire date and lies between the hire and a year after it', () => {
	expect(check({ 上岗日期: '2023/5/8' }).row?.postedOn).toBe('2023-05-08')
	expect(check({ 上岗日期: '2023-05-01' }).row?.postedOn).toBe('2023-05-01')
	expect(check({ 上岗日期: '' }).row?.postedOn).toBeNull()
	expect(check({ 上岗日期: '2023-04-30' }).problems).toEqual([{ row: 2, column: '上岗日期', message: '上岗日期2023-04-30早于入职日期2023-05-01，请核对' }])
	expect(check({ 上岗日期: '2024-05-02' }).problems).toEqual([{ row: 2, column: '上岗日期', message: '上岗日期2024-05-02比入职日期2023-05-01晚一年以上，请核对' }])
	expect(check({ 上岗日期: '2023-13-01' }).problems.map((p) => p.column)).toEqual(['上岗日期'])
	// A bad hire date is reported once, not again through the posting date.
	expect(check({ 入职日期: '', 上岗日期: '2023-05-08' }).problems.map((p) => p.column)).toEqual(['入职日期'])
})

test('a valid row is normalised', () => {
	const result = check(
		{
			姓名: '  欧阳　娜娜 ',
			手机号: '+86 138-0013-8000',
			身份证号: ID.slice(0, 17) + ID.slice(17).toLowerCase(),
			岗位类别: ' 安全员 ',
			工种: '',
			部门: '',
		},
		7,
	)
	expect(result.problems).toEqual([])
	expect(result.row).toEqual({
		rowNumber: 7,
		name: '欧阳 娜娜',
		phone: '13800138000',
		idNumber: ID,
		jobCategory: 'safety_manager',
		workType: null,
		department: null,
		hiredOn: '2023-05-01',
		postedOn: null,
	})
	expect(result.keys).toEqual({ phone: '13800138000', idNumber: ID })
})

test('the ID number is optional', () => {
	const result = check({ 身份证号: '' })
	expect(result.problems).toEqual([])
	expect(result.row?.idNumber).toBeNull()
	expect(result.keys.idNumber).toBeNull()
})

test('dates are accepted in the ways people type them and as Excel cells', () => {
	const inputs: RosterCell[] = [
		'2023-05-01',
		'2023/5/1',
		'2023.5.1',
		'2023年5月1日',
		'2023 年 5 月 1 日',
		'2023-05-01 00:00:00',
		'2023/5/1 8:30',
		'20230501',
		'２０２３－０５－０１',
		'45047',
		45047,
		45047.5,
		20230501,
		new Date(Date.UTC(2023, 4, 1)),
		// exceljs gives the date as written, at UTC midnight, whatever the server's zone; a time is dropped.
		new Date(Date.UTC(2023, 4, 1, 23, 59)),
	]
	for (const input of inputs) expect(parseRosterDate(input), String(input)).toEqual({ ok: true, date: '2023-05-01' })
})

test('Excel serial numbers follow the 1900 date system', () => {
	expect(parseRosterDate(1)).toEqual({ ok: true, date: '1900-01-01' })
	expect(parseRosterDate(59)).toEqual({ ok: true, date: '1900-02-28' })
	expect(parseRosterDate(61)).toEqual({ ok: true, date: '1900-03-01' })
	expect(parseRosterDate(60).ok).toBe(false)
})

test('unreadable, partial and impossible dates are explained', () => {
	expect(parseRosterDate('2023-02-30', '入职日期')).toEqual({ ok: false, message: '入职日期“2023-02-30”不存在' })
	expect(parseRosterDate('2023-05', '入职日期')).toEqual({
		ok: false,
		message: '入职日期“2023-05”应写到具体哪一天，如 2023-05-01',
	})
	expect(parseRosterDate('2023', '入职日期').ok).toBe(false)
	expect(parseRosterDate('去年五月', '入职日期')).toEqual({
		ok: false,
		message: '入职日期“去年五月”无法识别，请写成 2023-05-01 这样的格式',
	})
	expect(parseRosterDate('', '入职日期')).toEqual({ ok: false, message: '请填写入职日期' })
	expect(parseRosterDate(new Date(Number.NaN)).ok).toBe(false)
})

test('a hire date in the future, before 1900 or before the birth date is a problem', () => {
	expect(check({ 入职日期: '2024-07-01' }).problems).toEqual([
		{ row: 2, column: '入职日期', message: '入职日期2024-07-01晚于今天，请核对' },
	])
	expect(check({ 入职日期: TODAY }).problems).toEqual([])
	expect(check({ 入职日期: '1899-12-31', 身份证号: '' }).problems[0]?.message).toBe('入职日期1899-12-31早于1900年，请核对')
	expect(check({ 入职日期: '1989-01-01' }).problems).toEqual([
		{ row: 2, column: '入职日期', message: '入职日期1989-01-01早于身份证号中的出生日期' },
	])
})

test('a special operator needs a 工种 from the 特种作业目录, given by label, short label or code', () => {
	expect(check({ 岗位类别: '特种作业人员', 工种: '' }).problems).toEqual([
		{ row: 2, column: '工种', message: expect.stringContaining('特种作业人员须填写工种') },
	])
	expect(check({ 岗位类别: '特种作业人员', 工种: '焊接与热切割作业' }).row?.workType).toBe('焊接与热切割作业')
	expect(check({ 岗位类别: '特种作业人员', 工种: '电工' }).row?.workType).toBe('电工作业')
	expect(check({ 岗位类别: '特种作业人员', 工种: 'work_at_height' }).row?.workType).toBe('高处作业')
	expect(check({ 岗位类别: '特种作业', 工种: '冶金(有色)生产安全作业' }).row?.workType).toBe('冶金（有色）生产安全作业')
	const bad = check({ 岗位类别: '特种作业人员', 工种: '叉车司机' })
	expect(bad.row).toBeUndefined()
	expect(bad.problems).toEqual([
		{ row: 2, column: '工种', message: expect.stringMatching(/^工种“叉车司机”不是《特种作业目录》中的类别，应为电工作业、/) },
	])
})

test('other workers keep their own 工种 as written', () => {
	expect(check({ 工种: ' 叉车 司机 ' }).row?.workType).toBe('叉车 司机')
	expect(check({ 工种: '工'.repeat(51) }).problems[0]).toEqual({ row: 2, column: '工种', message: '工种不能超过50个字' })
})

test('parseSpecialWorkType accepts labels, short labels and codes only', () => {
	expect(parseSpecialWorkType('电工作业')).toBe('电工作业')
	expect(parseSpecialWorkType(' 高处 ')).toBe('高处作业')
	expect(parseSpecialWorkType('ELECTRICAL')).toBe('电工作业')
	expect(parseSpecialWorkType('其他')).toBe('其他')
	expect(parseSpecialWorkType('')).toBeNull()
	expect(parseSpecialWorkType('电焊')).toBeNull()
})

test('names must be 1 to 50 characters', () => {
	expect(check({ 姓名: ' ' }).problems).toEqual([{ row: 2, column: '姓名', message: '请填写姓名' }])
	expect(check({ 姓名: '名'.repeat(50) }).problems).toEqual([])
	expect(check({ 姓名: '名'.repeat(51) }).problems).toEqual([{ row: 2, column: '姓名', message: '姓名不能超过50个字' }])
	expect(check({ 姓名: '阿卜杜·热合曼' }).row?.name).toBe('阿卜杜·热合曼')
})

test('a bad phone number is reported with the phone checker’s reason', () => {
	expect(check({ 手机号: '' }).problems).toEqual([{ row: 2, column: '手机号', message: '请填写手机号' }])
	expect(check({ 手机号: '1380013800' }).problems).toEqual([
		{ row: 2, column: '手机号', message: '手机号应为11位数字，以1开头' },
	])
	expect(check({ 手机号: 13800138000 }).row?.phone).toBe('13800138000')
})

test('a bad ID number is reported with the GB 11643 reason, never echoing the number', () => {
	const wrongCheckDigit = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0')
	const result = check({ 身份证号: wrongCheckDigit }, 5)
	expect(result.row).toBeUndefined()
	expect(result.problems).toEqual([{ row: 5, column: '身份证号', message: '身份证号校验位不正确，请逐位核对号码' }])
	expect(result.keys.idNumber).toBeNull()
	expect(check({ 身份证号: '11010519900307' }).problems[0]?.message).toBe('身份证号应为18位，实际为14位')
})

test('an ID number that Excel turned into a number is explained', () => {
	const expected = [{ row: 2, column: '身份证号', message: '身份证号被Excel存成了数字，末几位已丢失：请把该列设为“文本”格式后重新填写' }]
	expect(check({ 身份证号: 110105199003074500 }).problems).toEqual(expected)
	// The same number in a CSV that Excel saved: scientific notation.
	expect(check({ 身份证号: '1.10105E+17' }).problems).toEqual(expected)
})

test('an unknown job category lists the allowed ones; aliases are accepted', () => {
	expect(check({ 岗位类别: '' }).problems).toEqual([{ row: 2, column: '岗位类别', message: '请填写岗位类别' }])
	expect(check({ 岗位类别: '老板' }).problems).toEqual([
		{
			row: 2,
			column: '岗位类别',
			message: '岗位类别“老板”无法识别，应为主要负责人、安全生产管理人员、特种作业人员、其他从业人员之一',
		},
	])
	expect(check({ 岗位类别: '主要负责人' }).row?.jobCategory).toBe('principal')
	expect(check({ 岗位类别: '普通员工' }).row?.jobCategory).toBe('other')
})

test('every problem of a row is reported, in column order, and the row is withheld', () => {
	const result = check({ 姓名: '', 手机号: 'abc', 岗位类别: '?', 入职日期: 'x' }, 9)
	expect(result.row).toBeUndefined()
	expect(result.problems.map((p) => [p.row, p.column])).toEqual([
		[9, '姓名'],
		[9, '手机号'],
		[9, '岗位类别'],
		[9, '入职日期'],
	])
	// The valid ID number still takes part in the duplicate check.
	expect(result.keys).toEqual({ phone: null, idNumber: ID })
})

test('a long department is a problem', () => {
	expect(check({ 部门: '部'.repeat(101) }).problems).toEqual([{ row: 2, column: '部门', message: '部门不能超过100个字' }])
})

test('cell text: whole numbers without exponent, dates as calendar dates', () => {
	expect(rosterCellText(13800138000)).toBe('13800138000')
	expect(rosterCellText(' a ')).toBe('a')
	expect(rosterCellText(null)).toBe('')
	expect(rosterCellText(new Date(Date.UTC(2023, 4, 1)))).toBe('2023-05-01')
})

test('a phone used twice in a file is reported on both rows, a third use against the first', () => {
	const dup = createRosterDuplicateCheck()
	expect(dup.check(2, { phone: '13800138000', idNumber: null })).toEqual([])
	expect(dup.check(3, { phone: '13900139000', idNumber: null })).toEqual([])
	expect(dup.check(5, { phone: '13800138000', idNumber: null })).toEqual([
		{ row: 5, column: '手机号', message: '手机号与第2行重复' },
		{ row: 2, column: '手机号', message: '手机号与第5行重复' },
	])
	expect(dup.check(8, { phone: '13800138000', idNumber: null })).toEqual([
		{ row: 8, column: '手机号', message: '手机号与第2行重复' },
	])
})

test('an ID number used twice in a file is reported on both rows', () => {
	const dup = createRosterDuplicateCheck()
	expect(dup.check(2, { phone: '13800138000', idNumber: ID })).toEqual([])
	expect(dup.check(4, { phone: '13800138001', idNumber: ID })).toEqual([
		{ row: 4, column: '身份证号', message: '身份证号与第2行重复' },
		{ row: 2, column: '身份证号', message: '身份证号与第4行重复' },
	])
	expect(dup.check(6, { phone: null, idNumber: null })).toEqual([])
})

test('the problem list counts everything but keeps the first ones in spreadsheet order', () => {
	const list = createRosterProblemList(3)
	list.add([{ row: 9, column: '姓名', message: 'a' }])
	list.add([
		{ row: 4, column: '入职日期', message: 'b' },
		{ row: 4, column: '手机号', message: 'c' },
	])
	for (let row = 10; row < 40; row++) list.add([{ row, column: '手机号', message: 'd' }])
	list.add([{ row: 2, column: '手机号', message: 'e' }])
	expect(list.count).toBe(34)
	expect(list.list()).toEqual([
		{ row: 2, column: '手机号', message: 'e' },
		{ row: 4, column: '手机号', message: 'c' },
		{ row: 4, column: '入职日期', message: 'b' },
	])
})
