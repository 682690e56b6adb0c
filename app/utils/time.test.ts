import { expect, test } from 'vitest'
import { formatDate, formatDateTime, isIsoDate, todayInShanghai } from './time.ts'

test('times are shown in Beijing time, whatever the server zone', () => {
	expect(formatDateTime(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24 00:30')
	expect(formatDateTime('2026-01-01T03:05:00Z')).toBe('2026-01-01 11:05')
})

test('calendar dates pass through and instants become Beijing dates', () => {
	expect(formatDate('2024-02-29')).toBe('2024-02-29')
	expect(formatDate(new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-24')
	expect(todayInShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
})

test('an ISO date must be a real calendar day', () => {
	expect(isIsoDate('2026-02-28')).toBe(true)
	expect(isIsoDate('2024-02-29')).toBe(true)
	expect(isIsoDate('2026-02-30')).toBe(false)
	expect(isIsoDate('2026-2-3')).toBe(false)
})
