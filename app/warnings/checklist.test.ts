import { readdirSync, readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { checklistFromCaseSource, checklistText, parseChecklistText, parseReply } from './checklist.ts'

test('every accident case in content/ gives a checklist to push, each item with its basis', () => {
	for (const file of readdirSync('content/cases')) {
		const items = checklistFromCaseSource(readFileSync(`content/cases/${file}`, 'utf8'))
		expect(items.length, file).toBeGreaterThanOrEqual(4)
		for (const i of items) expect(i.basis, `${file} ${i.text}`).toMatch(/第.+条|规定|条例|标准|办法/)
	}
})

test('the editable text form round-trips, and bad lines are named', () => {
	const items = [
		{ id: 'i1', text: '我单位是否按设计施工？', basis: '安全生产法第三十四条' },
		{ id: 'i2', text: '我单位是否定期组织应急演练？', basis: '' },
	]
	expect(parseChecklistText(checklistText(items))).toEqual({ ok: true, items })
	expect(parseChecklistText('')).toMatchObject({ ok: false })
	expect(parseChecklistText('我单位是否按设计施工？\n短')).toEqual({ ok: false, message: '第 2 行：检查问题太短' })
})

test('a reply may be saved half done, but is submitted only complete, with every 不符合 fully answered', () => {
	const checklist = [
		{ id: 'i1', text: '问题一问题一', basis: '' },
		{ id: 'i2', text: '问题二问题二', basis: '' },
	]
	const form = new FormData()
	form.set('i1.answer', '符合')
	form.set('i2.answer', '不符合')
	form.set('i2.finding', '储罐区未设置可燃气体报警')
	expect(parseReply(form, checklist, 'draft').errors).toEqual({})
	expect(parseReply(form, checklist, 'submit').errors).toEqual({ i2: '第 2 项：答“不符合”的，请写明发现的问题、整改措施、责任人和整改期限' })
	form.set('i2.measure', '加装报警器并联锁')
	form.set('i2.responsible', '王工')
	form.set('i2.dueOn', '2026-12-31')
	const ok = parseReply(form, checklist, 'submit')
	expect(ok.errors).toEqual({})
	expect(ok.items[1]).toEqual({ itemId: 'i2', answer: '不符合', finding: '储罐区未设置可燃气体报警', measure: '加装报警器并联锁', responsible: '王工', dueOn: '2026-12-31' })
})

test('the push form names each bad field', async () => {
	const { parsePushForm } = await import('./push-form.ts')
	const f = new FormData()
	f.set('title', 'x')
	f.set('dueOn', '2026-01-01')
	f.append('industries', 'bakery')
	const bad = parsePushForm(f, '2026-11-23')
	expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['caseId', 'checklist', 'dueOn', 'industries', 'regionId', 'title'])
	const good = new FormData()
	for (const [k, v] of Object.entries({ caseId: '3', title: '举一反三', note: '', regionId: '7', dueOn: '2026-12-15', checklist: '我单位是否按设计施工？｜安全生产法第三十四条', highRiskOnly: 'on' })) good.set(k, v)
	good.append('industries', 'hazardous_chemicals')
	expect(parsePushForm(good, '2026-11-23')).toEqual({
		ok: true,
		values: { caseId: 3, title: '举一反三', note: '', regionId: 7, industries: ['hazardous_chemicals'], sizes: [], highRiskOnly: true, dueOn: '2026-12-15', checklist: [{ id: 'i1', text: '我单位是否按设计施工？', basis: '安全生产法第三十四条' }] },
	})
})
