// The form a regulator opens a knowledge contest with. Pure.

import { isIsoDate } from '#app/utils/time.ts'
export type ContestValues = { title: string; banks: string[]; single: number; judge: number; multiple: number; attempts: number; minutes: number; opensOn: string; closesOn: string }

export function parseContestForm(form: FormData, today: string): { ok: true; values: ContestValues } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {}
	const title = String(form.get('title') ?? '').trim()
	if (title.length < 2 || title.length > 60) errors.title = '请填写答卷名称（2–60 个字）'
	const banks = form.getAll('banks').map(String).filter(Boolean)
	if (banks.length === 0) errors.banks = '请至少选择一个题库'
	const count = (name: string, label: string) => {
		const n = Number(String(form.get(name) ?? '0').trim() || '0')
		if (!Number.isInteger(n) || n < 0 || n > 100) errors[name] = `${label}题数应为 0–100 的整数`
		return n
	}
	const single = count('single', '单选')
	const judge = count('judge', '判断')
	const multiple = count('multiple', '多选')
	if (!errors.single && !errors.judge && !errors.multiple && single + judge + multiple === 0) errors.single = '请至少抽一道题'
	const attempts = Number(form.get('attempts') ?? 1)
	if (!Number.isInteger(attempts) || attempts < 1 || attempts > 3) errors.attempts = '每人作答次数为 1–3 次'
	const minutes = Number(form.get('minutes') ?? 30)
	if (!Number.isInteger(minutes) || minutes < 5 || minutes > 180) errors.minutes = '答题时长为 5–180 分钟'
	const opensOn = String(form.get('opensOn') ?? '').trim()
	const closesOn = String(form.get('closesOn') ?? '').trim()
	if (!isIsoDate(opensOn)) errors.opensOn = '请填写开始日期'
	if (!isIsoDate(closesOn)) errors.closesOn = '请填写结束日期'
	else if (closesOn < today) errors.closesOn = '结束日期不能早于今天'
	else if (isIsoDate(opensOn) && closesOn < opensOn) errors.closesOn = '结束日期不能早于开始日期'
	if (Object.keys(errors).length > 0) return { ok: false, errors }
	return { ok: true, values: { title, banks, single, judge, multiple, attempts, minutes, opensOn, closesOn } }
}

/** The score points so a paper adds up to 100 whatever the mix: the last type takes the remainder. */
export function contestRules(v: Pick<ContestValues, 'single' | 'judge' | 'multiple'>) {
	const total = v.single + v.judge + v.multiple
	const each = Math.floor((100 / total) * 100) / 100
	return [
		{ type: 'single' as const, count: v.single },
		{ type: 'judge' as const, count: v.judge },
		{ type: 'multiple' as const, count: v.multiple },
	]
		.filter((r) => r.count > 0)
		.map((r) => ({ ...r, points: each }))
}

export type Standing = { key: number; name: string; employees: number; participants: number; scoreSum: number }

/** Rank by participation rate, then average score: a large enterprise cannot win by size. */
export function rank<T extends Standing>(rows: readonly T[]) {
	return rows
		.map((r) => ({ ...r, rate: r.employees ? Math.round((r.participants / r.employees) * 1000) / 10 : 0, average: r.participants ? Math.round((r.scoreSum / r.participants) * 10) / 10 : null }))
		.sort((a, b) => b.rate - a.rate || (b.average ?? -1) - (a.average ?? -1) || a.name.localeCompare(b.name, 'zh'))
}
