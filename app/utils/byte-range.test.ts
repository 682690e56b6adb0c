import { expect, test } from 'vitest'
import { parseByteRange } from './byte-range.ts'

test('no header or an unsupported one sends the whole body', () => {
	expect(parseByteRange(null, 100)).toBeNull()
	expect(parseByteRange('bytes=0-1,5-6', 100)).toBeNull()
	expect(parseByteRange('items=0-1', 100)).toBeNull()
})

test('open, closed and suffix ranges', () => {
	expect(parseByteRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 })
	expect(parseByteRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 })
	expect(parseByteRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 })
	expect(parseByteRange('bytes=-30', 100)).toEqual({ start: 70, end: 99 })
	expect(parseByteRange('bytes=-300', 100)).toEqual({ start: 0, end: 99 })
})

test('ranges past the end are unsatisfiable', () => {
	expect(parseByteRange('bytes=100-', 100)).toBe('unsatisfiable')
	expect(parseByteRange('bytes=20-10', 100)).toBe('unsatisfiable')
	expect(parseByteRange('bytes=-0', 100)).toBe('unsatisfiable')
})
