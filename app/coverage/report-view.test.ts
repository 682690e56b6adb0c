import { expect, test } from 'vitest'
import { yearParam } from './report-view.ts'

const url = (search: string) => new URL(`http://x/regions/1/coverage${search}`)

test('a year that is not a year falls back to the current one', () => {
	expect(yearParam(url('?year=2025'), '2026-12-04')).toBe(2025)
	expect(yearParam(url('?year=abc'), '2026-12-04')).toBe(2026)
	expect(yearParam(url(''), '2026-12-04')).toBe(2026)
})
