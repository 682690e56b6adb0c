import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { htmlToText, parseMoodleXml } from './moodle-xml.ts'

const quiz = readFileSync('tests/fixtures/import/moodle-quiz.xml', 'utf8')
const file = 'moodle-quiz.xml'

const wrap = (questions: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${questions}\n</quiz>\n`

test('reads single, multiple and true/false questions with their names as keys', () => {
	const result = parseMoodleXml(quiz, file)
	expect(result.read).toBe(9)
	expect(result.items.map((i) => [i.key, i.content.type, i.content.answer])).toEqual([
		['拒绝违章指挥', 'single', [1]],
		['从业人员的权利', 'multiple', [0, 1, 3]],
		['只有一个正确项的多选', 'single', [1]],
		['安全培训', 'judge', [0]],
		['应急预案演练', 'judge', [1]],
	])
	expect(result.items[0]).toEqual({
		where: 'moodle-quiz.xml 第 1 题（拒绝违章指挥）',
		key: '拒绝违章指挥',
		content: {
			type: 'single',
			stem: '从业人员发现直接危及人身安全的紧急情况时， 有权采取下列哪项措施？',
			options: ['继续作业', '停止作业或者在采取可能的应急措施后撤离作业场所', '等待班组长指示', '向媒体反映'],
			answer: [1],
			explanation: '见《安全生产法》第五十五条。',
			articles: [],
			caseSlug: null,
			source: 'moodle-quiz.xml',
			topic: '从业人员的权利和义务',
			difficulty: 'easy',
			industries: [],
			jobs: [],
		},
	})
})

test('escaped HTML and CDATA stems both come out as plain text', () => {
	const [, multiple, onlyOne] = parseMoodleXml(quiz, file).items
	expect(multiple?.content.stem).toBe('下列哪些属于从业人员的权利？')
	expect(multiple?.content.options).toEqual(['知情权', '建议权', '违章指挥权', '拒绝违章指挥和强令冒险作业'])
	expect(onlyOne?.content.stem).toBe('生产经营单位的主要负责人对本单位安全生产工作负有什么责任？')
})

test('true/false questions use the fixed 正确 / 错误 options', () => {
	const judges = parseMoodleXml(quiz, file).items.filter((i) => i.content.type === 'judge')
	expect(judges.map((i) => i.content.options)).toEqual([
		['正确', '错误'],
		['正确', '错误'],
	])
	expect(judges[0]?.content.explanation).toBe('第二十八条。')
})

test('a category sets the topic (its last segment) of the questions after it', () => {
	const topics = parseMoodleXml(quiz, file).items.map((i) => i.content.topic)
	expect(topics).toEqual(['从业人员的权利和义务', '从业人员的权利和义务', '从业人员的权利和义务', '从业人员的权利和义务', '应急管理'])
})

test('difficulty comes from a 易/中/难 or easy/medium/hard tag, else medium', () => {
	const difficulties = parseMoodleXml(quiz, file).items.map((i) => i.content.difficulty)
	expect(difficulties).toEqual(['easy', 'hard', 'medium', 'medium', 'medium'])
})

test('essay and matching questions are listed as unsupported', () => {
	expect(parseMoodleXml(quiz, file).unsupported).toEqual([
		{ where: 'moodle-quiz.xml 第 6 题（论述应急管理）', message: 'essay 类型不支持，已跳过' },
		{ where: 'moodle-quiz.xml 第 7 题（标志配对）', message: 'matching 类型不支持，已跳过' },
	])
})

test('a question without a correct answer or with duplicate options is a problem naming it', () => {
	expect(parseMoodleXml(quiz, file).problems).toEqual([
		{ where: 'moodle-quiz.xml 第 8 题（没有正确答案）', message: '答案：没有正确答案（没有得分为 100 的选项）' },
		{ where: 'moodle-quiz.xml 第 9 题（重复选项）', message: '选项：有重复的选项' },
	])
})

test('more than eight options, an empty stem and a true/false without a full-mark answer are problems', () => {
	const options = Array.from({ length: 9 }, (_, i) => `<answer fraction="${i === 0 ? 100 : 0}"><text>选项${i + 1}</text></answer>`).join('')
	const result = parseMoodleXml(
		wrap(`<question type="multichoice"><name><text>九个选项</text></name><questiontext format="html"><text>下列哪项是正确的做法？</text></questiontext><single>true</single>${options}</question>
<question type="multichoice"><name><text>空题干</text></name><questiontext format="html"><text><![CDATA[<p> </p>]]></text></questiontext><answer fraction="100"><text>甲</text></answer><answer fraction="0"><text>乙</text></answer></question>
<question type="truefalse"><name><text>无答案判断</text></name><questiontext format="html"><text>动火作业前应当进行审批。</text></questiontext><answer fraction="0"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`),
		'q.xml',
	)
	expect(result.items).toEqual([])
	expect(result.problems).toEqual([
		{ where: 'q.xml 第 1 题（九个选项）', message: '选项：最多 8 个选项（A–H）' },
		{ where: 'q.xml 第 2 题（空题干）', message: '题干：缺少或过短' },
		{ where: 'q.xml 第 3 题（无答案判断）', message: '答案：判断题没有正确答案（没有得分为 100 的选项）' },
	])
})

test('a single-answer question with two full-mark answers is a problem', () => {
	const result = parseMoodleXml(
		wrap(`<question type="multichoice"><name><text>两个满分</text></name><questiontext><text>哪一项是正确的做法？</text></questiontext><single>true</single><answer fraction="100"><text>甲</text></answer><answer fraction="100"><text>乙</text></answer><answer fraction="0"><text>丙</text></answer></question>`),
		'q.xml',
	)
	expect(result.problems).toEqual([{ where: 'q.xml 第 1 题（两个满分）', message: '答案：单选题有 2 个得分为 100 的选项，只能有一个' }])
})

test('other Moodle types are unsupported, categories without a name fall back to the default topic', () => {
	const types = ['shortanswer', 'numerical', 'description', 'multianswer', 'calculated', 'ddwtos', 'gapselect', 'random']
	const questions = types.map((t) => `<question type="${t}"><name><text>${t} 题</text></name><questiontext><text>略略略略</text></questiontext></question>`).join('\n')
	const judge = '<question type="truefalse"><name><text>j</text></name><questiontext><text>动火作业前应当进行审批。</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>'
	const result = parseMoodleXml(wrap(`<question type="category"><category><text>$course$/top</text></category></question>\n${questions}\n${judge}`), 'q.xml')
	expect(result.read).toBe(types.length + 1)
	expect(result.unsupported.map((u) => u.message)).toEqual(types.map((t) => `${t} 类型不支持，已跳过`))
	expect(result.unsupported[4]?.where).toBe('q.xml 第 5 题（calculated 题）')
	expect(result.items[0]?.content.topic).toBe('未分类')
})

test('broken XML is one problem naming the file and line, never a throw', () => {
	const result = parseMoodleXml('<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n<name><text>坏</text></name>\n</quiz>\n', 'bad.xml')
	expect(result).toEqual({
		read: 0,
		items: [],
		unsupported: [],
		problems: [{ where: expect.stringMatching(/^bad\.xml 第 \d+ 行$/), message: expect.stringContaining('XML 格式错误') }],
	})
})

test('a file that is not a Moodle quiz is one problem', () => {
	expect(parseMoodleXml('<questestinterop/>', 'x.xml').problems).toEqual([{ where: 'x.xml', message: '不是 Moodle XML 题库（缺少 <quiz> 根元素）' }])
	expect(parseMoodleXml('', 'empty.xml').problems).toHaveLength(1)
	expect(parseMoodleXml('题目：这不是 XML', 'plain.txt').problems[0]?.where).toMatch(/^plain\.txt/)
})

test('HTML becomes text: tags dropped, entities decoded once, paragraphs on their own lines', () => {
	expect(htmlToText('<p>甲&nbsp;&amp;&nbsp;乙</p><p>a &lt; b&#xFF0C;c&#65292;</p><br/>  <script>x()</script>')).toBe('甲 & 乙\na < b，c，')
	expect(htmlToText('&amp;lt;p&amp;gt;')).toBe('&lt;p&gt;')
	expect(htmlToText('x<5 and y > 2')).toBe('x<5 and y > 2')
})
