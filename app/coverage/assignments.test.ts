import { expect, test } from 'vitest'
import { assignmentApplies, parseAssignmentForm, splitDepartments } from './assignments.ts'

const job = { enterpriseId: 7, regionPath: '/1/2/', industry: 'hazardous_chemicals', highRisk: true, department: '车间一', jobCategory: 'other' }
const plan = { issuer: 'enterprise' as const, enterpriseId: 7, regionPath: '/1/2/', industries: [], highRiskOnly: false, departments: [], jobCategories: [] }
const requirement = { ...plan, issuer: 'regulator' as const, enterpriseId: null, regionPath: '/1/' }

test("a plan reaches its own enterprise's people only, narrowed by department and job", () => {
	expect(assignmentApplies(plan, job)).toBe(true)
	expect(assignmentApplies(plan, { ...job, enterpriseId: 8 })).toBe(false)
	expect(assignmentApplies({ ...plan, departments: ['车间一'] }, job)).toBe(true)
	expect(assignmentApplies({ ...plan, departments: ['车间二'] }, job)).toBe(false)
	expect(assignmentApplies({ ...plan, departments: ['车间一'] }, { ...job, department: null })).toBe(false)
	expect(assignmentApplies({ ...plan, jobCategories: ['principal'] }, job)).toBe(false)
})

test('a requirement reaches its region subtree, narrowed by industry and the high-risk flag', () => {
	expect(assignmentApplies(requirement, job)).toBe(true)
	expect(assignmentApplies(requirement, { ...job, regionPath: '/3/2/' })).toBe(false)
	expect(assignmentApplies({ ...requirement, regionPath: '/1/2/' }, { ...job, regionPath: '/1/22/' })).toBe(false)
	expect(assignmentApplies({ ...requirement, industries: ['machinery'] }, job)).toBe(false)
	expect(assignmentApplies({ ...requirement, highRiskOnly: true }, { ...job, highRisk: false })).toBe(false)
})

function form(entries: Record<string, string | string[]>) {
	const f = new FormData()
	for (const [k, v] of Object.entries(entries)) for (const x of [v].flat()) f.append(k, x)
	return f
}

test('the form names each bad field in Chinese and keeps issuer-only fields to their issuer', () => {
	const bad = parseAssignmentForm(form({ title: 'x', reason: '', target: 'video:1', dueOn: '2026-02-30', industries: 'bakery' }), 'regulator', '2026-11-23')
	expect(bad.ok).toBe(false)
	if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['dueOn', 'industries', 'reason', 'target', 'title'])
	const past = parseAssignmentForm(form({ title: '年度计划', reason: '按年度计划', target: 'course:3', dueOn: '2026-11-22' }), 'enterprise', '2026-11-23')
	expect(past.ok ? null : past.errors.dueOn).toBe('完成期限不能早于今天')
	const ok = parseAssignmentForm(form({ title: '年度计划', reason: '按年度计划', target: 'exam:5', dueOn: '2027-01-15', departments: '车间一、 车间二,车间一', industries: 'coal_mine', highRiskOnly: 'on', jobCategories: 'other' }), 'enterprise', '2026-11-23')
	expect(ok).toEqual({
		ok: true,
		values: { title: '年度计划', reason: '按年度计划', courseId: null, examId: 5, dueOn: '2027-01-15', industries: [], highRiskOnly: false, departments: ['车间一', '车间二'], jobCategories: ['other'] },
	})
})

test('departments split on Chinese and Latin separators', () => {
	expect(splitDepartments('一车间，二车间;三车间\n 四车间 ')).toEqual(['一车间', '二车间', '三车间', '四车间'])
})
