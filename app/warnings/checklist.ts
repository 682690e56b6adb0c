// The 对照检视 checklist of a warning push and the reply to it. Pure.

export type ChecklistItem = { id: string; text: string; basis: string }
export const REPLY_ANSWERS = ['符合', '不符合', '不适用'] as const
export type ReplyAnswer = (typeof REPLY_ANSWERS)[number]
export type ReplyItem = { itemId: string; answer: ReplyAnswer | null; finding: string; measure: string; responsible: string; dueOn: string }

/**
 * The checklist questions of a case lesson, read from its `<SelfCheck items={[{ q: "…", basis: "…" }]}>`
 * in the MDX source: the starting point a regulator edits when pushing the case.
 */
export function checklistFromCaseSource(source: string): ChecklistItem[] {
	const block = /<SelfCheck[\s\S]*?items=\{\[([\s\S]*?)\]\}/.exec(source)?.[1] ?? ''
	const items: ChecklistItem[] = []
	for (const m of block.matchAll(/\{\s*q:\s*"((?:[^"\\]|\\.)*)"\s*,\s*basis:\s*"((?:[^"\\]|\\.)*)"\s*\}/g)) {
		items.push({ id: `i${items.length + 1}`, text: m[1]!.replace(/\\"/g, '"'), basis: m[2]!.replace(/\\"/g, '"') })
	}
	return items
}

/** `问题｜依据` lines (the editable form of a checklist) → items; each bad line named. */
export function parseChecklistText(text: string): { ok: true; items: ChecklistItem[] } | { ok: false; message: string } {
	const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
	if (lines.length === 0) return { ok: false, message: '对照检视清单至少要有一项' }
	if (lines.length > 40) return { ok: false, message: '对照检视清单最多 40 项' }
	const items: ChecklistItem[] = []
	for (const [i, line] of lines.entries()) {
		const [q, basis = ''] = line.split(/[｜|]/).map((s) => s.trim())
		if (!q || q.length < 4) return { ok: false, message: `第 ${i + 1} 行：检查问题太短` }
		if (q.length > 200) return { ok: false, message: `第 ${i + 1} 行：检查问题不超过 200 个字` }
		items.push({ id: `i${i + 1}`, text: q, basis })
	}
	return { ok: true, items }
}

export function checklistText(items: readonly ChecklistItem[]) {
	return items.map((i) => (i.basis ? `${i.text}｜${i.basis}` : i.text)).join('\n')
}

/** The reply form: every item answered before submitting; a 不符合 needs its finding, measure, person and date. */
export function parseReply(form: FormData, checklist: readonly ChecklistItem[], mode: 'draft' | 'submit'): { items: ReplyItem[]; errors: Record<string, string> } {
	const errors: Record<string, string> = {}
	const items = checklist.map((c, n) => {
		const get = (k: string) => String(form.get(`${c.id}.${k}`) ?? '').trim()
		const raw = get('answer')
		const answer = (REPLY_ANSWERS as readonly string[]).includes(raw) ? (raw as ReplyAnswer) : null
		const item: ReplyItem = { itemId: c.id, answer, finding: get('finding').slice(0, 500), measure: get('measure').slice(0, 500), responsible: get('responsible').slice(0, 40), dueOn: get('dueOn') }
		const label = `第 ${n + 1} 项`
		if (item.dueOn && !/^\d{4}-\d{2}-\d{2}$/.test(item.dueOn)) errors[c.id] = `${label}：整改期限格式应为 年-月-日`
		if (mode === 'submit') {
			if (!answer) errors[c.id] = `${label}：请选择 符合 / 不符合 / 不适用`
			else if (answer === '不符合' && (!item.finding || !item.measure || !item.responsible || !item.dueOn)) errors[c.id] = `${label}：答“不符合”的，请写明发现的问题、整改措施、责任人和整改期限`
		}
		return item
	})
	return { items, errors }
}
