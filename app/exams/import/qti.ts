// IMS QTI 2.1 / 2.2 items: an assessmentItem with one choiceInteraction becomes a single or
// multiple choice question; items with any other interaction are listed as unsupported. Reads a
// lone item XML or an IMS content package (zip with imsmanifest.xml). Pure and never throws.
import { checkQuestion, type QuestionContent, type QuestionType } from '../question.ts'
import { child, descendants, elements, elementText, readXml, type XmlNode } from './moodle-xml.ts'
import { readZipSafely } from './safe-zip.ts'
import { IMPORT_DEFAULTS, type ImportItem, type ImportProblem, type ImportResult } from './types.ts'

export type QtiItemResult = { item?: ImportItem; problem?: ImportProblem; unsupported?: ImportProblem }

/** Parts of the body that are not shown as the question: feedback and scorer-only blocks. */
const NOT_STEM = new Set(['feedbackBlock', 'feedbackInline', 'modalFeedback', 'rubricBlock', 'templateBlock', 'templateInline', 'stylesheet'])

const isInteraction = (n: XmlNode) => n.name.endsWith('Interaction')

/** Read one assessmentItem; `where` names it (the package href or the file). */
export function parseQtiItem(xml: string, where: string): QtiItemResult {
	const read = readXml(xml)
	if (!read.ok) return { problem: { where: read.line ? `${where} 第 ${read.line} 行` : where, message: `XML 格式错误：${read.message}` } }
	const fail = (message: string): QtiItemResult => ({ problem: { where, message } })
	const root = read.roots.find((n) => n.name !== '#text' && n.name !== '#cdata')
	if (root?.name === 'questestinterop') return fail('QTI 1.2 格式（questestinterop）不支持，请导出为 QTI 2.1 或 2.2')
	if (root?.name === 'qti-assessment-item') return fail('QTI 3.0 格式不支持，请导出为 QTI 2.1 或 2.2')
	if (root?.name !== 'assessmentItem') return fail(`不是 QTI 题目（根元素应为 assessmentItem，这里是 ${root?.name ?? '空'}）`)

	const key = root.attrs.identifier?.trim() || root.attrs.title?.trim() || undefined
	const body = child(root, 'itemBody')
	if (!body) return fail('缺少题目正文（itemBody）')
	const interactions = descendants(body, isInteraction)
	const others = [...new Set(interactions.filter((n) => n.name !== 'choiceInteraction').map((n) => n.name))]
	if (others.length > 0) return { unsupported: { where, message: `${others.join('、')} 类型不支持，已跳过` } }
	const interaction = interactions[0]
	if (!interaction) return { unsupported: { where, message: '没有可作答的交互（choiceInteraction），已跳过' } }
	if (interactions.length > 1) return { unsupported: { where, message: `一道题里有 ${interactions.length} 个 choiceInteraction（组合题）不支持，已跳过` } }

	const stem = elementText(body, 'cdata', (n) => {
		if (n === interaction) return `\n${elementText(child(n, 'prompt'), 'cdata')}\n`
		return NOT_STEM.has(n.name) ? '' : undefined
	})
	const choices = elements(interaction, 'simpleChoice')
	const options = choices.map((c) => elementText(c, 'cdata', (n) => (NOT_STEM.has(n.name) ? '' : undefined)))
	const ids = choices.map((c) => (c.attrs.identifier ?? '').trim())
	const messages: string[] = []
	if (ids.some((id) => !id)) messages.push('选项：有选项缺少标识（simpleChoice 的 identifier）')
	if (new Set(ids).size !== ids.length) messages.push('选项：有重复的选项标识（identifier）')

	const declarations = elements(root, 'responseDeclaration')
	const responseId = interaction.attrs.responseIdentifier
	const declaration = declarations.find((d) => d.attrs.identifier === responseId) ?? (declarations.length === 1 ? declarations[0] : undefined)
	if (!declaration) return fail(`找不到作答声明（responseDeclaration identifier="${responseId ?? ''}"）`)
	let correct = elements(child(declaration, 'correctResponse'), 'value').map((v) => elementText(v, 'plain'))
	if (correct.length === 0) {
		// Some tools only score through a mapping: the choices worth points are the right ones.
		correct = elements(child(declaration, 'mapping'), 'mapEntry')
			.filter((e) => Number.parseFloat(e.attrs.mappedValue ?? '0') > 0)
			.map((e) => (e.attrs.mapKey ?? '').trim())
	}
	correct = [...new Set(correct.filter(Boolean))]
	const answer: number[] = []
	for (const id of correct) {
		const index = ids.indexOf(id)
		if (index < 0) messages.push(`答案：正确答案“${id}”不是任何选项的标识（identifier）`)
		else answer.push(index)
	}
	answer.sort((a, b) => a - b)
	if (correct.length === 0) messages.push('答案：没有正确答案（responseDeclaration 中缺少 correctResponse）')

	const maxChoicesAttr = interaction.attrs.maxChoices
	const maxChoices = maxChoicesAttr === undefined ? (declaration.attrs.cardinality === 'multiple' ? 0 : 1) : Number.parseInt(maxChoicesAttr, 10)
	if ((maxChoices === 1 || declaration.attrs.cardinality === 'single') && correct.length > 1) messages.push(`答案：只能选一个选项（maxChoices=1 或 cardinality=single），却有 ${correct.length} 个正确答案`)
	const type: QuestionType = correct.length <= 1 ? 'single' : 'multiple'

	const content: QuestionContent = {
		type,
		stem,
		options,
		answer,
		explanation: IMPORT_DEFAULTS.explanation,
		articles: [],
		caseSlug: null,
		source: where,
		topic: IMPORT_DEFAULTS.topic,
		difficulty: IMPORT_DEFAULTS.difficulty,
		industries: [],
		jobs: [],
	}
	const answerKnown = !messages.some((m) => m.startsWith('答案：'))
	const all = [...checkQuestion(content).filter((m) => answerKnown || !m.startsWith('答案：')), ...messages]
	if (all.length > 0) return fail(all.join('；'))
	return { item: { where, ...(key ? { key } : {}), content } }
}

const utf8 = new TextDecoder('utf-8')

/** True if the bytes are text whose first visible character is `<`. */
function looksLikeXml(bytes: Uint8Array) {
	return /^\s*</.test(utf8.decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, ''))
}

/** `a/./b/../c` → `a/c`; null if it climbs out of the package. */
function normalisePath(path: string): string | null {
	const out: string[] = []
	for (const part of path.replaceAll('\\', '/').split('/')) {
		if (part === '' || part === '.') continue
		if (part === '..') {
			if (out.length === 0) return null
			out.pop()
		} else out.push(part)
	}
	return out.join('/')
}

function decodeHref(href: string) {
	try {
		return decodeURIComponent(href)
	} catch {
		return href
	}
}

function addItem(result: ImportResult, read: QtiItemResult, source: string) {
	result.read++
	if (read.item) result.items.push({ ...read.item, content: { ...read.item.content, source } })
	if (read.problem) result.problems.push(read.problem)
	if (read.unsupported) result.unsupported.push(read.unsupported)
}

/**
 * Read an upload: one QTI item XML, or an IMS content package whose imsmanifest.xml lists the
 * items (resource type imsqti_item_xmlv2p1 / v2p2). Each item's `where` is its href.
 */
export async function parseQtiPackage(bytes: Uint8Array, file: string): Promise<ImportResult> {
	const result: ImportResult = { read: 0, items: [], problems: [], unsupported: [] }
	if (looksLikeXml(bytes)) {
		addItem(result, parseQtiItem(utf8.decode(bytes), file), file)
		return result
	}
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b
	const zip = await readZipSafely(bytes)
	if (!zip.ok) {
		result.problems.push({ where: file, message: isZip ? zip.message : '既不是 QTI 题目（XML），也不是 QTI 内容包（zip）' })
		return result
	}
	const manifests = [...zip.files.keys()].filter((p) => p === 'imsmanifest.xml' || p.endsWith('/imsmanifest.xml'))
	const depth = (p: string) => p.split('/').length
	const shallowest = Math.min(...manifests.map(depth))
	const top = manifests.filter((p) => depth(p) === shallowest)
	const manifestPath = top.length === 1 ? top[0] : undefined
	if (!manifestPath) {
		result.problems.push({ where: file, message: manifests.length === 0 ? '压缩包中没有 imsmanifest.xml' : `压缩包中有多个 imsmanifest.xml（${top.join('、')}），无法确定用哪一个` })
		return result
	}
	const base = manifestPath.slice(0, manifestPath.length - 'imsmanifest.xml'.length)
	const manifest = readXml(utf8.decode(zip.files.get(manifestPath)))
	if (!manifest.ok) {
		result.problems.push({ where: `${file} ${manifestPath}${manifest.line ? ` 第 ${manifest.line} 行` : ''}`, message: `XML 格式错误：${manifest.message}` })
		return result
	}
	const resources = manifest.roots.flatMap((root) => (root.name === 'resource' ? [root] : descendants(root, (n) => n.name === 'resource')))
	const items = resources.filter((r) => /^imsqti_item_xmlv2p\d/i.test(r.attrs.type ?? ''))
	if (items.length === 0) {
		const old = resources.some((r) => /^imsqti_xmlv1p\d|^imsqti_item_xmlv1p\d/i.test(r.attrs.type ?? ''))
		result.problems.push({
			where: `${file} ${manifestPath}`,
			message: old ? 'QTI 1.2 内容包不支持，请导出为 QTI 2.1 或 2.2' : '清单中没有 QTI 2.1 / 2.2 题目（resource 类型 imsqti_item_xmlv2p1 或 imsqti_item_xmlv2p2）',
		})
		return result
	}
	const seen = new Set<string>()
	for (const resource of items) {
		const href = (resource.attrs.href || elements(resource, 'file')[0]?.attrs.href || '').trim()
		if (!href) {
			result.read++
			result.problems.push({ where: `${file} ${manifestPath}（资源 ${resource.attrs.identifier ?? '无标识'}）`, message: '题目资源缺少文件路径（href）' })
			continue
		}
		if (seen.has(href)) continue
		seen.add(href)
		const path = normalisePath(base + decodeHref(href))
		const data = path === null ? undefined : zip.files.get(path)
		if (!data) {
			result.read++
			result.problems.push({ where: href, message: '清单中列出的题目文件在压缩包中找不到' })
			continue
		}
		addItem(result, parseQtiItem(utf8.decode(data), href), file)
	}
	return result
}
