import { expect, test } from 'vitest'
import { coverageStatus } from './coverage.ts'

const base = { owedMinutes: 8 * 45, obligations: 1, dueBy: '2026-12-31', creditedSeconds: 0, examPassed: false }

test('status by the facts and the calendar', () => {
	expect(coverageStatus(base, '2026-06-01')).toBe('not_started')
	expect(coverageStatus({ ...base, creditedSeconds: 600 }, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus({ ...base, creditedSeconds: 8 * 45 * 60 }, '2026-06-01')).toBe('in_progress')
	expect(coverageStatus({ ...base, creditedSeconds: 8 * 45 * 60, examPassed: true }, '2026-06-01')).toBe('done')
	expect(coverageStatus({ ...base, creditedSeconds: 600 }, '2027-01-01')).toBe('overdue')
	expect(coverageStatus({ ...base, creditedSeconds: 8 * 45 * 60, examPassed: true }, '2027-01-01')).toBe('done')
	expect(coverageStatus({ ...base, obligations: 0, owedMinutes: 0, dueBy: null }, '2026-06-01')).toBe('none')
})

test('a rule without hours is met by the exam alone', () => {
	expect(coverageStatus({ ...base, owedMinutes: 0, examPassed: true }, '2026-06-01')).toBe('done')
})
