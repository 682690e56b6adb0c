import { expect, test } from 'vitest'
import { parseAccidentForm } from './accidents.ts'

const form = (o: Record<string, string>) => {
	const f = new FormData()
	for (const [k, v] of Object.entries(o)) f.set(k, v)
	return f
}

test('the accident form names each bad field and refuses a future date', () => {
	const bad = parseAccidentForm(form({ occurredOn: '2026-13-01', deaths: '0', summary: '短' }), '2026-11-23')
	expect(bad.ok ? null : Object.keys(bad.errors).sort()).toEqual(['deaths', 'occurredOn', 'summary'])
	const future = parseAccidentForm(form({ occurredOn: '2026-12-01', deaths: '1', summary: '检修时中毒' }), '2026-11-23')
	expect(future.ok ? null : future.errors.occurredOn).toBe('事故发生日期不能晚于今天')
	expect(parseAccidentForm(form({ occurredOn: '2026-05-20', deaths: '2', summary: ' 检修时中毒 ' }), '2026-11-23')).toEqual({ ok: true, values: { occurredOn: '2026-05-20', deaths: 2, summary: '检修时中毒' } })
})
