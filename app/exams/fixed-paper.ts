// Fixed-question papers: the admin's picks and points become the paper's questions. Pure, so
// the form, the save and the tests share one set of rules and messages.
import { QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from './question.ts'

/** The most questions one fixed paper may hold. */
export const FIXED_PAPER_MAX = 200

/** The points per question the form suggests for each type. */
export const DEFAULT_TYPE_POINTS: Record<QuestionType, number> = { single: 2, multiple: 2, judge: 1 }

/** What the form gives: the chosen question ids, each with its own points or none. */
export type FixedPaperDraft = {
	picks: { questionId: number; points: number | null }[]
	/** Points for a question of each type that has none of its own. */
	typePoints: Partial<Record<QuestionType, number>>
}

/** What the database knows of a picked question: its key and its current type. */
export type PickedQuestion = { id: number; key: string; type: QuestionType }

export type FixedPaperResult = { ok: true; questions: { questionId: number; points: number }[]; total: number } | { ok: false; errors: Record<string, string> }

/** A question's key as the bank file wrote it (imported keys carry a prefix; hash keys are shortened). */
export function questionLabel(key: string) {
	if (key.startsWith('k-')) return key.slice(2)
	if (key.startsWith('h-')) return key.slice(0, 10)
	return key
}

/**
 * The paper's questions, grouped by type (单选, 多选, 判断) in the order they were picked, each
 * at its own points or its type's. `found` holds the picks that are current questions of the
 * chosen banks; `strangers` names the others (by key, when the question exists at all).
 */
export function resolveFixedPaper(draft: FixedPaperDraft, found: readonly PickedQuestion[], strangers: ReadonlyMap<number, string> = new Map()): FixedPaperResult {
	const errors: Record<string, string> = {}
	if (draft.picks.length === 0) return { ok: false, errors: { questions: '固定试题：请至少选择一道题' } }
	const byId = new Map(found.map((q) => [q.id, q]))
	const missing = draft.picks.filter((p) => !byId.has(p.questionId))
	if (missing.length > 0) {
		const names = missing.map((p) => (strangers.has(p.questionId) ? questionLabel(strangers.get(p.questionId)!) : `编号 ${p.questionId}`))
		errors.questions = `固定试题：试题 ${names.join('、')} 不在所选题库中（或已停用），请重新选择`
	}
	const questions: { questionId: number; points: number; type: QuestionType }[] = []
	for (const pick of draft.picks) {
		const q = byId.get(pick.questionId)
		if (!q) continue
		const points = pick.points ?? draft.typePoints[q.type]
		if (points === undefined) {
			errors[`points.${q.type}`] = `固定试题：请填写${QUESTION_TYPE_LABELS[q.type]}每题分值（或为每道${QUESTION_TYPE_LABELS[q.type]}单独填写分值）`
			continue
		}
		questions.push({ questionId: q.id, points, type: q.type })
	}
	const total = questions.reduce((n, q) => n + q.points, 0)
	if (Object.keys(errors).length === 0 && !(total > 0)) errors.questions = '固定试题：试卷总分必须大于 0'
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	const ordered = QUESTION_TYPES.flatMap((type) => questions.filter((q) => q.type === type))
	return { ok: true, questions: ordered.map((q) => ({ questionId: q.questionId, points: q.points })), total }
}
