import { and, eq, inArray } from 'drizzle-orm'
import { type Db, type Tx } from '#app/utils/db.server.ts'
import { wrongAnswers } from '#db/schema/index.ts'
import { nextBookState } from './wrong-book.ts'


/** Apply answers (from an exam or practice) to the person's wrong-answer book, in one pass. */
export async function recordInWrongBook(tx: Tx | Db, personId: number, results: readonly { questionId: number; correct: boolean }[], now: Date) {
	if (results.length === 0) return
	const ids = [...new Set(results.map((r) => r.questionId))]
	const existing = await tx
		.select({ questionId: wrongAnswers.questionId, wrongCount: wrongAnswers.wrongCount, streak: wrongAnswers.streak, inBook: wrongAnswers.inBook })
		.from(wrongAnswers)
		.where(and(eq(wrongAnswers.personId, personId), inArray(wrongAnswers.questionId, ids)))
	const state = new Map(existing.map((e) => [e.questionId, e]))
	for (const r of results) {
		const prev = state.get(r.questionId) ?? null
		const next = nextBookState(prev, r.correct)
		if (!next) continue
		state.set(r.questionId, { questionId: r.questionId, ...next })
		const values = { ...next, updatedAt: now, ...(r.correct ? {} : { lastWrongAt: now }) }
		await tx
			.insert(wrongAnswers)
			.values({ personId, questionId: r.questionId, lastWrongAt: now, ...values })
			.onConflictDoUpdate({ target: [wrongAnswers.personId, wrongAnswers.questionId], set: values })
	}
}
