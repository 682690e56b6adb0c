// An accident with deaths at an enterprise, as entered on its page. Pure.

export type AccidentInput = { occurredOn: string; deaths: number; summary: string }

/** The accident form: each bad field named in Chinese. Pure. */
export function parseAccidentForm(form: FormData, today: string): { ok: true; values: AccidentInput } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {}
	const occurredOn = String(form.get('occurredOn') ?? '').trim()
	if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) || Number.isNaN(Date.parse(occurredOn))) errors.occurredOn = '请填写事故发生日期（年-月-日）'
	else if (occurredOn > today) errors.occurredOn = '事故发生日期不能晚于今天'
	const deaths = Number(String(form.get('deaths') ?? '').trim())
	if (!Number.isInteger(deaths) || deaths < 1 || deaths > 1000) errors.deaths = '死亡人数应为 1 以上的整数'
	const summary = String(form.get('summary') ?? '').trim()
	if (summary.length < 4 || summary.length > 300) errors.summary = '请简述事故经过（4–300 个字）'
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: { occurredOn, deaths, summary } }
}

