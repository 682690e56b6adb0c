import { expect, test } from 'vitest'
import { contestRules, parseContestForm, rank } from './contest-form.ts'

test('the contest form names each bad field', () => {
	const f = new FormData()
	for (const [k, v] of Object.entries({ title: '', single: '0', judge: '0', multiple: '0', attempts: '5', minutes: '1', opensOn: '2026-06-01', closesOn: '2026-05-01' })) f.set(k, v)
	const bad = parseContestForm(f, '2026-04-01')
	expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['attempts', 'banks', 'closesOn', 'minutes', 'single', 'title'])
})

test('points add up to about 100 whatever the mix', () => {
	expect(contestRules({ single: 20, judge: 10, multiple: 0 })).toEqual([
		{ type: 'single', count: 20, points: 3.33 },
		{ type: 'judge', count: 10, points: 3.33 },
	])
})

test('the leaderboard ranks by participation rate then average score, so size does not win', () => {
	const ranked = rank([
		{ key: 1, name: '大厂', employees: 1000, participants: 300, scoreSum: 300 * 95 },
		{ key: 2, name: '小厂', employees: 10, participants: 9, scoreSum: 9 * 80 },
		{ key: 3, name: '中厂', employees: 100, participants: 90, scoreSum: 90 * 85 },
		{ key: 4, name: '未参加', employees: 50, participants: 0, scoreSum: 0 },
	])
	expect(ranked.map((r) => [r.name, r.rate, r.average])).toEqual([
		['中厂', 90, 85],
		['小厂', 90, 80],
		['大厂', 30, 95],
		['未参加', 0, null],
	])
})
