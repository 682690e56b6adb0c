import { expect, test } from 'vitest'
import { isYearOrLonger, leavePeriods, onLeave } from './employment.ts'

const hire = { kind: 'hire', effectiveOn: '2020-01-01', endsOn: null }

test('a leave closes at its own end date or at the next return', () => {
	const periods = leavePeriods([
		hire,
		{ kind: 'leave', effectiveOn: '2021-03-01', endsOn: '2022-03-01' },
		{ kind: 'leave', effectiveOn: '2023-05-10', endsOn: null },
		{ kind: 'return', effectiveOn: '2023-08-10', endsOn: null },
	])
	expect(periods).toEqual([
		{ from: '2021-03-01', to: '2022-03-01', days: 365 },
		{ from: '2023-05-10', to: '2023-08-10', days: 92 },
	])
})

test('a leave of exactly one year counts as 离岗一年以上, a day short does not', () => {
	expect(isYearOrLonger({ from: '2021-03-01', to: '2022-03-01', days: 365 })).toBe(true)
	expect(isYearOrLonger({ from: '2021-03-01', to: '2022-02-28', days: 364 })).toBe(false)
	expect(isYearOrLonger({ from: '2020-02-29', to: '2021-03-01', days: 366 })).toBe(true)
})

test('an open leave means the person is on leave now', () => {
	expect(onLeave([hire, { kind: 'leave', effectiveOn: '2024-01-01', endsOn: null }])).toBe(true)
	expect(onLeave([hire])).toBe(false)
})
