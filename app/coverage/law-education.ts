// 责任人员法律法规教育: the form a regulator orders it with. Pure.

import { isIsoDate } from '#app/utils/time.ts'
export type LawEducationValues = { title: string; reason: string; courseId: number; examId: number | null; dueOn: string; people: string[] }

/** One person a line: a mobile number or an ID number (身份证号). */
export function peopleLines(raw: string) {
	return raw
		.split(/\r?\n/)
		.map((l) => l.trim().replace(/\s+/g, ''))
		.filter(Boolean)
}

export function parseLawEducationForm(form: FormData, today: string): { ok: true; values: LawEducationValues } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {}
	const title = String(form.get('title') ?? '').trim()
	if (title.length < 2 || title.length > 60) errors.title = '请填写名称（2–60 个字）'
	const reason = String(form.get('reason') ?? '').trim()
	if (reason.length < 4 || reason.length > 300) errors.reason = '请写明原因（执法检查发现的问题，4–300 个字），本人会看到'
	const courseId = Number(form.get('courseId'))
	if (!Number.isSafeInteger(courseId) || courseId <= 0) errors.courseId = '请选择要学习的法律法规课程'
	const examRaw = String(form.get('examId') ?? '')
	const examId = examRaw ? Number(examRaw) : null
	if (examId !== null && (!Number.isSafeInteger(examId) || examId <= 0)) errors.examId = '考试选择不正确'
	const dueOn = String(form.get('dueOn') ?? '').trim()
	if (!isIsoDate(dueOn)) errors.dueOn = '请填写完成期限（年-月-日）'
	else if (dueOn < today) errors.dueOn = '完成期限不能早于今天'
	const people = peopleLines(String(form.get('people') ?? ''))
	if (people.length === 0) errors.people = '请填写至少一名人员的手机号或身份证号'
	else if (people.length > 200) errors.people = '一次最多 200 人'
	else {
		const bad = people.findIndex((p) => !/^1\d{10}$/.test(p) && !/^\d{17}[\dXx]$/.test(p))
		if (bad >= 0) errors.people = `第 ${bad + 1} 行“${people[bad]}”不是手机号或身份证号`
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, values: { title, reason, courseId, examId, dueOn, people } }
}
