import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { type QuestionContent } from '../question.ts'
import { parseGift, toGift } from './gift.ts'

const sample = readFileSync('tests/fixtures/import/gift/sample.gift', 'utf8')
const F = 'sample.gift'

test('reads the sample: every question found, all supported ones valid', () => {
	const result = parseGift(sample, F)
	expect(result.problems).toEqual([])
	expect(result.unsupported).toEqual([])
	expect(result.read).toBe(8)
	expect(result.items.map((i) => [i.where, i.key])).toEqual([
		[`${F} 第 6 行`, 'q-001'],
		[`${F} 第 15 行`, 'q-002'],
		[`${F} 第 17 行`, 'q-003'],
		[`${F} 第 21 行`, 'q-004'],
		[`${F} 第 28 行`, 'q-005'],
		[`${F} 第 34 行`, 'q-006'],
		[`${F} 第 36 行`, 'q-007'],
		[`${F} 第 39 行`, undefined],
	])
})

test('single choice: = marks the answer, per-option feedback is dropped, #### becomes the explanation', () => {
	const [q] = parseGift(sample, F).items
	expect(q?.content).toEqual({
		type: 'single',
		stem: '生产经营单位的主要负责人对本单位的安全生产工作负什么责任？',
		options: ['监督责任', '全面负责', '间接责任', '连带责任'],
		answer: [1],
		explanation: '《安全生产法》第五条。',
		articles: [],
		caseSlug: null,
		source: F,
		topic: '总则',
		difficulty: 'medium',
		industries: [],
		jobs: [],
	})
})

test('true/false: T and FALSE become judge questions with 正确/错误; HTML and format markers are stripped', () => {
	const [, t, f] = parseGift(sample, F).items
	expect(t?.content).toMatchObject({ type: 'judge', options: ['正确', '错误'], answer: [0], explanation: '第五十五条。', topic: '总则' })
	expect(f?.content).toMatchObject({ type: 'judge', stem: '特种作业人员未经专门培训即可上岗作业。', options: ['正确', '错误'], answer: [1], explanation: '' })
})

test('weights: several positive weights make a multiple-choice question; a lone 100% one a single-choice question', () => {
	const items = parseGift(sample, F).items
	expect(items[3]?.content).toMatchObject({
		type: 'multiple',
		options: ['知情权', '拒绝违章指挥和强令冒险作业', '擅自离岗'],
		answer: [0, 1],
		explanation: '第五十三条、第五十四条。',
		topic: '从业人员的权利和义务',
	})
	expect(items[6]?.content).toMatchObject({ type: 'single', options: ['对的', '错的', '不相关'], answer: [0] })
})

test('escaped characters are plain text and \\n is a line break', () => {
	const q = parseGift(sample, F).items[4]?.content
	expect(q?.stem).toBe('转义测试：公式 a=b、波浪号 ~、井号 #、花括号 {x} 和冒号 a:b 都是普通文字。')
	expect(q?.options).toEqual(['选项 1=1', '选项 {2}', '第一行\n第二行'])
	expect(q?.answer).toEqual([0])
})

test('text after the answer block stays in the stem, with a blank where the block was', () => {
	const q = parseGift(sample, F).items[5]?.content
	expect(q).toMatchObject({ stem: '生产经营单位的（　）对本单位安全生产工作全面负责。', options: ['安全员', '主要负责人', '班组长'], answer: [1] })
})

test('a 难度/出处 comment before a question sets its difficulty, source, articles and jobs', () => {
	const q = parseGift(sample, F).items[7]?.content
	expect(q).toMatchObject({
		stem: '无标题的题目：生产经营单位应当对从业人员进行什么？',
		difficulty: 'hard',
		source: '安全生产法第二十八条',
		articles: ['《安全生产法》第二十八条'],
		jobs: ['principal', 'safety_manager'],
		topic: '从业人员的权利和义务',
	})
})

test('without a category the topic is 未分类; $CATEGORY prefixes are stripped and // inside a name is a slash', () => {
	const text = '::a::没有分类的题目？{=甲 ~乙}\n\n$CATEGORY: $system$/top\n\n::b::顶层分类的题目？{=甲 ~乙}\n\n$CATEGORY: 题库/进出//口管理\n::c::分类名里有斜杠？{=甲 ~乙}\n'
	expect(parseGift(text, 'x.gift').items.map((i) => i.content.topic)).toEqual(['未分类', '未分类', '进出/口管理'])
})

test('each unsupported type is skipped and listed with its line', () => {
	const text = [
		'::n::安全距离是多少米？{#1.5:0.5}', // 1
		'',
		'::m::把设备与用途对应起来。{', // 3
		'	=灭火器 -> 灭火',
		'	=安全帽 -> 防护头部',
		'}',
		'',
		'::s::安全生产工作坚持什么方针？{=安全第一 =安全第一、预防为主}', // 8
		'',
		'::e::简述生产经营单位主要负责人的职责。{}', // 10
		'',
		'// 说明文字没有答案块',
		'以下题目考查从业人员的权利。', // 13
		'',
		'::e2::谈谈你对安全生产的认识。{####参考：安全第一。}', // 15
		'',
		'::ok::一道正常的单选题？{=是 ~否}', // 17
	].join('\n')
	const result = parseGift(text, 'u.gift')
	expect(result.read).toBe(7)
	expect(result.unsupported).toEqual([
		{ where: 'u.gift 第 1 行', message: '数值题不支持，已跳过' },
		{ where: 'u.gift 第 3 行', message: '匹配题不支持，已跳过' },
		{ where: 'u.gift 第 8 行', message: '简答（填空）题不支持，已跳过' },
		{ where: 'u.gift 第 10 行', message: '问答题不支持，已跳过' },
		{ where: 'u.gift 第 13 行', message: '说明文字（没有答案块）不支持，已跳过' },
		{ where: 'u.gift 第 15 行', message: '问答题不支持，已跳过' },
	])
	expect(result.problems).toEqual([])
	expect(result.items.map((i) => i.key)).toEqual(['ok'])
})

test('malformed questions are problems with their line and reason; the good ones still parse', () => {
	const text = [
		'::a::答案块没有结束？{=是 ~否', // 1
		'',
		'::b::单选题写了两个等号？{=甲 =乙 ~丙}', // 3
		'',
		'::c::只有一个选项的题目？{~%100%唯一}', // 5
		'',
		'::d::选项太多的题目？{=1 ~2 ~3 ~4 ~5 ~6 ~7 ~8 ~9}', // 7
		'',
		'::e::选项重复的题目？{=甲 ~乙 ~乙}', // 9
		'',
		'::f::{=甲 ~乙}', // 11
		'',
		'::g::没有正确答案的题目？{~甲 ~乙}', // 13
		'',
		'::h::多选题只有两个选项？{~%50%甲 ~%50%乙}', // 15
		'',
		'// 难度: 很难',
		'::i::难度写错的题目？{=甲 ~乙}', // 18
		'',
		'::j::多余的花括号 } 在这里？{=甲 ~乙}', // 20
		'',
		'::k::短{=甲 ~乙}', // 22
		'',
		'::ok::这一题是正确的？{T}', // 24
	].join('\n')
	const result = parseGift(text, 'bad.gift')
	expect(result.read).toBe(12)
	expect(result.problems).toEqual([
		{ where: 'bad.gift 第 1 行', message: '答案块缺少结尾的“}”（文字中的 { } 请写成 \\{ \\}）' },
		{ where: 'bad.gift 第 3 行', message: '单选题有 2 个“=”正确答案（多选题请用 ~%50% 这样的得分）' },
		{ where: 'bad.gift 第 5 行', message: '选项少于 2 个（只有 1 个）' },
		{ where: 'bad.gift 第 7 行', message: '选项多于 8 个（共 9 个）' },
		{ where: 'bad.gift 第 9 行', message: '选项“乙”重复' },
		{ where: 'bad.gift 第 11 行', message: '缺少题干' },
		{ where: 'bad.gift 第 13 行', message: '没有正确答案（正确选项以 = 开头）' },
		{ where: 'bad.gift 第 15 行', message: '选项：多选题至少 3 个选项' },
		{ where: 'bad.gift 第 18 行', message: '难度“很难”无法识别（应为 易 / 中 / 难）' },
		{ where: 'bad.gift 第 20 行', message: '题目中有多个答案块或多余的“{”“}”（文字中的 { } 请写成 \\{ \\}）' },
		{ where: 'bad.gift 第 22 行', message: '题干：缺少或过短' },
	])
	expect(result.unsupported).toEqual([])
	expect(result.items.map((i) => i.key)).toEqual(['ok'])
})

test('never throws on odd input', () => {
	for (const text of ['', '\n\n\n', '{', '}', '::', '::t', '{~', '{=}', '{#', '// 难度:', '$CATEGORY:', '\uFEFF::a::题目？{T}', '{~%abc%x ~y}', '\\']) {
		const result = parseGift(text, 'odd.gift')
		expect(result.read).toBeGreaterThanOrEqual(0)
	}
	expect(parseGift('\uFEFF::a::题目写在这里？{T}\r\n', 'bom.gift').items).toHaveLength(1)
})

const base: QuestionContent = {
	type: 'single',
	stem: '',
	options: [],
	answer: [],
	explanation: '',
	articles: [],
	caseSlug: null,
	source: '安全生产法',
	topic: '总则',
	difficulty: 'medium',
	industries: [],
	jobs: [],
}

const varied: { key: string; content: QuestionContent }[] = [
	{
		key: 'q-001',
		content: { ...base, stem: '主要负责人对本单位安全生产工作负什么责任？', options: ['监督', '全面', '间接', '连带'], answer: [1], explanation: '《安全生产法》第五条。', difficulty: 'easy' },
	},
	{
		key: 'q-002',
		content: {
			...base,
			type: 'multiple',
			stem: '下列符号题：哪些选项里有特殊字符？',
			options: ['a = b', '约 ~5 米', '{大括号}', '#井号', 'A:B 与 C::D', '\\反斜杠\\n', '%50%不是分值', '[html]不是格式'],
			answer: [0, 2, 5],
			explanation: '解析里也有 = ~ # { } : 和 ####。\n第二行。',
			topic: '符号/特殊 字符',
			articles: ['《安全生产法》第二十一条', '第二十二条，第一款；第二款'],
			caseSlug: 'some-case',
			industries: ['mining', 'chemical'],
			jobs: ['principal', 'other'],
			difficulty: 'hard',
			source: '来源; 含分号、顿号, 逗号\\和反斜杠',
		},
	},
	{ key: 'judge-true', content: { ...base, type: 'judge', stem: '从业人员有权拒绝违章指挥。', options: ['正确', '错误'], answer: [0], explanation: '第五十四条。', topic: '符号/特殊 字符' } },
	{ key: 'judge-false', content: { ...base, type: 'judge', stem: '//看起来像注释的题干 {T}', options: ['正确', '错误'], answer: [1], topic: '权利', source: '' } },
	{ key: 'q:5', content: { ...base, stem: '[plain]题干以格式标记开头，含 <b>尖括号</b> & 与号 &amp;', options: ['$CATEGORY: 甲', '->乙', 'T'], answer: [2], topic: '权利' } },
	{ key: '', content: { ...base, stem: '没有标题的题目，多行\n第二行\n\n第四行', options: ['甲', '乙'], answer: [0], topic: '总则' } },
	{
		key: 'q-7',
		content: { ...base, type: 'multiple', stem: '八个选项都对的题目？', options: ['1', '2', '3', '4', '5', '6', '7', '8'], answer: [0, 1, 2, 3, 4, 5, 6, 7], topic: '总则' },
	},
]

test('round trip: parseGift(toGift(x)) gives back the same questions, keys and metadata', () => {
	const gift = toGift(varied, '安全生产法/题库')
	const result = parseGift(gift, 'export.gift')
	expect(result.problems).toEqual([])
	expect(result.unsupported).toEqual([])
	expect(result.read).toBe(varied.length)
	expect(result.items.map((i) => ({ key: i.key ?? '', content: i.content }))).toEqual(varied)
})

test('toGift writes readable GIFT: categories when the topic changes, titles, weights and general feedback', () => {
	const gift = toGift(varied.slice(0, 3), '安全生产法')
	expect(gift).toContain('$CATEGORY: $course$/top/安全生产法/总则')
	expect(gift).toContain('$CATEGORY: $course$/top/安全生产法/符号//特殊 字符')
	expect(gift.match(/\$CATEGORY/g)).toHaveLength(2)
	expect(gift).toContain('// 难度: 易; 出处: 安全生产法\n::q-001::主要负责人对本单位安全生产工作负什么责任？ {\n\t~监督\n\t=全面')
	expect(gift).toContain('\t####《安全生产法》第五条。\n}')
	expect(gift).toContain('\t~%33.33333%a \\= b\n\t~%-100%约 \\~5 米')
	expect(gift).toContain('::judge-true::从业人员有权拒绝违章指挥。 {TRUE####第五十四条。}')
})
