import JSZip from 'jszip'
import { expect, test } from 'vitest'
import { parseQtiItem, parseQtiPackage } from './qti.ts'

const NS21 = 'http://www.imsglobal.org/xsd/imsqti_v2p1'
const NS22 = 'http://www.imsglobal.org/xsd/imsqti_v2p2'

const item = (attrs: string, declaration: string, body: string, ns = NS21) => `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${attrs} adaptive="false" timeDependent="false">
	${declaration}
	<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
	<itemBody>
		${body}
	</itemBody>
	<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>
`

const declare = (cardinality: string, ...values: string[]) =>
	`<responseDeclaration identifier="RESPONSE" cardinality="${cardinality}" baseType="identifier"><correctResponse>${values.map((v) => `<value>${v}</value>`).join('')}</correctResponse></responseDeclaration>`

const singleItem = item(
	'identifier="fire-01" title="灭火器的选用"',
	declare('single', 'ChoiceB'),
	`<p>电气设备着火时，</p>
		<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
			<prompt>应首先使用哪种灭火器？</prompt>
			<simpleChoice identifier="ChoiceA">清水灭火器</simpleChoice>
			<simpleChoice identifier="ChoiceB">二氧化碳<b>灭火器</b><feedbackInline outcomeIdentifier="FEEDBACK" identifier="ChoiceB" showHide="show">回答正确</feedbackInline></simpleChoice>
			<simpleChoice identifier="ChoiceC">泡沫灭火器</simpleChoice>
		</choiceInteraction>`,
)

const multipleItem = item(
	'identifier="ppe-02" title="劳动防护用品"',
	declare('multiple', 'C1', 'C3', 'C4'),
	`<div><p>进入有限空间作业前，</p><p>下列哪些做法是正确的&#xFF1F;</p></div>
		<choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="0">
			<simpleChoice identifier="C1">先通风</simpleChoice>
			<simpleChoice identifier="C2">直接进入</simpleChoice>
			<simpleChoice identifier="C3">再检测</simpleChoice>
			<simpleChoice identifier="C4">后作业</simpleChoice>
		</choiceInteraction>`,
	NS22,
)

test('a single choice item: identifier as key, body text and prompt as stem, options in order', () => {
	expect(parseQtiItem(singleItem, 'items/fire-01.xml')).toEqual({
		item: {
			where: 'items/fire-01.xml',
			key: 'fire-01',
			content: {
				type: 'single',
				stem: '电气设备着火时，\n应首先使用哪种灭火器？',
				options: ['清水灭火器', '二氧化碳灭火器', '泡沫灭火器'],
				answer: [1],
				explanation: '',
				articles: [],
				caseSlug: null,
				source: 'items/fire-01.xml',
				topic: '未分类',
				difficulty: 'medium',
				industries: [],
				jobs: [],
			},
		},
	})
})

test('a multiple choice item (QTI 2.2, maxChoices=0) keeps every correct choice', () => {
	const read = parseQtiItem(multipleItem, 'q2.xml')
	expect(read.item?.content).toMatchObject({ type: 'multiple', stem: '进入有限空间作业前，\n下列哪些做法是正确的？', options: ['先通风', '直接进入', '再检测', '后作业'], answer: [0, 2, 3] })
})

test('several allowed choices but exactly one correct is a single choice question', () => {
	const read = parseQtiItem(item('identifier="x"', declare('multiple', 'B'), '<choiceInteraction responseIdentifier="RESPONSE" maxChoices="3"><prompt>哪一项是安全电压？</prompt><simpleChoice identifier="A">220V</simpleChoice><simpleChoice identifier="B">36V</simpleChoice><simpleChoice identifier="C">380V</simpleChoice></choiceInteraction>'), 'x.xml')
	expect(read.item?.content).toMatchObject({ type: 'single', answer: [1] })
})

test('the title is the key when there is no identifier', () => {
	const xml = singleItem.replace('identifier="fire-01" ', '')
	expect(parseQtiItem(xml, 'a.xml').item?.key).toBe('灭火器的选用')
})

test('items with other interactions are unsupported, naming the interaction', () => {
	const text = item('identifier="t"', '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>', '<p>安全生产法自<textEntryInteraction responseIdentifier="RESPONSE" expectedLength="4"/>年起施行。</p>')
	expect(parseQtiItem(text, 'items/t.xml')).toEqual({ unsupported: { where: 'items/t.xml', message: 'textEntryInteraction 类型不支持，已跳过' } })
	const essay = item('identifier="e"', '', '<extendedTextInteraction responseIdentifier="RESPONSE"><prompt>论述题</prompt></extendedTextInteraction>')
	expect(parseQtiItem(essay, 'e.xml').unsupported?.message).toBe('extendedTextInteraction 类型不支持，已跳过')
})

test('a correct response that names no choice, or two answers with maxChoices=1, is a problem', () => {
	const unknown = singleItem.replace('<value>ChoiceB</value>', '<value>ChoiceZ</value>')
	expect(parseQtiItem(unknown, 'u.xml')).toEqual({ problem: { where: 'u.xml', message: '答案：正确答案“ChoiceZ”不是任何选项的标识（identifier）' } })
	const two = singleItem.replace('<value>ChoiceB</value>', '<value>ChoiceA</value><value>ChoiceB</value>')
	expect(parseQtiItem(two, 't.xml').problem?.message).toContain('只能选一个选项')
	const none = singleItem.replace(/<correctResponse>.*<\/correctResponse>/, '')
	expect(parseQtiItem(none, 'n.xml').problem?.message).toBe('答案：没有正确答案（responseDeclaration 中缺少 correctResponse）')
})

test('broken XML and non-QTI documents are problems, never throws', () => {
	expect(parseQtiItem('<assessmentItem>\n<itemBody>\n</assessmentItem>', 'b.xml').problem).toEqual({ where: expect.stringMatching(/^b\.xml 第 \d+ 行$/), message: expect.stringContaining('XML 格式错误') })
	expect(parseQtiItem('<questestinterop><item/></questestinterop>', 'old.xml').problem?.message).toContain('QTI 1.2')
	expect(parseQtiItem('<quiz/>', 'q.xml').problem?.message).toContain('不是 QTI 题目')
})

test('a lone item XML upload is read as one question', async () => {
	const result = await parseQtiPackage(new TextEncoder().encode(`\uFEFF${singleItem}`), 'fire.xml')
	expect(result).toMatchObject({ read: 1, problems: [], unsupported: [], items: [{ where: 'fire.xml', key: 'fire-01' }] })
})

const manifest = (resources: string) => `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="MANIFEST-1">
	<metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>
	<organizations/>
	<resources>
${resources}
	</resources>
</manifest>
`

test('a content package follows its manifest to every item, each named by its href', async () => {
	const zip = new JSZip()
	zip.file(
		'imsmanifest.xml',
		manifest(`		<resource identifier="test" type="imsqti_test_xmlv2p1" href="test.xml"><file href="test.xml"/></resource>
		<resource identifier="fire-01" type="imsqti_item_xmlv2p1" href="items/fire-01.xml"><file href="items/fire-01.xml"/></resource>
		<resource identifier="ppe-02" type="imsqti_item_xmlv2p2"><file href="items/ppe%2002.xml"/></resource>
		<resource identifier="gone" type="imsqti_item_xmlv2p1" href="items/gone.xml"/>`),
	)
	zip.file('test.xml', '<assessmentTest/>')
	zip.file('items/fire-01.xml', singleItem)
	zip.file('items/ppe 02.xml', multipleItem)
	const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
	const result = await parseQtiPackage(bytes, 'bank.zip')
	expect(result.read).toBe(3)
	expect(result.items.map((i) => [i.where, i.key, i.content.type, i.content.source])).toEqual([
		['items/fire-01.xml', 'fire-01', 'single', 'bank.zip'],
		['items/ppe%2002.xml', 'ppe-02', 'multiple', 'bank.zip'],
	])
	expect(result.problems).toEqual([{ where: 'items/gone.xml', message: '清单中列出的题目文件在压缩包中找不到' }])
})

test('a package without imsmanifest.xml is refused', async () => {
	const zip = new JSZip()
	zip.file('items/fire-01.xml', singleItem)
	const result = await parseQtiPackage(await zip.generateAsync({ type: 'uint8array' }), 'bank.zip')
	expect(result).toEqual({ read: 0, items: [], unsupported: [], problems: [{ where: 'bank.zip', message: '压缩包中没有 imsmanifest.xml' }] })
})

test('an unsafe or broken zip is refused with the safe-zip reason', async () => {
	const zip = new JSZip()
	zip.file('../evil.xml', singleItem)
	const result = await parseQtiPackage(await zip.generateAsync({ type: 'uint8array' }), 'evil.zip')
	expect(result.problems).toEqual([{ where: 'evil.zip', message: expect.stringContaining('../evil.xml') }])
	const junk = await parseQtiPackage(new Uint8Array([1, 2, 3, 4]), 'junk.bin')
	expect(junk.problems).toEqual([{ where: 'junk.bin', message: '既不是 QTI 题目（XML），也不是 QTI 内容包（zip）' }])
})
