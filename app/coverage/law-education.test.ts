import { expect, test } from 'vitest'
import { parseLawEducationForm, peopleLines } from './law-education.ts'

test('the order form names each bad field, and the bad person line by number', () => {
	const f = new FormData()
	for (const [k, v] of Object.entries({ title: '学习', reason: '原因', courseId: 'x', dueOn: '2026-11-01', people: '13512340001\n12345' })) f.set(k, v)
	const bad = parseLawEducationForm(f, '2026-11-23')
	expect(bad.ok ? null : bad.errors).toEqual({ reason: '请写明原因（执法检查发现的问题，4–300 个字），本人会看到', courseId: '请选择要学习的法律法规课程', dueOn: '完成期限不能早于今天', people: '第 2 行“12345”不是手机号或身份证号' })
	const good = new FormData()
	for (const [k, v] of Object.entries({ title: '法律法规专题学习', reason: '执法检查发现未组织全员培训', courseId: '4', examId: '', dueOn: '2026-12-31', people: ' 135 1234 0001 \n\n11010519491231002X' })) good.set(k, v)
	expect(parseLawEducationForm(good, '2026-11-23')).toEqual({ ok: true, values: { title: '法律法规专题学习', reason: '执法检查发现未组织全员培训', courseId: 4, examId: null, dueOn: '2026-12-31', people: ['13512340001', '11010519491231002X'] } })
	expect(peopleLines('a\r\n\r\n b ')).toEqual(['a', 'b'])
})
