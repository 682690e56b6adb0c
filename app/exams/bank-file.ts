// The question-bank files of content/banks/<slug>.yaml: reviewable text, one entry per
// question, checked field by field with the line it sits on. Pure (text in, questions out).
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'
import { z } from 'zod'
import { checkQuestion, DIFFICULTIES, DIFFICULTY_LABELS, type Difficulty, JUDGE_OPTIONS, parseAnswer, QUESTION_TYPES, type QuestionContent } from './question.ts'

export const JOB_TAGS = ['principal', 'safety_manager', 'special_operator', 'other', 'cadre'] as const

const DIFFICULTY_OF_LABEL = Object.fromEntries(Object.entries(DIFFICULTY_LABELS).map(([k, v]) => [v, k])) as Record<string, Difficulty>

const text = (what: string) => z.string({ error: `缺少${what}` }).trim().min(1, `缺少${what}`)

const BankHeaderSchema = z.object({
	title: text('题库名称（title）'),
	summary: text('题库说明（summary）'),
})

const QuestionEntrySchema = z.object({
	id: z.string({ error: '缺少题号（id）' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '题号（id）只能用小写字母、数字和连字符'),
	type: z.enum(QUESTION_TYPES, { error: '题型（type）应为 single / multiple / judge' }),
	difficulty: z.union([z.enum(DIFFICULTIES), z.enum(['易', '中', '难'])], { error: '难度（difficulty）应为 易 / 中 / 难' }),
	topic: text('知识点（topic）'),
	stem: text('题干（stem）'),
	options: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
	answer: z.union([z.string(), z.boolean()], { error: '缺少答案（answer）' }).transform((v) => (typeof v === 'boolean' ? (v ? '对' : '错') : v)),
	explanation: text('解析（explanation）'),
	source: text('出处（source）'),
	articles: z.array(z.string()).default([]),
	case: z.string().optional(),
	industries: z.array(z.string()).default([]),
	jobs: z.array(z.enum(JOB_TAGS, { error: `适用岗位（jobs）只能是 ${JOB_TAGS.join(' / ')}` })).default([]),
})

export type BankQuestion = QuestionContent & { key: string; line: number }
export type BankProblem = { where: string; message: string }
export type ParsedBank = { title: string; summary: string; questions: BankQuestion[]; problems: BankProblem[] }

/** Parse one bank file; `file` names it in problems. Nothing is dropped silently. */
export function parseBankFile(file: string, source: string): ParsedBank {
	const lineCounter = new LineCounter()
	const doc = parseDocument(source, { lineCounter, uniqueKeys: true })
	const problems: BankProblem[] = []
	const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line)
	if (doc.errors.length > 0) {
		for (const e of doc.errors) problems.push({ where: `${file} 第 ${lineOf(e.pos[0])} 行`, message: `YAML 格式错误：${e.message.split('\n')[0]}` })
		return { title: '', summary: '', questions: [], problems }
	}
	const header = BankHeaderSchema.safeParse(doc.toJS())
	if (!header.success) for (const i of header.error.issues) problems.push({ where: file, message: i.message })
	const list = isMap(doc.contents) ? doc.contents.get('questions', true) : null
	if (!isSeq(list)) {
		problems.push({ where: file, message: '缺少题目列表（questions）' })
		return { title: '', summary: '', questions: [], problems }
	}
	const questions: BankQuestion[] = []
	const seen = new Map<string, number>()
	list.items.forEach((node, index) => {
		const line = lineOf((node as { range?: [number, number, number] }).range?.[0])
		const raw = (node as { toJSON?: () => unknown }).toJSON?.() as Record<string, unknown> | undefined
		const where = `${file} 第 ${line} 行（第 ${index + 1} 题${typeof raw?.id === 'string' ? ` ${raw.id}` : ''}）`
		const entry = QuestionEntrySchema.safeParse(raw ?? {})
		if (!entry.success) {
			for (const i of entry.error.issues) problems.push({ where, message: i.message })
			return
		}
		const e = entry.data
		const first = seen.get(e.id)
		if (first !== undefined) {
			problems.push({ where, message: `题号 ${e.id} 与第 ${first} 行的题目重复` })
			return
		}
		seen.set(e.id, line)
		const options = e.type === 'judge' ? [...JUDGE_OPTIONS] : (e.options ?? [])
		if (e.type === 'judge' && e.options?.length) {
			problems.push({ where, message: '判断题不需要写选项（options）' })
			return
		}
		const answer = parseAnswer(e.answer, e.type, options.length)
		if (!answer.ok) {
			problems.push({ where, message: `答案（answer）：${answer.message}` })
			return
		}
		const q: QuestionContent = {
			type: e.type,
			stem: e.stem,
			options: options.map((o) => o.trim()),
			answer: answer.value,
			explanation: e.explanation,
			articles: e.articles,
			caseSlug: e.case ?? null,
			source: e.source,
			topic: e.topic,
			difficulty: DIFFICULTY_OF_LABEL[e.difficulty] ?? (e.difficulty as Difficulty),
			industries: e.industries,
			jobs: e.jobs,
		}
		const shape = checkQuestion(q)
		if (shape.length > 0) {
			for (const message of shape) problems.push({ where, message })
			return
		}
		questions.push({ ...q, key: e.id, line })
	})
	return { title: header.data?.title ?? '', summary: header.data?.summary ?? '', questions, problems }
}
