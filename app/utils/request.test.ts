import { expect, test } from 'vitest'
import { pageParam } from './request.server.ts'

const url = (search: string) => new URL(`http://x/regions/1/coverage${search}`)

test('a page number is a whole number from 1; anything else is the first page, and a huge one is capped', () => {
	expect(pageParam(url(''))).toBe(1)
	expect(pageParam(url('?page=3'))).toBe(3)
	for (const bad of ['0', '-2', '1.5', 'abc', '']) expect(pageParam(url(`?page=${bad}`))).toBe(1)
	expect(pageParam(url('?page=1e9'))).toBe(10_000)
})
