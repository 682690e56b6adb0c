// The 学时 ledger rules: what a heartbeat earns. Pure; the server applies them with its own
// clock (the browser's clock is never read), so skew and fake timestamps earn nothing.

export type LedgerRules = {
	readonly heartbeatSeconds: number
	readonly graceSeconds: number
	readonly idleLimitSeconds: number
	readonly minutesPerCreditHour: number
	readonly dailyCapCreditHours: number
}

/** The defaults; a deployment may change the 学时 length and the daily cap (rules.server.ts). */
export const LEDGER_RULES: LedgerRules = {
	/** The browser sends a heartbeat this often while a lesson is open. */
	heartbeatSeconds: 15,
	/** Slack for network delay: one interval may count up to heartbeat + grace. */
	graceSeconds: 5,
	/** No input for this long: the page locks and crediting stops. */
	idleLimitSeconds: 5 * 60,
	/** 1 学时 = 45 minutes (see docs/decisions/0005-learning-hours-and-mdx.md). */
	minutesPerCreditHour: 45,
	/** At most this many 学时 are credited per person per day. */
	dailyCapCreditHours: 8,
}

/** The last heartbeat the server accepted from a person (one presence per person). */
export type Presence = {
	lessonId: number
	tabId: string
	sessionId: string
	lastBeatAt: Date
	lastInputAt: Date
}

export type Heartbeat = {
	/** Server receive time. */
	at: Date
	lessonId: number
	tabId: string
	sessionId: string
	/** The page was visible throughout since the previous heartbeat. */
	visible: boolean
	/** There was input (pointer, key, scroll, touch, playing video) since the previous heartbeat. */
	input: boolean
}

export type HeartbeatOutcome = {
	creditSeconds: number
	reason:
		| 'credited'
		| 'started'
		| 'hidden'
		| 'idle'
		| 'other-window'
		| 'daily-cap'
		| 'resumed-after-gap'
	/** The presence to store (unchanged when another window holds it). */
	presence: Presence
	/** The page should show the idle lock. */
	locked: boolean
}

export function maxIntervalSeconds(rules: LedgerRules = LEDGER_RULES) {
	return rules.heartbeatSeconds + rules.graceSeconds
}

export function dailyCapSeconds(rules: LedgerRules = LEDGER_RULES) {
	return rules.dailyCapCreditHours * rules.minutesPerCreditHour * 60
}

/**
 * What one heartbeat earns. Time counts from the previous accepted heartbeat, capped at one
 * interval plus grace, and only when: the same window (tab, session) and lesson sent both, the
 * page was visible, the learner gave input within the idle limit, and the daily cap is not
 * reached. A second window or device while the first is alive earns nothing; a flood of
 * heartbeats earns no more than the wall-clock time between them.
 */
export function evaluateHeartbeat(
	prev: Presence | null,
	beat: Heartbeat,
	creditedTodaySeconds: number,
	rules: LedgerRules = LEDGER_RULES,
): HeartbeatOutcome {
	const interval = maxIntervalSeconds(rules)
	const fresh = (p: Presence) => (beat.at.getTime() - p.lastBeatAt.getTime()) / 1000 <= interval
	const sameWindow = prev !== null && prev.tabId === beat.tabId && prev.sessionId === beat.sessionId

	if (prev && !sameWindow && fresh(prev)) {
		// Another window or device is studying right now; it keeps the presence.
		return { creditSeconds: 0, reason: 'other-window', presence: prev, locked: false }
	}

	const lastInputAt = beat.input ? beat.at : sameWindow ? prev!.lastInputAt : beat.at
	const presence: Presence = {
		lessonId: beat.lessonId,
		tabId: beat.tabId,
		sessionId: beat.sessionId,
		lastBeatAt: beat.at,
		lastInputAt,
	}
	if (!prev || !sameWindow || prev.lessonId !== beat.lessonId) {
		return { creditSeconds: 0, reason: 'started', presence, locked: false }
	}
	const elapsed = (beat.at.getTime() - prev.lastBeatAt.getTime()) / 1000
	const idle = (beat.at.getTime() - lastInputAt.getTime()) / 1000 > rules.idleLimitSeconds
	if (idle) return { creditSeconds: 0, reason: 'idle', presence, locked: true }
	if (!beat.visible) return { creditSeconds: 0, reason: 'hidden', presence, locked: false }
	if (elapsed > interval) {
		// A gap (sleep, lost network): the time between is not evidence of study.
		return { creditSeconds: 0, reason: 'resumed-after-gap', presence, locked: false }
	}
	const room = Math.max(0, dailyCapSeconds(rules) - creditedTodaySeconds)
	const credit = Math.min(Math.max(0, Math.floor(elapsed)), room)
	if (credit === 0 && room === 0) return { creditSeconds: 0, reason: 'daily-cap', presence, locked: false }
	return { creditSeconds: credit, reason: 'credited', presence, locked: false }
}

/**
 * The furthest point of a video the learner may have reached: it can only advance at 1×
 * real time since the previous heartbeat (plus grace), whatever the player claims.
 */
export function advanceVideo(furthest: number, claimedPosition: number, elapsedSeconds: number, videoSeconds: number, rules: LedgerRules = LEDGER_RULES) {
	const reachable = furthest + Math.max(0, Math.min(elapsedSeconds, maxIntervalSeconds(rules)))
	return Math.min(videoSeconds, Math.max(furthest, Math.min(claimedPosition, reachable)))
}

export type CompletionInput = {
	creditedSeconds: number
	requiredMinutes: number
	kind: string
	videoEnded: boolean
	checkIds: readonly string[]
	answeredChecks: Readonly<Record<string, unknown>>
}

/** Complete: enough credited time, the video watched to its end, every check answered. */
export function lessonComplete(i: CompletionInput) {
	return (
		i.creditedSeconds >= i.requiredMinutes * 60 &&
		(i.kind !== 'video' || i.videoEnded) &&
		i.checkIds.every((id) => id in i.answeredChecks)
	)
}

/** Minutes shown as 学时 with one decimal (45 minutes = 1 学时). */
export function creditHours(seconds: number, rules: LedgerRules = LEDGER_RULES) {
	return Math.floor((seconds / 60 / rules.minutesPerCreditHour) * 10) / 10
}
