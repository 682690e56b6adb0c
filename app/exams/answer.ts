// What an answer save may store: the pure checks behind every save (the JSON endpoint and
// the whole-form post alike), unit-tested in answer.test.ts.

/** Answers sent up to this long after the deadline still count (an offline queue flushing). */
export const ANSWER_GRACE_SECONDS = 30

/** The attempt and question an answer is for, as the database holds them. */
export type AnswerTarget = {
	deadlineAt: Date
	finishedAt: Date | null
	/** Displayed position → authored option index. */
	optionOrder: number[]
	type: string
}

export type AnswerRefusal = { ok: false; reason: 'not-found' | 'finished' | 'late' | 'invalid'; message: string }

/**
 * The authored option indices to store for `chosen` (displayed indices), or why the save is
 * refused. A missing target is "not found": an attempt of someone else's looks the same as
 * none at all.
 */
export function answerToStore(target: AnswerTarget | null, chosen: number[], now: Date): { ok: true; chosen: number[] } | AnswerRefusal {
	if (!target) return { ok: false, reason: 'not-found', message: '试卷或题目不存在' }
	if (target.finishedAt) return { ok: false, reason: 'finished', message: '试卷已交，答案不能再修改' }
	if (now.getTime() > target.deadlineAt.getTime() + ANSWER_GRACE_SECONDS * 1000) {
		return { ok: false, reason: 'late', message: '考试时间已到，此后的作答不再保存' }
	}
	const displayed = [...new Set(chosen)].sort((a, b) => a - b)
	if (displayed.some((i) => !Number.isInteger(i) || i < 0 || i >= target.optionOrder.length) || (target.type !== 'multiple' && displayed.length > 1)) {
		return { ok: false, reason: 'invalid', message: '所选选项无效' }
	}
	return { ok: true, chosen: displayed.map((i) => target.optionOrder[i]!).sort((a, b) => a - b) }
}

/** Seconds the learner spent on the question since their last answer, kept within a day. */
export function secondsToStore(secondsSpent: number | undefined) {
	return Math.max(0, Math.min(24 * 3600, Math.round(secondsSpent ?? 0)))
}
