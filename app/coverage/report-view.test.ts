import { expect, test } from 'vitest'
import { pageParam, yearParam } from './report-view.ts'

const url = (search: string) => new URL(`http://x/regions/1/coverage${search}`)

test('a page number is a whole number from 1; anything else is the first page', () => {
	expect(pageParam(url(''))).toBe(1)
	expect(pageParam(url('?page=3'))).toBe(3)
	for (const bad of ['0', '-2', '1.5', 'abc', '1e9', '']) expect(pageParam(url(`?page=${bad}`))).toBe(1)
})

test('a year that is not a year falls back to the current one', () => {
	expect(yearParam(url('?year=2025'), '2026-12-04')).toBe(2025)
	expect(yearParam(url('?year=abc'), '2026-12-04')).toBe(2026)
	expect(yearParam(url(''), '2026-12-04')).toBe(2026)
})
