import { and, asc, count, eq, ilike, inArray, notInArray, sql } from 'drizzle-orm'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db } from '#app/utils/db.server.ts'
import { questionBanks, questions, questionVersions } from '#db/schema/index.ts'
import { parseFixedPaper, parsePickerFilter, pickedIds, type PickerFilter } from './exam-form.ts'
import { resolveFixedPaper } from './fixed-paper.ts'
import { type Difficulty, QUESTION_TYPES, type QuestionType } from './question.ts'

export const PICKER_PAGE_SIZE = 30
const STEM_EXCERPT = 60

/** The banks a paper may take questions from: the ones the admin chose, if active. */
export type BankScope = { banks: string[] }

/** One question as the picker lists it: its current version's stem, cut short. */
export type PickerQuestion = { id: number; key: string; bank: string; bankTitle: string; type: QuestionType; difficulty: Difficulty; topic: string; stem: string }

const pickerColumns = {
	id: questions.id,
	key: questions.key,
	bank: questionBanks.slug,
	bankTitle: questionBanks.title,
	type: questions.type,
	difficulty: questions.difficulty,
	topic: questions.topic,
	stem: sql<string>`left(${questionVersions.content}->>'stem', ${STEM_EXCERPT + 1})`,
}

function excerpt<T extends { stem: string }>(row: T) {
	return row.stem.length > STEM_EXCERPT ? { ...row, stem: `${row.stem.slice(0, STEM_EXCERPT)}…` } : row
}

/** Current, active questions of the scope's active banks: the only ones a fixed paper may hold. */
function inScope(scope: BankScope) {
	return and(inArray(questionBanks.slug, scope.banks), eq(questionBanks.active, true), eq(questions.active, true))
}

/** A page of the questions a fixed paper may take, filtered, leaving out those already picked. */
export async function pickableQuestions(scope: BankScope, filter: PickerFilter, exclude: readonly number[] = []) {
	if (scope.banks.length === 0) return { rows: [] as PickerQuestion[], total: 0, page: 1, pageSize: PICKER_PAGE_SIZE }
	const where = and(
		inScope(scope),
		filter.bank ? eq(questionBanks.slug, filter.bank) : undefined,
		filter.type ? eq(questions.type, filter.type) : undefined,
		filter.difficulty ? eq(questions.difficulty, filter.difficulty) : undefined,
		filter.topic ? eq(questions.topic, filter.topic) : undefined,
		filter.search ? ilike(sql`${questionVersions.content}->>'stem'`, `%${likeEscape(filter.search)}%`) : undefined,
		exclude.length > 0 ? notInArray(questions.id, [...exclude]) : undefined,
	)
	const [[total], rows] = await Promise.all([
		db
			.select({ n: count() })
			.from(questions)
			.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
			.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
			.where(where),
		db
			.select(pickerColumns)
			.from(questions)
			.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
			.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
			.where(where)
			.orderBy(asc(questionBanks.slug), asc(questions.position), asc(questions.id))
			.limit(PICKER_PAGE_SIZE)
			.offset((filter.page - 1) * PICKER_PAGE_SIZE),
	])
	return { rows: (rows as PickerQuestion[]).map(excerpt), total: total?.n ?? 0, page: filter.page, pageSize: PICKER_PAGE_SIZE }
}

/** The picked questions that are current questions of the scope's banks, in the order given. */
export async function pickedQuestions(scope: BankScope, ids: readonly number[]): Promise<PickerQuestion[]> {
	if (scope.banks.length === 0 || ids.length === 0) return []
	const rows = (await db
		.select(pickerColumns)
		.from(questions)
		.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
		.innerJoin(questionVersions, eq(questionVersions.id, questions.versionId))
		.where(and(inScope(scope), inArray(questions.id, [...ids])))) as PickerQuestion[]
	const byId = new Map(rows.map((r) => [r.id, excerpt(r)]))
	return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Keys of questions outside the scope, so a refusal can name them (banks are platform-wide). */
export async function questionKeys(ids: readonly number[]) {
	if (ids.length === 0) return new Map<number, string>()
	const rows = await db.select({ id: questions.id, key: questions.key }).from(questions).where(inArray(questions.id, [...ids]))
	return new Map(rows.map((r) => [r.id, r.key]))
}

/** The knowledge points (知识点) of the scope's current questions, for the picker's filter. */
export async function pickerTopics(scope: BankScope) {
	if (scope.banks.length === 0) return []
	const rows = await db
		.selectDistinct({ topic: questions.topic })
		.from(questions)
		.innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
		.where(inScope(scope))
		.orderBy(asc(questions.topic))
	return rows.map((r) => r.topic).filter(Boolean)
}

/**
 * What the fixed-paper picker shows for the form's fields as last sent (a filter's GET or a
 * refused save): the picked questions by type with the paper's total, and a page of the others.
 */
export async function questionPicker(fields: FormData | URLSearchParams) {
	const scope = { banks: fields.getAll('banks').map(String).filter(Boolean) }
	const filter = parsePickerFilter(fields)
	const ids = pickedIds(fields).slice(0, 1000)
	const [picked, results, topics] = await Promise.all([pickedQuestions(scope, ids), pickableQuestions(scope, filter, ids), pickerTopics(scope)])
	const draft = parseFixedPaper(fields, {})
	const kept = new Set(picked.map((q) => q.id))
	const resolved = resolveFixedPaper({ ...draft, picks: draft.picks.filter((p) => kept.has(p.questionId)) }, picked)
	return {
		picked: QUESTION_TYPES.flatMap((type) => picked.filter((q) => q.type === type)),
		/** Picks that are no longer in the chosen banks (a bank was unticked): they are let go. */
		dropped: ids.length - picked.length,
		total: resolved.ok ? resolved.total : null,
		results,
		topics,
	}
}

export type QuestionPicker = Awaited<ReturnType<typeof questionPicker>>
