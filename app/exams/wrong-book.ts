// The wrong-answer book (错题本) rule. Pure.

/** Correct answers in a row that take a question out of the book. */
export const LEAVE_AFTER_CORRECT = 2

export type BookState = { wrongCount: number; streak: number; inBook: boolean }

/**
 * The state after one more answer: a wrong answer puts the question in (or back in) the book;
 * correct answers count up and take it out after two in a row. A correct answer to a question
 * never in the book changes nothing (null).
 */
export function nextBookState(prev: BookState | null, correct: boolean): BookState | null {
	if (!correct) return { wrongCount: (prev?.wrongCount ?? 0) + 1, streak: 0, inBook: true }
	if (!prev || !prev.inBook) return null
	const streak = prev.streak + 1
	return { wrongCount: prev.wrongCount, streak, inBook: streak < LEAVE_AFTER_CORRECT }
}

/**
 * The least time a careful reader needs for a paper: its text at 10 characters a second
 * (a fast skim of Chinese) plus 2 seconds a question to choose. Finishing faster is flagged.
 */
export function plausibleReadingSeconds(questions: readonly { stem: string; options: readonly string[] }[]) {
	const chars = questions.reduce((n, q) => n + q.stem.length + q.options.reduce((m, o) => m + o.length, 0), 0)
	return Math.ceil(chars / 10 + questions.length * 2)
}
