import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { type QuestionContent } from '../question.ts'
import { IMPORT_DEFAULTS } from './types.ts'
import { parseQuestionWorkbook, QUESTION_TEMPLATE_COLUMNS, questionTemplate, splitOptionCell, stripStemNumber, toQuestionWorkbook } from './workbook.ts'

type Cell = string | number | boolean | null
type SheetSpec = {
	name: string
	rows: Cell[][]
	build?: (sheet: ExcelJS.Worksheet) => void
}

async function xlsx(...sheets: SheetSpec[]) {
	const workbook = new ExcelJS.Workbook()
	for (const spec of sheets) {
		const sheet = workbook.addWorksheet(spec.name)
		for (const row of spec.rows) sheet.addRow(row)
		spec.build?.(sheet)
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer())
}

function question(overrides: Partial<QuestionContent>): QuestionContent {
	return {
		type: 'single',
		stem: '题干内容示例？',
		options: ['甲', '乙', '丙', '丁'],
		answer: [0],
		explanation: '',
		articles: [],
		caseSlug: null,
		source: '题库.xlsx',
		topic: IMPORT_DEFAULTS.topic,
		difficulty: 'medium',
		industries: [],
		jobs: [],
		...overrides,
	}
}

test('our template round trip: exported questions read back with the same content and keys', async () => {
	const questions = [
		{
			key: 'fire-001',
			content: question({
				stem: '扑救电气火灾时，在未切断电源的情况下应使用哪种灭火器？',
				options: ['泡沫灭火器', '二氧化碳灭火器', '清水灭火器', '酸碱灭火器'],
				answer: [1],
				explanation: '二氧化碳不导电，可用于带电设备初起火灾。',
				difficulty: 'easy',
				topic: '消防安全',
				source: 'GB 50140-2005《建筑灭火器配置设计规范》',
			}),
		},
		{
			key: 'law-017',
			content: question({
				type: 'multiple',
				stem: '生产经营单位的从业人员享有下列哪些权利？\n（选出全部正确项）',
				options: ['知情权', '建议权', '拒绝违章指挥权', '紧急避险权', '随意离岗权', '获得赔偿权', '批评检举权', '教育培训权'],
				answer: [0, 1, 2, 3, 5, 6, 7],
				explanation: '见《安全生产法》第三章。',
				articles: ['第五十三条', '第五十四条', '第五十五条'],
				difficulty: 'hard',
				topic: '从业人员的权利和义务',
				source: '《中华人民共和国安全生产法》',
			}),
		},
		{
			key: 'law-018',
			content: question({
				type: 'judge',
				stem: '生产经营单位可以与从业人员订立协议，免除其对从业人员因生产安全事故伤亡依法应承担的责任。',
				options: ['正确', '错误'],
				answer: [1],
				articles: ['第五十二条'],
				topic: '从业人员的权利和义务',
				source: '《中华人民共和国安全生产法》',
			}),
		},
	]
	const bytes = await toQuestionWorkbook(questions, '安全生产法题库')
	const result = await parseQuestionWorkbook(bytes, '导出.xlsx')
	expect(result.problems).toEqual([])
	expect(result.unsupported).toEqual([])
	expect(result.read).toBe(3)
	expect(result.items.map((i) => ({ key: i.key, content: i.content }))).toEqual(questions)
	expect(result.items.map((i) => i.where)).toEqual(['导出.xlsx 安全生产法题库 第 2 行', '导出.xlsx 安全生产法题库 第 3 行', '导出.xlsx 安全生产法题库 第 4 行'])

	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer)
	expect(workbook.worksheets).toHaveLength(1)
	expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual([...QUESTION_TEMPLATE_COLUMNS])
})

test('the downloadable template reads as two example questions, one single and one judge, its notes sheet ignored', async () => {
	const result = await parseQuestionWorkbook(await questionTemplate(), '题库导入模板.xlsx')
	expect(result.problems).toEqual([])
	expect(result.read).toBe(2)
	expect(result.items.map((i) => [i.key, i.content.type, i.content.answer])).toEqual([
		['AQ-0001', 'single', [0]],
		['AQ-0002', 'judge', [0]],
	])
	expect(result.items[0]!.content.topic).toBe('安全生产责任制')
})

test('options in one cell split on letter markers, line breaks, ##, | and ；, markers stripped', () => {
	expect(splitOptionCell('A.甲 B.乙 C.丙 D.丁')).toEqual(['甲', '乙', '丙', '丁'])
	expect(splitOptionCell('A、甲\nB、乙\nC、丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('A．甲  B．乙')).toEqual(['甲', '乙'])
	expect(splitOptionCell('A:甲 B:乙')).toEqual(['甲', '乙'])
	expect(splitOptionCell('A）甲 B）乙')).toEqual(['甲', '乙'])
	expect(splitOptionCell('(A)甲 (B)乙 （C）丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('Ａ.甲 Ｂ.乙')).toEqual(['甲', '乙'])
	expect(splitOptionCell('A.正确B.错误')).toEqual(['正确', '错误'])
	expect(splitOptionCell('A.按GB.50016执行 B.不执行')).toEqual(['按GB.50016执行', '不执行'])
	expect(splitOptionCell('A.甲；B.乙；C.丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('甲\n乙\n丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('甲##乙##丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('甲|乙|丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('甲；乙;丙')).toEqual(['甲', '乙', '丙'])
	expect(splitOptionCell('')).toEqual([])
})

test('stem numbering is stripped, decimals and years are not', () => {
	expect(stripStemNumber('12.安全帽的作用是什么？')).toBe('安全帽的作用是什么？')
	expect(stripStemNumber('12、安全帽')).toBe('安全帽')
	expect(stripStemNumber('12．安全帽')).toBe('安全帽')
	expect(stripStemNumber('(12)安全帽')).toBe('安全帽')
	expect(stripStemNumber('（12）安全帽')).toBe('安全帽')
	expect(stripStemNumber('第12题 安全帽')).toBe('安全帽')
	expect(stripStemNumber('1.5米以上的作业')).toBe('1.5米以上的作业')
	expect(stripStemNumber('2021年修订的安全生产法')).toBe('2021年修订的安全生产法')
})

test('a real-world bank: varied headers, a title row, options in one cell, numbered stems, section rows, two sheets', async () => {
	const bytes = await xlsx(
		{
			name: '消防安全',
			rows: [
				['2024年度消防安全知识题库'],
				[],
				['序号', '试题类型', '题目内容', '题目选项', '正确答案', '答案解析'],
				[1, '单项选择题', '1、发现火灾应拨打的报警电话是？', 'A.110 B.119 C.120 D.122', 'B', '火警电话 119。'],
				[2, '多选', '2．灭火的基本方法有哪些？', 'A、冷却法\nB、窒息法\nC、隔离法\nD、加热法', 'A,B,C', ''],
				[3, '判断题', '（3）电器着火可以直接用水扑救。', null, '×', '应先断电。'],
				[4, '是非题', '第4题 消防通道严禁堆放杂物。', null, '正确', null],
				[5, '单选', '5.灭火器压力表指针在哪个区域表示正常？', '红区##绿区##黄区', 'B', null],
				[6, '多项选择题', '(6)火场逃生的正确做法有？', '用湿毛巾捂住口鼻|低姿前进|乘坐电梯|沿疏散指示标志撤离', 'A、B、D', null],
				[7, '单选', '7、室内消火栓的箱门上应有什么标志？', '“消火栓”字样；“配电箱”字样；无需标志', 'A', null],
			],
			build: (sheet) => sheet.mergeCells('A1:F1'),
		},
		{
			name: 'Sheet2',
			rows: [
				['题号', '题目', '选项', '答案'],
				['一、单选题'],
				['Q-1', '安全帽的使用期限从什么时候开始计算？', 'A.购买之日 B.产品制造完成之日 C.首次使用之日', 'B'],
				[],
				['二、多项选择题（每题2分）'],
				['Q-2', '下列属于个人防护用品的有？', '(A)安全帽 (B)安全带 (C)灭火器', 'AB'],
				['第三部分 判断题'],
				['Q-3', '进入受限空间作业前应先通风、检测。', null, '√'],
				['Q-4', '高处作业可以抛掷工具。', null, 'F'],
			],
			build: (sheet) => sheet.mergeCells('A5:D5'),
		},
	)
	const result = await parseQuestionWorkbook(bytes, '消防题库.xlsx')
	expect(result.problems).toEqual([])
	expect(result.unsupported).toEqual([])
	expect(result.read).toBe(11)
	const byStem = (s: string) => result.items.find((i) => i.content.stem.startsWith(s))!.content
	expect(byStem('发现火灾')).toMatchObject({
		type: 'single',
		options: ['110', '119', '120', '122'],
		answer: [1],
		explanation: '火警电话 119。',
		topic: '消防安全',
		source: '消防题库.xlsx',
		difficulty: 'medium',
	})
	expect(byStem('灭火的基本方法')).toMatchObject({
		type: 'multiple',
		options: ['冷却法', '窒息法', '隔离法', '加热法'],
		answer: [0, 1, 2],
	})
	expect(byStem('电器着火')).toMatchObject({
		type: 'judge',
		options: ['正确', '错误'],
		answer: [1],
	})
	expect(byStem('消防通道')).toMatchObject({ type: 'judge', answer: [0] })
	expect(byStem('灭火器压力表')).toMatchObject({
		options: ['红区', '绿区', '黄区'],
		answer: [1],
	})
	expect(byStem('火场逃生')).toMatchObject({
		type: 'multiple',
		options: ['用湿毛巾捂住口鼻', '低姿前进', '乘坐电梯', '沿疏散指示标志撤离'],
		answer: [0, 1, 3],
	})
	expect(byStem('室内消火栓')).toMatchObject({
		options: ['“消火栓”字样', '“配电箱”字样', '无需标志'],
		answer: [0],
	})

	const second = result.items.filter((i) => i.where.includes('Sheet2'))
	expect(second.map((i) => [i.key, i.content.type, i.content.answer, i.content.topic])).toEqual([
		['Q-1', 'single', [1], IMPORT_DEFAULTS.topic],
		['Q-2', 'multiple', [0, 1], IMPORT_DEFAULTS.topic],
		['Q-3', 'judge', [0], IMPORT_DEFAULTS.topic],
		['Q-4', 'judge', [1], IMPORT_DEFAULTS.topic],
	])
	expect(second.map((i) => i.where)).toEqual([
		'消防题库.xlsx Sheet2 第 3 行',
		'消防题库.xlsx Sheet2 第 6 行',
		'消防题库.xlsx Sheet2 第 8 行',
		'消防题库.xlsx Sheet2 第 9 行',
	])
	expect(byStem('下列属于个人防护用品')).toMatchObject({
		options: ['安全帽', '安全带', '灭火器'],
	})
})

test('without a type column or section rows the type comes from the answer', async () => {
	const bytes = await xlsx({
		name: '电气安全',
		rows: [
			['问题', '备选答案', '标准答案'],
			['安全电压的上限值是多少伏？', 'A.36 B.42 C.50', 'B'],
			['触电急救的要点有？', 'A.迅速脱离电源 B.就地抢救 C.等待医生', 'A B'],
			['可以带电更换保险丝。', null, '错'],
		],
	})
	const result = await parseQuestionWorkbook(bytes, 'e.xlsx')
	expect(result.problems).toEqual([])
	expect(result.items.map((i) => [i.content.type, i.content.answer, i.content.topic])).toEqual([
		['single', [1], '电气安全'],
		['multiple', [0, 1], '电气安全'],
		['judge', [1], '电气安全'],
	])
})

test('options one per column A–D, with headers carrying notes and asterisks', async () => {
	const bytes = await xlsx({
		name: '工作表1',
		rows: [
			['编号', '*题型', '题干（必填）', 'A', 'B', 'C', 'D', '*答案', '难易程度', '知识点', '依据'],
			['H-1', '单选题', '动火作业前，可燃气体分析合格后多长时间内必须动火？', 'A.30分钟', '60分钟', '90分钟', null, 'A', '简单', '动火作业', 'GB 30871-2022'],
			['H-2', '多选题', '受限空间作业应配备哪些人员？', '作业人员', '监护人员', '作业负责人', '路人', 'ABC', '困难', '受限空间', null],
			['H-3', '判断题', '动火作业许可证可以涂改。', null, null, null, null, '错误', 2, null, null],
		],
	})
	const result = await parseQuestionWorkbook(bytes, 'hot-work.xlsx')
	expect(result.problems).toEqual([])
	expect(result.items.map((i) => ({ key: i.key, content: i.content }))).toEqual([
		{
			key: 'H-1',
			content: question({
				stem: '动火作业前，可燃气体分析合格后多长时间内必须动火？',
				options: ['30分钟', '60分钟', '90分钟'],
				answer: [0],
				difficulty: 'easy',
				topic: '动火作业',
				source: 'GB 30871-2022',
			}),
		},
		{
			key: 'H-2',
			content: question({
				type: 'multiple',
				stem: '受限空间作业应配备哪些人员？',
				options: ['作业人员', '监护人员', '作业负责人', '路人'],
				answer: [0, 1, 2],
				difficulty: 'hard',
				topic: '受限空间',
				source: 'hot-work.xlsx',
			}),
		},
		{
			key: 'H-3',
			content: question({
				type: 'judge',
				stem: '动火作业许可证可以涂改。',
				options: ['正确', '错误'],
				answer: [1],
				source: 'hot-work.xlsx',
			}),
		},
	])
})

test('bad rows are reported with sheet, row and column; the good rows are still read', async () => {
	const bytes = await xlsx({
		name: '题库',
		rows: [
			['试题类型', '题目内容', '题目选项', '正确答案'],
			['单选', '正确的一道单选题示例？', 'A.甲 B.乙', 'A'],
			['单选', '答案写错的一道题？', 'A.甲 B.乙 C.丙', 'Z'],
			['多选', null, 'A.甲 B.乙 C.丙', 'AB'],
			['单选', '选项重复的一道题？', 'A.甲 B.甲 C.丙', 'C'],
			['判断', '正确的一道判断题示例。', null, '对'],
		],
	})
	const result = await parseQuestionWorkbook(bytes, 'bank.xlsx')
	expect(result.read).toBe(5)
	expect(result.items.map((i) => i.where)).toEqual(['bank.xlsx 题库 第 2 行', 'bank.xlsx 题库 第 6 行'])
	expect(result.problems).toHaveLength(3)
	expect(result.problems[0]!.where).toBe('bank.xlsx 题库 第 3 行')
	expect(result.problems[0]!.message).toMatch(/^正确答案：.*Z/)
	expect(result.problems[1]).toEqual({
		where: 'bank.xlsx 题库 第 4 行',
		message: '题目内容：缺少题干',
	})
	expect(result.problems[2]).toEqual({
		where: 'bank.xlsx 题库 第 5 行',
		message: '题目选项：有重复的选项',
	})
})

test('more invalid rows: unknown type, unknown difficulty, missing options, too many options, a bad judge answer', async () => {
	const nine = 'ABCDEFGHI'
		.split('')
		.map((l, i) => `${l}.选项${i + 1}`)
		.join(' ')
	const bytes = await xlsx({
		name: 'Sheet1',
		rows: [
			['题型', '题干', '选项', '答案', '难度'],
			['其他', '无法识别题型的题？', 'A.甲 B.乙', 'A', null],
			['单选', '难度写错的一道题？', 'A.甲 B.乙', 'A', '超难'],
			['单选', '没有选项的一道题？', null, 'A', null],
			['多选', '选项太多的一道题？', nine, 'AB', null],
			['判断', '判断题的答案写错了。', null, '也许', null],
		],
	})
	const result = await parseQuestionWorkbook(bytes, 'x.xlsx')
	expect(result.read).toBe(5)
	expect(result.items).toEqual([])
	expect(result.problems.map((p) => [p.where, p.message.split('：')[0]])).toEqual([
		['x.xlsx Sheet1 第 2 行', '题型'],
		['x.xlsx Sheet1 第 3 行', '难度'],
		['x.xlsx Sheet1 第 4 行', '选项'],
		['x.xlsx Sheet1 第 5 行', '选项'],
		['x.xlsx Sheet1 第 6 行', '答案'],
	])
	expect(result.problems[3]!.message).toContain('9 个')
})

test('fill-in and essay questions are listed as unsupported, by type column or by section row', async () => {
	const bytes = await xlsx(
		{
			name: '综合',
			rows: [
				['题型', '题干', '选项', '答案'],
				['填空题', '安全生产工作坚持____的方针。', null, '安全第一、预防为主、综合治理'],
				['单选题', '安全色中表示禁止的颜色是？', 'A.红色 B.黄色 C.蓝色', 'A'],
			],
		},
		{
			name: '试卷',
			rows: [['题目', '答案'], ['一、判断题'], ['可以在禁烟区吸烟。', '×'], ['四、简答题（每题10分）'], ['简述三级安全教育的内容。', '厂级、车间级、班组级']],
		},
	)
	const result = await parseQuestionWorkbook(bytes, 'mixed.xlsx')
	expect(result.read).toBe(4)
	expect(result.items.map((i) => i.content.type)).toEqual(['single', 'judge'])
	expect(result.problems).toEqual([])
	expect(result.unsupported.map((u) => u.where)).toEqual(['mixed.xlsx 综合 第 2 行', 'mixed.xlsx 试卷 第 5 行'])
	expect(result.unsupported[0]!.message).toContain('填空题')
	expect(result.unsupported[1]!.message).toContain('简答题')
})

test('sheets named after a type set it; empty sheets and rows are skipped; a sheet without a header is reported', async () => {
	const bytes = await xlsx(
		{ name: '空表', rows: [] },
		{
			name: '判断题',
			rows: [
				['题干', '答案'],
				['应急预案应定期组织演练。', 'A'],
				[null, null],
				['', '  '],
				['特种作业人员无需持证上岗。', 'B'],
			],
		},
		{
			name: '统计',
			rows: [
				['部门', '人数'],
				['一车间', 12],
			],
		},
	)
	const result = await parseQuestionWorkbook(bytes, 's.xlsx')
	expect(result.read).toBe(2)
	expect(result.items.map((i) => [i.content.type, i.content.answer, i.content.topic])).toEqual([
		['judge', [0], IMPORT_DEFAULTS.topic],
		['judge', [1], IMPORT_DEFAULTS.topic],
	])
	expect(result.problems).toHaveLength(1)
	expect(result.problems[0]!.where).toBe('s.xlsx 统计')
	expect(result.problems[0]!.message).toMatch(/^未找到表头/)
})

test('rich text, formulas and numbers in cells are read as text', async () => {
	const bytes = await xlsx({
		name: 'Sheet1',
		rows: [
			['题干', '选项A', '选项B', '答案'],
			[null, 36, 42, null],
		],
		build: (sheet) => {
			sheet.getCell('A2').value = {
				richText: [{ text: '我国规定的安全电压', font: { bold: true } }, { text: '额定值上限是多少伏？' }],
			}
			sheet.getCell('D2').value = { formula: '"B"', result: 'B' }
		},
	})
	const result = await parseQuestionWorkbook(bytes, 'r.xlsx')
	expect(result.problems).toEqual([])
	expect(result.items[0]!.content).toMatchObject({
		stem: '我国规定的安全电压额定值上限是多少伏？',
		options: ['36', '42'],
		answer: [1],
	})
})

test('a file that is not a readable xlsx gives one problem and no throw', async () => {
	const text = await parseQuestionWorkbook(new TextEncoder().encode('题型,题干,答案\n单选,x,A\n'), 'bank.xlsx')
	expect(text).toEqual({
		read: 0,
		items: [],
		unsupported: [],
		problems: [
			{
				where: 'bank.xlsx',
				message: expect.stringMatching(/^无法读取 Excel 文件：/),
			},
		],
	})

	const old = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
	const xls = await parseQuestionWorkbook(old, '旧题库.xls')
	expect(xls.problems).toHaveLength(1)
	expect(xls.problems[0]!.message).toMatch(/^无法读取 Excel 文件：.*请在 Excel 中另存为 \.xlsx/)

	const truncated = (await xlsx({ name: 'Sheet1', rows: [['题干', '答案']] })).slice(0, 200)
	const broken = await parseQuestionWorkbook(truncated, 'broken.xlsx')
	expect(broken.problems).toEqual([
		{
			where: 'broken.xlsx',
			message: expect.stringMatching(/^无法读取 Excel 文件：/),
		},
	])
})

test('a workbook without a question header gives one problem naming the file', async () => {
	const result = await parseQuestionWorkbook(
		await xlsx({
			name: 'Sheet1',
			rows: [
				['姓名', '手机号'],
				['张三', '13800138000'],
			],
		}),
		'roster.xlsx',
	)
	expect(result.read).toBe(0)
	expect(result.problems).toEqual([{ where: 'roster.xlsx', message: expect.stringMatching(/^未找到表头/) }])
})

test('a 选项 header merged over the option columns, a category merged down its column, judge options written out', async () => {
	const bytes = await xlsx({
		name: 'Sheet1',
		rows: [
			['分类', '题干', '选项', null, null, null, '答案', '题型'],
			['用电安全', '检修电气设备前首先应当做什么？', '切断电源', '挂警示牌', '通知领导', null, 'A', '单选'],
			[null, '临时用电线路可以随意拖地敷设。', 'A.错误', 'B.正确', null, null, 'A', '判断'],
		],
		build: (sheet) => {
			sheet.mergeCells('C1:F1')
			sheet.mergeCells('A2:A3')
		},
	})
	const result = await parseQuestionWorkbook(bytes, 'm.xlsx')
	expect(result.problems).toEqual([])
	expect(result.items.map((i) => [i.content.type, i.content.options, i.content.answer, i.content.topic])).toEqual([
		['single', ['切断电源', '挂警示牌', '通知领导'], [0], '用电安全'],
		['judge', ['正确', '错误'], [1], '用电安全'],
	])
})
