import { expect, test } from 'vitest'
import { nextBookState, plausibleReadingSeconds } from './wrong-book.ts'

test('a wrong answer enters the book; two correct in a row take it out', () => {
	const first = nextBookState(null, false)
	expect(first).toEqual({ wrongCount: 1, streak: 0, inBook: true })
	const once = nextBookState(first, true)
	expect(once).toEqual({ wrongCount: 1, streak: 1, inBook: true })
	expect(nextBookState(once, true)).toEqual({ wrongCount: 1, streak: 2, inBook: false })
})

test('a wrong answer between correct ones starts the count again', () => {
	const s = nextBookState(nextBookState(nextBookState(null, false), true), false)
	expect(s).toEqual({ wrongCount: 2, streak: 0, inBook: true })
})

test('a correct answer to a question never in the book records nothing', () => {
	expect(nextBookState(null, true)).toBeNull()
	expect(nextBookState({ wrongCount: 1, streak: 2, inBook: false }, true)).toBeNull()
})

test('reading time grows with the text and the number of questions', () => {
	expect(plausibleReadingSeconds([{ stem: '一'.repeat(30), options: ['甲'.repeat(10), '乙'.repeat(10)] }])).toBe(7)
	expect(plausibleReadingSeconds([])).toBe(0)
})
