import { expect, test } from 'vitest'
import { allocateCredits, type CreditDay } from './allocation.ts'
import { obligationsFor } from './obligations.ts'
import { rulesInForce, TRAINING_RULES } from './training-rules.ts'

const HOUR = 45 * 60
const OPTIONS = { minutesPerCreditHour: 45, today: '2026-12-05' }
const day = (d: string, hours: number, enterpriseId = 1): CreditDay => ({ enterpriseId, day: d, seconds: Math.round(hours * HOUR) })

test('a new hire at a chemical plant reaches the 72 学时 of 岗前培训 on the ninth day, after the posting date: done, late', () => {
	const owed = obligationsFor([{ employmentId: 1, enterpriseId: 1, enterpriseName: '某化工厂', industry: 'hazardous_chemicals', jobCategory: 'other', hiredOn: '2026-03-02', leftOn: null, events: [] }], 2026, rulesInForce(TRAINING_RULES, {}))
	expect(owed.map((o) => [o.trigger, o.startsOn, o.dueBy])).toEqual([['pre_job', '2026-03-02', '2026-03-02']])
	const credits = Array.from({ length: 9 }, (_, i) => day(`2026-03-${String(2 + i).padStart(2, '0')}`, 8))
	const { progress, unallocated } = allocateCredits(owed, credits, OPTIONS)
	expect(progress[0]).toEqual({ owedSeconds: 72 * HOUR, creditedSeconds: 72 * HOUR, metOn: '2026-03-10', late: true, status: 'done' })
	expect(unallocated.size).toBe(0)
})

test('time studied before an appointment counts toward the annual refresher, not the new post’s initial training', () => {
	const owed = obligationsFor(
		[{ employmentId: 1, enterpriseId: 1, enterpriseName: '某机械厂', industry: 'machinery', jobCategory: 'principal', hiredOn: '2019-05-01', leftOn: null, events: [{ kind: 'job_change', effectiveOn: '2026-07-01', fromJobCategory: 'other', toJobCategory: 'principal' }] }],
		2026,
		rulesInForce(TRAINING_RULES, {}),
	)
	expect(owed.map((o) => [o.trigger, o.hours, o.startsOn])).toEqual([
		['annual', 12, '2026-01-01'],
		['initial', 32, '2026-07-01'],
	])
	const { progress, unallocated } = allocateCredits(owed, [day('2026-03-10', 8), day('2026-04-10', 8), day('2026-08-01', 5)], OPTIONS)
	expect(progress.map((p) => [p.creditedSeconds / HOUR, p.status])).toEqual([
		[12, 'done'],
		[5, 'in_progress'],
	])
	// Four hours of the spring beyond the refresher's twelve count toward nothing.
	expect(unallocated.get(1)).toBe(4 * HOUR)
})

test('the earliest-due obligation fills first: a certificate review in September before the year-end refresher', () => {
	const owed = [
		{ enterpriseId: 1, hours: 20, dueBy: '2026-12-31', startsOn: '2026-01-01' },
		{ enterpriseId: 1, hours: 8, dueBy: '2026-09-01', startsOn: '2026-01-01' },
	]
	const { progress } = allocateCredits(owed, [day('2026-01-15', 10)], OPTIONS)
	expect(progress.map((p) => p.creditedSeconds / HOUR)).toEqual([2, 8])
	expect(progress[1]).toMatchObject({ metOn: '2026-01-15', late: false, status: 'done' })
})

test('time at another enterprise counts toward none of this one’s obligations', () => {
	const owed = [{ enterpriseId: 1, hours: 8, dueBy: '2026-12-31', startsOn: '2026-01-01' }]
	const { progress, unallocated } = allocateCredits(owed, [day('2026-02-01', 3, 2)], OPTIONS)
	expect(progress[0]).toMatchObject({ creditedSeconds: 0, status: 'not_started' })
	expect(unallocated.get(2)).toBe(3 * HOUR)
})

test('a correction takes back first what counted toward nothing, then from the latest-due obligation, which is no longer reached', () => {
	const owed = [
		{ enterpriseId: 1, hours: 8, dueBy: '2026-09-01', startsOn: '2026-01-01' },
		{ enterpriseId: 1, hours: 4, dueBy: '2026-12-31', startsOn: '2026-01-01' },
	]
	const { progress, unallocated } = allocateCredits(owed, [day('2026-03-01', 8), day('2026-03-02', 6), day('2026-03-03', -3)], OPTIONS)
	// 14 credited: 8 + 4, 2 left over; the correction of 3 takes the 2 spare and 1 from the refresher.
	expect(progress.map((p) => [p.creditedSeconds / HOUR, p.status, p.metOn])).toEqual([
		[8, 'done', '2026-03-01'],
		[3, 'in_progress', null],
	])
	expect(unallocated.get(1)).toBe(0)
})

test('status of what is not reached: overdue after its due date, not started with nothing counted, no hours when the rule names none', () => {
	const owed = [
		{ enterpriseId: 1, hours: 24, dueBy: '2026-11-30', startsOn: '2026-11-30' },
		{ enterpriseId: 1, hours: 8, dueBy: '2026-12-31', startsOn: '2026-01-01' },
		{ enterpriseId: 1, hours: null, dueBy: '2026-06-01', startsOn: '2026-06-01' },
	]
	const { progress } = allocateCredits(owed, [], OPTIONS)
	expect(progress.map((p) => p.status)).toEqual(['overdue', 'not_started', 'no_hours'])
	expect(progress[2]!.owedSeconds).toBeNull()
})

test('whatever the days, nothing is counted twice or beyond what is owed, and every second is accounted for', () => {
	let seed = 7
	const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
	for (let round = 0; round < 200; round++) {
		const owed = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
			const month = 1 + Math.floor(random() * 12)
			return { enterpriseId: 1 + Math.floor(random() * 2), hours: random() < 0.2 ? null : 1 + Math.floor(random() * 40), dueBy: `2026-${String(month).padStart(2, '0')}-28`, startsOn: `2026-${String(1 + Math.floor(random() * month)).padStart(2, '0')}-01` }
		})
		const credits = Array.from({ length: Math.floor(random() * 30) }, () => day(`2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`, random() * 8, 1 + Math.floor(random() * 2)))
		const { progress, unallocated } = allocateCredits(owed, credits, OPTIONS)
		for (const [i, p] of progress.entries()) {
			expect(p.creditedSeconds).toBeGreaterThanOrEqual(0)
			expect(p.creditedSeconds).toBeLessThanOrEqual(p.owedSeconds ?? 0)
			expect(p.status === 'done').toBe(p.owedSeconds !== null && p.creditedSeconds === p.owedSeconds)
			if (p.metOn) expect(p.metOn >= owed[i]!.startsOn).toBe(true)
		}
		const total = credits.reduce((n, c) => n + c.seconds, 0)
		const counted = progress.reduce((n, p) => n + p.creditedSeconds, 0) + [...unallocated.values()].reduce((n, s) => n + s, 0)
		expect(counted).toBe(total)
	}
})

test('a correction takes back the time of its own lesson where that was counted, not the time of other lessons studied the same day', () => {
	const owed = [
		{ enterpriseId: 1, hours: 12, dueBy: '2026-12-31', startsOn: '2026-01-01' },
		{ enterpriseId: 1, hours: 32, dueBy: '2026-12-01', startsOn: '2026-06-01' },
	]
	const left = 7
	const other = 8
	const { progress } = allocateCredits(
		owed,
		[
			// A lesson left running in March, a little more of it after the appointment, other lessons the same day.
			{ ...day('2026-03-01', 5), lessonId: left },
			{ ...day('2026-06-02', 0.5), lessonId: left },
			{ ...day('2026-06-02', 8), lessonId: other },
			// 更正学时: four hours of the March lesson, dated on its last credited day.
			{ ...day('2026-06-02', -4), lessonId: left },
		],
		OPTIONS,
	)
	expect(progress.map((p) => p.creditedSeconds / HOUR)).toEqual([1, 8.5])
})

test('time that counted toward nothing refills what a correction empties: a correction of one lesson leaves no category short while other time could fill it', () => {
	// Appointed today: the annual refresher and the initial training, both begun.
	const owed = [
		{ enterpriseId: 1, hours: 12, dueBy: '2026-12-31', startsOn: '2026-01-01' },
		{ enterpriseId: 1, hours: 32, dueBy: '2026-12-01', startsOn: '2026-06-01' },
	]
	const a = 7
	const b = 8
	const { progress, unallocated } = allocateCredits(
		owed,
		[
			// Lesson A fills both the same day; an hour of lesson B is left over; an hour of A is corrected.
			{ ...day('2026-06-02', 44), lessonId: a },
			{ ...day('2026-06-02', 1), lessonId: b },
			{ ...day('2026-06-02', -1), lessonId: a },
		],
		OPTIONS,
	)
	expect(progress.map((p) => [p.creditedSeconds / HOUR, p.status])).toEqual([
		[12, 'done'],
		[32, 'done'],
	])
	expect(unallocated.get(1)).toBe(0)
	// Left-over time from before an obligation began cannot fill it.
	const early = allocateCredits(
		owed,
		[
			{ ...day('2026-03-01', 14), lessonId: b },
			{ ...day('2026-06-02', 32), lessonId: a },
			{ ...day('2026-06-03', -1), lessonId: a },
		],
		OPTIONS,
	)
	expect(early.progress.map((p) => p.creditedSeconds / HOUR)).toEqual([12, 31])
	expect(early.unallocated.get(1)).toBe(2 * HOUR)
})
