import { expect, test } from 'vitest'
import { ANSWER_GRACE_SECONDS, answerToStore, secondsToStore } from './answer.ts'

const deadlineAt = new Date('2026-06-01T03:00:00Z')
const target = { deadlineAt, finishedAt: null, optionOrder: [2, 0, 3, 1], type: 'multiple' }
const before = new Date(deadlineAt.getTime() - 60_000)

test('displayed choices are stored as the authored options they showed, sorted and without repeats', () => {
	expect(answerToStore(target, [0, 2, 0], before)).toEqual({ ok: true, chosen: [2, 3] })
	expect(answerToStore(target, [], before)).toEqual({ ok: true, chosen: [] })
})

test('a missing or finished paper and an answer after the grace period are refused', () => {
	expect(answerToStore(null, [0], before)).toMatchObject({ ok: false, reason: 'not-found' })
	expect(answerToStore({ ...target, finishedAt: before }, [0], before)).toMatchObject({ ok: false, reason: 'finished' })
	expect(answerToStore(target, [0], new Date(deadlineAt.getTime() + ANSWER_GRACE_SECONDS * 1000))).toMatchObject({ ok: true })
	expect(answerToStore(target, [0], new Date(deadlineAt.getTime() + ANSWER_GRACE_SECONDS * 1000 + 1))).toMatchObject({ ok: false, reason: 'late' })
})

test('an option the question does not have, or two options on a single-choice question, are invalid', () => {
	expect(answerToStore(target, [4], before)).toMatchObject({ ok: false, reason: 'invalid' })
	expect(answerToStore(target, [-1], before)).toMatchObject({ ok: false, reason: 'invalid' })
	expect(answerToStore({ ...target, type: 'single' }, [0, 1], before)).toMatchObject({ ok: false, reason: 'invalid' })
	expect(answerToStore({ ...target, type: 'judge', optionOrder: [1, 0] }, [1], before)).toEqual({ ok: true, chosen: [0] })
})

test('time spent on a question is whole seconds between none and one day', () => {
	expect(secondsToStore(undefined)).toBe(0)
	expect(secondsToStore(-5)).toBe(0)
	expect(secondsToStore(7.4)).toBe(7)
	expect(secondsToStore(10 ** 9)).toBe(86_400)
})
