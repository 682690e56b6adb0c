import { expect, test } from 'vitest'
import { DEFAULT_RETENTION, keepUntil, retentionText } from './retention.ts'

test('kept while employed; after leaving, the longest of the periods that apply', () => {
	expect(keepUntil(DEFAULT_RETENTION, { leftOn: null, lastRecordOn: '2026-03-01', specialOperator: true })).toBeNull()
	expect(keepUntil(DEFAULT_RETENTION, { leftOn: '2026-06-30', lastRecordOn: '2026-03-01', specialOperator: false })).toBe('2029-06-30')
	// A special operator's records: six years from the last record, beyond three after leaving.
	expect(keepUntil(DEFAULT_RETENTION, { leftOn: '2026-06-30', lastRecordOn: '2026-03-01', specialOperator: true })).toBe('2032-03-01')
	// A deployment's own policy.
	expect(keepUntil({ minimumYears: 10, afterLeavingYears: 5, specialOperationYears: 6 }, { leftOn: '2026-06-30', lastRecordOn: '2026-03-01', specialOperator: false })).toBe('2036-03-01')
	expect(retentionText(DEFAULT_RETENTION)).toContain('离职后至少保存 3 年')
})
