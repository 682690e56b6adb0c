import { expect, test } from 'vitest'
import {
	advanceVideo,
	creditHours,
	dailyCapSeconds,
	evaluateHeartbeat,
	type Heartbeat,
	lessonComplete,
	type Presence,
} from './ledger.ts'

const t0 = new Date('2026-11-23T02:00:00Z')
const at = (s: number) => new Date(t0.getTime() + s * 1000)
const beat = (s: number, over: Partial<Heartbeat> = {}): Heartbeat => ({
	at: at(s),
	lessonId: 1,
	tabId: 'tab-a',
	sessionId: 'sess-1',
	visible: true,
	input: true,
	...over,
})

/** Run a sequence of heartbeats; returns total credit and the reasons. */
function run(beats: Heartbeat[], creditedToday = 0) {
	let presence: Presence | null = null
	let total = 0
	const reasons: string[] = []
	for (const b of beats) {
		const out = evaluateHeartbeat(presence, b, creditedToday + total)
		presence = out.presence
		total += out.creditSeconds
		reasons.push(out.reason)
	}
	return { total, reasons, presence }
}

test('the first heartbeat starts the clock; each later one earns the time since the previous', () => {
	const r = run([beat(0), beat(15), beat(30), beat(45)])
	expect(r.reasons).toEqual(['started', 'credited', 'credited', 'credited'])
	expect(r.total).toBe(45)
})

test('an interval longer than heartbeat + grace earns nothing (a gap is not study)', () => {
	const r = run([beat(0), beat(15), beat(200), beat(215)])
	expect(r.reasons).toEqual(['started', 'credited', 'resumed-after-gap', 'credited'])
	expect(r.total).toBe(30)
})

test('time while the page was hidden earns nothing', () => {
	const r = run([beat(0), beat(15, { visible: false }), beat(30, { visible: false }), beat(45)])
	expect(r.reasons).toEqual(['started', 'hidden', 'hidden', 'credited'])
	expect(r.total).toBe(15)
})

test('after five minutes without input the lesson locks and stops earning', () => {
	const beats = [beat(0)]
	for (let s = 15; s <= 330; s += 15) beats.push(beat(s, { input: false }))
	const r = run(beats)
	// Input at 0; idle limit 300 s: beats up to 300 earn, later ones lock.
	expect(r.total).toBe(300)
	expect(r.reasons.at(-1)).toBe('idle')
	const out = evaluateHeartbeat(r.presence, beat(345, { input: false }), r.total)
	expect(out.locked).toBe(true)
	// Input again (the learner pressed 「继续学习」) and earning resumes.
	const resumed = evaluateHeartbeat(out.presence, beat(360), r.total)
	expect(resumed).toMatchObject({ reason: 'credited', creditSeconds: 15 })
})

test('a second tab while the first is alive earns nothing and does not steal the presence', () => {
	const r = run([beat(0), beat(15), beat(16, { tabId: 'tab-b' }), beat(30), beat(31, { tabId: 'tab-b' }), beat(45)])
	expect(r.reasons).toEqual(['started', 'credited', 'other-window', 'credited', 'other-window', 'credited'])
	expect(r.total).toBe(45)
})

test('a second device (another session) is refused the same way; it takes over once the first stops', () => {
	const r = run([beat(0), beat(15), beat(20, { sessionId: 'sess-2', tabId: 'x' }), beat(60, { sessionId: 'sess-2', tabId: 'x' }), beat(75, { sessionId: 'sess-2', tabId: 'x' })])
	expect(r.reasons).toEqual(['started', 'credited', 'other-window', 'started', 'credited'])
	expect(r.total).toBe(30)
})

test('the browser clock does not matter: only server receive times are used', () => {
	// Heartbeats whose payload claims any time still earn by server arrival only.
	const r = run([beat(0), beat(15), beat(30)])
	expect(r.total).toBe(30)
})

test('a flood of heartbeats earns no more than wall-clock time', () => {
	const beats = [beat(0)]
	for (let i = 1; i <= 1000; i++) beats.push(beat(i * 0.06))
	const r = run(beats)
	expect(r.total).toBeLessThanOrEqual(60)
})

test('one interval never earns more than heartbeat + grace', () => {
	const r = run([beat(0), beat(20)])
	expect(r.total).toBe(20)
	const late = run([beat(0), beat(21)])
	expect(late.total).toBe(0)
})

test('the daily cap stops crediting past 8 学时', () => {
	const cap = dailyCapSeconds()
	expect(cap).toBe(8 * 45 * 60)
	const nearCap = run([beat(0), beat(15), beat(30)], cap - 10)
	expect(nearCap.total).toBe(10)
	expect(nearCap.reasons).toEqual(['started', 'credited', 'daily-cap'])
})

test('switching lessons restarts the clock', () => {
	const r = run([beat(0), beat(15), beat(30, { lessonId: 2 }), beat(45, { lessonId: 2 })])
	expect(r.reasons).toEqual(['started', 'credited', 'started', 'credited'])
	expect(r.total).toBe(30)
})

test('a video advances at most at real time, whatever position the player reports', () => {
	expect(advanceVideo(0, 15, 15, 120)).toBe(15)
	expect(advanceVideo(15, 110, 15, 120)).toBe(30)
	expect(advanceVideo(100, 5, 15, 120)).toBe(100)
	expect(advanceVideo(110, 500, 15, 120)).toBe(120)
})

test('a lesson is complete with its time, its video ended and every check answered', () => {
	const base = { creditedSeconds: 1800, requiredMinutes: 30, kind: 'text', videoEnded: false, checkIds: ['c1', 'c2'], answeredChecks: { c1: 0, c2: 2 } }
	expect(lessonComplete(base)).toBe(true)
	expect(lessonComplete({ ...base, creditedSeconds: 1799 })).toBe(false)
	expect(lessonComplete({ ...base, answeredChecks: { c1: 0 } })).toBe(false)
	expect(lessonComplete({ ...base, kind: 'video' })).toBe(false)
	expect(lessonComplete({ ...base, kind: 'video', videoEnded: true })).toBe(true)
})

test('学时 are 45-minute units, rounded down to one decimal', () => {
	expect(creditHours(45 * 60)).toBe(1)
	expect(creditHours(44 * 60)).toBe(0.9)
	expect(creditHours(8 * 45 * 60)).toBe(8)
})
