// Assigned training on top of the rules: an enterprise's plan or a regulator's requirement.
// Pure: who an assignment reaches, and the form that creates one.
import { isIndustryCode, isJobCategory } from '#app/orgs/industries.ts'
import { isIsoDate } from '#app/utils/time.ts'

export type AssignmentIssuer = 'enterprise' | 'regulator'

export type AssignmentKind = 'plan' | 'requirement' | 'warning' | 'law_education'
export const KIND_LABELS: Record<AssignmentKind, string> = { plan: '本单位计划', requirement: '监管部门要求', warning: '警示教育', law_education: '法律法规教育（监管部门责令）' }
export function kindLabel(kind: string) {
	return KIND_LABELS[kind as AssignmentKind] ?? kind
}

export type AssignmentTargets = {
	issuer: AssignmentIssuer
	enterpriseId: number | null
	regionPath: string
	industries: readonly string[]
	highRiskOnly: boolean
	departments: readonly string[]
	jobCategories: readonly string[]
	personIds?: readonly number[]
}

export type AssignedJob = {
	personId?: number
	enterpriseId: number
	regionPath: string
	industry: string
	highRisk: boolean
	department: string | null
	jobCategory: string
}

/**
 * Whether an assignment reaches one employment. A plan reaches its own enterprise only; a
 * requirement reaches every enterprise in its region subtree. Each non-empty target list must
 * contain the job's value (a person without a department is not in a department list).
 */
export function assignmentApplies(a: AssignmentTargets, job: AssignedJob) {
	if (a.issuer === 'enterprise' ? job.enterpriseId !== a.enterpriseId : !job.regionPath.startsWith(a.regionPath)) return false
	if (a.industries.length > 0 && !a.industries.includes(job.industry)) return false
	if (a.highRiskOnly && !job.highRisk) return false
	if (a.departments.length > 0 && (job.department === null || !a.departments.includes(job.department))) return false
	if (a.jobCategories.length > 0 && !a.jobCategories.includes(job.jobCategory)) return false
	if (a.personIds?.length && (job.personId === undefined || !a.personIds.includes(job.personId))) return false
	return true
}

export type AssignmentFormValues = {
	title: string
	reason: string
	courseId: number | null
	examId: number | null
	dueOn: string
	industries: string[]
	highRiskOnly: boolean
	departments: string[]
	jobCategories: string[]
}

export type AssignmentFormResult = { ok: true; values: AssignmentFormValues } | { ok: false; errors: Record<string, string> }

/** `车间一、车间二,仓储` → the department names, trimmed, without repeats. */
export function splitDepartments(raw: string) {
	return [...new Set(raw.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean))]
}


/**
 * The plan / requirement form. `target` is `course:<id>` or `exam:<id>`; whether that course or
 * exam may be assigned is checked against the database by the caller. Due dates are from today
 * to the end of next year; the assignment counts in the due date's year.
 */
export function parseAssignmentForm(form: FormData, issuer: AssignmentIssuer, today: string): AssignmentFormResult {
	const errors: Record<string, string> = {}
	const title = String(form.get('title') ?? '').trim()
	if (title.length < 2 || title.length > 60) errors.title = '请填写任务名称（2–60 个字）'
	const reason = String(form.get('reason') ?? '').trim()
	if (reason.length < 2 || reason.length > 300) errors.reason = '请写明布置的原因或依据（2–300 个字），学员会看到它'
	const target = String(form.get('target') ?? '')
	const match = /^(course|exam):(\d+)$/.exec(target)
	if (!match) errors.target = '请选择要学习的课程或要参加的考试'
	const dueOn = String(form.get('dueOn') ?? '').trim()
	const lastDay = `${Number(today.slice(0, 4)) + 1}-12-31`
	if (!isIsoDate(dueOn)) errors.dueOn = '请填写完成期限（年-月-日）'
	else if (dueOn < today) errors.dueOn = '完成期限不能早于今天'
	else if (dueOn > lastDay) errors.dueOn = `完成期限不能晚于 ${lastDay}`
	const industries = form.getAll('industries').map(String)
	if (industries.some((i) => !isIndustryCode(i))) errors.industries = '行业选择不正确'
	const jobCategories = form.getAll('jobCategories').map(String)
	if (jobCategories.some((j) => !isJobCategory(j))) errors.jobCategories = '岗位类别选择不正确'
	const departments = issuer === 'enterprise' ? splitDepartments(String(form.get('departments') ?? '')) : []
	if (departments.some((d) => d.length > 40)) errors.departments = '部门名称不超过 40 个字'
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return {
		ok: true,
		values: {
			title,
			reason,
			courseId: match![1] === 'course' ? Number(match![2]) : null,
			examId: match![1] === 'exam' ? Number(match![2]) : null,
			dueOn,
			industries: issuer === 'regulator' ? industries : [],
			highRiskOnly: issuer === 'regulator' && form.get('highRiskOnly') === 'on',
			departments,
			jobCategories,
		},
	}
}
