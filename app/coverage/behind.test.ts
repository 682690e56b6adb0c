import { expect, test } from 'vitest'
import { behindBy, departmentOf, filterPeople, NO_DEPARTMENT, parseBehindFilter } from './behind.ts'

const people = [
	{ name: '甲', department: '车间一', jobCategory: 'other', status: 'overdue' as const },
	{ name: '乙', department: '车间一', jobCategory: 'special_operator', status: 'done' as const },
	{ name: '丙', department: '车间二', jobCategory: 'other', status: 'not_started' as const },
	{ name: '丁', department: null, jobCategory: 'principal', status: 'in_progress' as const },
	{ name: '戊', department: '车间二', jobCategory: 'other', status: 'done' as const },
]
const names = (rows: { name: string }[]) => rows.map((r) => r.name)

test('the reminder list is everyone not yet 达标, and filters narrow it by department, job and status', () => {
	expect(names(filterPeople(people, { status: 'behind' }))).toEqual(['甲', '丙', '丁'])
	expect(names(filterPeople(people, { status: 'behind', department: '车间二' }))).toEqual(['丙'])
	expect(names(filterPeople(people, { job: 'other' }))).toEqual(['甲', '丙', '戊'])
	expect(names(filterPeople(people, { status: 'done' }))).toEqual(['乙', '戊'])
	// No department recorded is a group of its own.
	expect(names(filterPeople(people, { department: '' }))).toEqual(['丁'])
	expect(names(filterPeople(people, {}))).toHaveLength(5)
})

test('groups count people and those behind, the most behind first', () => {
	expect(behindBy(people, departmentOf)).toEqual([
		{ key: '车间一', people: 2, behind: 1, overdue: 1 },
		{ key: '车间二', people: 2, behind: 1, overdue: 0 },
		{ key: '', people: 1, behind: 1, overdue: 0 },
	])
	expect(behindBy(people, (p) => p.jobCategory)[0]).toEqual({ key: 'other', people: 3, behind: 2, overdue: 1 })
})

test('filters come from the address; an unknown status is ignored', () => {
	const url = (q: string) => new URL(`http://x/enterprises/1/coverage?${q}`)
	expect(parseBehindFilter(url('status=behind&department=%E8%BD%A6%E9%97%B4%E4%B8%80&job=other'))).toEqual({ status: 'behind', department: '车间一', job: 'other' })
	expect(parseBehindFilter(url('status=bogus'))).toEqual({ status: undefined, department: undefined, job: undefined })
	// "No department recorded" has a value of its own: an empty one means all departments.
	expect(parseBehindFilter(url(`department=${NO_DEPARTMENT}`)).department).toBe('')
	expect(parseBehindFilter(url('department=')).department).toBeUndefined()
})
