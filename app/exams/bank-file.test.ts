import { expect, test } from 'vitest'
import { parseBankFile } from './bank-file.ts'

const header = 'title: 测试题库\nsummary: 说明\nquestions:\n'
const good = `  - id: q-001
    type: single
    difficulty: 易
    topic: 总则
    stem: 主要负责人对本单位安全生产工作负什么责任？
    options: [监督, 全面, 间接, 连带]
    answer: B
    explanation: 第五条。
    source: 安全生产法第五条
  - id: q-002
    type: judge
    difficulty: 中
    topic: 总则
    stem: 从业人员发现直接危及人身安全的紧急情况时，有权停止作业。
    answer: √
    explanation: 第五十五条。
    source: 安全生产法第五十五条
`

test('reads questions with their lines', () => {
	const bank = parseBankFile('b.yaml', header + good)
	expect(bank.problems).toEqual([])
	expect(bank.title).toBe('测试题库')
	expect(bank.questions).toMatchObject([
		{ key: 'q-001', line: 4, type: 'single', answer: [1], difficulty: 'easy', options: ['监督', '全面', '间接', '连带'] },
		{ key: 'q-002', line: 13, type: 'judge', answer: [0], options: ['正确', '错误'] },
	])
})

test('each bad question is reported with its line, number and field; the good ones still parse', () => {
	const bad = `  - id: q-003
    type: multiple
    difficulty: 难
    topic: 总则
    stem: 哪些属于从业人员的权利？
    options: [知情权, 建议权, 拒绝违章指挥]
    answer: E
    explanation: 略
    source: 法
  - id: q-001
    type: judge
    difficulty: 易
    topic: 总则
    stem: 重复题号的题目在这里。
    answer: 对
    explanation: 略
    source: 法
  - id: q-004
    type: essay
    difficulty: 易
    topic: 总则
    stem: 简答题不支持
    answer: 对
    explanation: 略
    source: 法
`
	const bank = parseBankFile('b.yaml', header + good + bad)
	expect(bank.questions.map((q) => q.key)).toEqual(['q-001', 'q-002'])
	expect(bank.problems).toEqual([
		{ where: 'b.yaml 第 21 行（第 3 题 q-003）', message: expect.stringContaining('超出了选项范围') },
		{ where: 'b.yaml 第 30 行（第 4 题 q-001）', message: '题号 q-001 与第 4 行的题目重复' },
		{ where: 'b.yaml 第 38 行（第 5 题 q-004）', message: '题型（type）应为 single / multiple / judge' },
	])
})

test('broken YAML names the line', () => {
	const bank = parseBankFile('b.yaml', header + '  - id: x\n   bad: [unclosed\n')
	expect(bank.questions).toEqual([])
	expect(bank.problems[0]).toMatchObject({ where: expect.stringMatching(/^b\.yaml 第 \d+ 行$/), message: expect.stringContaining('YAML 格式错误') })
})
