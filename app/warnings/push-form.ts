// The form a regulator publishes a warning push with. Pure: fields in, values or named errors out.
import { ENTERPRISE_SIZES, isIndustryCode } from '#app/orgs/industries.ts'
import { type ChecklistItem, parseChecklistText } from './checklist.ts'

export type PushFormValues = {
	caseId: number
	title: string
	note: string
	regionId: number
	industries: string[]
	sizes: string[]
	highRiskOnly: boolean
	dueOn: string
	checklist: ChecklistItem[]
}

export function parsePushForm(form: FormData, today: string): { ok: true; values: PushFormValues } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {}
	const caseId = Number(form.get('caseId'))
	if (!Number.isSafeInteger(caseId) || caseId <= 0) errors.caseId = '请选择事故案例'
	const title = String(form.get('title') ?? '').trim()
	if (title.length < 2 || title.length > 60) errors.title = '请填写推送标题（2–60 个字）'
	const note = String(form.get('note') ?? '').trim()
	if (note.length > 500) errors.note = '说明不超过 500 个字'
	const regionId = Number(form.get('regionId'))
	if (!Number.isSafeInteger(regionId) || regionId <= 0) errors.regionId = '请选择推送范围'
	const industries = form.getAll('industries').map(String)
	if (industries.some((i) => !isIndustryCode(i))) errors.industries = '行业选择不正确'
	const sizes = form.getAll('sizes').map(String)
	if (sizes.some((s) => !ENTERPRISE_SIZES.some((x) => x.code === s))) errors.sizes = '规模选择不正确'
	const dueOn = String(form.get('dueOn') ?? '').trim()
	if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || Number.isNaN(Date.parse(dueOn))) errors.dueOn = '请填写完成期限（年-月-日）'
	else if (dueOn < today) errors.dueOn = '完成期限不能早于今天'
	const checklist = parseChecklistText(String(form.get('checklist') ?? ''))
	if (!checklist.ok) errors.checklist = checklist.message
	if (Object.keys(errors).length > 0 || !checklist.ok) return { ok: false, errors }
	return { ok: true, values: { caseId, title, note, regionId, industries, sizes, highRiskOnly: form.get('highRiskOnly') === 'on', dueOn, checklist: checklist.items } }
}
