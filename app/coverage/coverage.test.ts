import { expect, test } from 'vitest'
import { coverageStatus, sweepYears } from './coverage.ts'

const base = { owedMinutes: 8 * 45, obligations: 1, dueBy: '2026-12-31', creditedSeconds: 0, categoryShortSeconds: 0, examPassed: false, requiredItems: 0, requiredDone: 0 }

test('status by the facts and the calendar', () => {
	expect(coverageStatus(base, '2026-06-01')).toBe('not_started')
	expect(coverageStatus({ ...base, creditedSeconds: 600 }, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus({ ...base, creditedSeconds: 8 * 45 * 60 }, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus({ ...base, creditedSeconds: 8 * 45 * 60, examPassed: true }, '2026-06-01')).toBe('done')
	expect(coverageStatus({ ...base, creditedSeconds: 600 }, '2027-01-01')).toBe('overdue')
	expect(coverageStatus({ ...base, creditedSeconds: 8 * 45 * 60, examPassed: true }, '2027-01-01')).toBe('done')
	expect(coverageStatus({ ...base, obligations: 0, owedMinutes: 0, dueBy: null }, '2026-06-01')).toBe('none')
})

test('hours enough in total but short in a category are not 达标: time before an appointment fills no initial training', () => {
	const shortInCategory = { ...base, creditedSeconds: 8 * 45 * 60, categoryShortSeconds: 2 * 45 * 60, examPassed: true }
	expect(coverageStatus(shortInCategory, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus(shortInCategory, '2027-01-01')).toBe('overdue')
	expect(coverageStatus({ ...shortInCategory, categoryShortSeconds: 0 }, '2027-01-01')).toBe('done')
})

test('a rule without hours is met by the exam alone', () => {
	expect(coverageStatus({ ...base, owedMinutes: 0, examPassed: true }, '2026-06-01')).toBe('done')
})

test('assigned courses and exams must be done too, and one done item is a start', () => {
	const met = { ...base, creditedSeconds: 8 * 45 * 60, examPassed: true }
	expect(coverageStatus({ ...met, requiredItems: 2, requiredDone: 1 }, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus({ ...met, requiredItems: 2, requiredDone: 2 }, '2026-06-01')).toBe('done')
	expect(coverageStatus({ ...base, requiredItems: 1, requiredDone: 1 }, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus({ ...base, requiredItems: 1, requiredDone: 0 }, '2027-01-01')).toBe('overdue')
})

test('with no rule obligation, an assignment alone decides the status', () => {
	const assignedOnly = { ...base, obligations: 0, owedMinutes: 0, requiredItems: 1 }
	expect(coverageStatus(assignedOnly, '2026-06-01')).toBe('not_started')
	expect(coverageStatus({ ...assignedOnly, requiredDone: 1 }, '2026-06-01')).toBe('done')
})

test('the background sweeps cover last year too through January, this year alone after', () => {
	expect(sweepYears('2027-01-01')).toEqual([2027, 2026])
	expect(sweepYears('2027-01-31')).toEqual([2027, 2026])
	expect(sweepYears('2027-02-01')).toEqual([2027])
	expect(sweepYears('2026-12-31')).toEqual([2026])
})
