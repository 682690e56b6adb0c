// Credited time by category: which obligation of the year each day's 学时 went to. A day's
// time counts toward the obligations of the same enterprise that had begun by that day (a new
// post's training counts from the appointment, not before), earliest due first, up to what each
// asks; what is left over counts toward none. Pure, and derived only from the facts: the same
// obligations and ledger days always give the same split.
import { creditHours, type LedgerRules } from '#app/learning/ledger.ts'
import { type Obligation } from './obligations.ts'
import { type Trigger } from './training-rules.ts'

/** Seconds credited (or, negative, taken back by a correction) on a day, of one lesson when known. */
export type CreditDay = { enterpriseId: number; day: string; seconds: number; lessonId?: number }

export type ProgressStatus = 'done' | 'in_progress' | 'not_started' | 'overdue' | 'no_hours'

export type ObligationProgress = {
	/** Seconds the rule asks for; null when it names no figure. */
	owedSeconds: number | null
	/** Seconds of the year's ledger counted toward it (never more than owed). */
	creditedSeconds: number
	/** The day its hours were reached, or null. */
	metOn: string | null
	/** Reached after its due date (逾期完成). */
	late: boolean
	status: ProgressStatus
}

export const PROGRESS_LABELS: Record<ProgressStatus, string> = { done: '已完成', in_progress: '进行中', not_started: '未开始', overdue: '逾期', no_hours: '未规定学时' }

/** What each kind of obligation is called when hours are shown by category. */
export const TRIGGER_CATEGORY_LABELS: Record<Trigger, string> = {
	pre_job: '岗前培训',
	initial: '初次培训',
	annual: '年度再培训',
	reassignment: '调岗或重新上岗培训',
	special_review: '特种作业复审培训',
	special_absence: '重新上岗实际操作考试',
	fatal_accident: '事故后重新培训',
}

type Allocatable = Pick<Obligation, 'enterpriseId' | 'hours' | 'dueBy' | 'startsOn'>

/**
 * Split the year's credited days over the obligations (same order as given) and say how far
 * each is. `today` decides 逾期 for what is not yet reached. Credits may name their lesson: a
 * correction (negative seconds) then takes back the time of that lesson where it was counted.
 */
export function allocateCredits(obligations: readonly Allocatable[], credits: readonly CreditDay[], options: { minutesPerCreditHour: number; today: string }) {
	const owed = obligations.map((o) => (o.hours === null || o.hours <= 0 ? null : o.hours * options.minutesPerCreditHour * 60))
	const credited = obligations.map(() => 0)
	const metOn: (string | null)[] = obligations.map(() => null)
	/** Per obligation, the seconds it holds by lesson (0 when credits name none). */
	const held = obligations.map(() => new Map<number, number>())
	/** Per enterprise, the time that counted toward nothing: its day (what it may still fill) and lesson. */
	const spare = new Map<number, { day: string; lesson: number; seconds: number }[]>()
	const spareOf = (enterpriseId: number) => spare.get(enterpriseId) ?? spare.set(enterpriseId, []).get(enterpriseId)!
	const add = (m: Map<number, number>, lesson: number, seconds: number) => m.set(lesson, (m.get(lesson) ?? 0) + seconds)
	// Earliest due first; among equals, the order given.
	const order = obligations.map((_, i) => i).sort((a, b) => (obligations[a]!.dueBy < obligations[b]!.dueBy ? -1 : obligations[a]!.dueBy > obligations[b]!.dueBy ? 1 : a - b))
	const latestFirst = [...order].reverse()
	// By day; within a day, time credited before time taken back.
	const days = [...credits].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : b.seconds - a.seconds))
	/** Pour time of `day` into the enterprise's obligations begun by then, earliest due first; returns what is left. */
	const pour = (enterpriseId: number, day: string, lesson: number, seconds: number, reachedOn: string) => {
		let left = seconds
		for (const i of order) {
			if (left <= 0) break
			const o = obligations[i]!
			const need = owed[i] ?? null
			if (need === null || o.enterpriseId !== enterpriseId || o.startsOn > day || credited[i]! >= need) continue
			const take = Math.min(left, need - credited[i]!)
			credited[i]! += take
			add(held[i]!, lesson, take)
			left -= take
			if (credited[i]! >= need) metOn[i] = reachedOn
		}
		return left
	}
	/** Take up to `back` seconds of `lesson` (any lesson when null) from what counted toward nothing, then from the latest-due obligation back. */
	const takeBack = (enterpriseId: number, lesson: number | null, back: number) => {
		for (const entry of spareOf(enterpriseId)) {
			if (back <= 0) break
			if (entry.seconds <= 0 || (lesson !== null && entry.lesson !== lesson)) continue
			const take = Math.min(back, entry.seconds)
			entry.seconds -= take
			back -= take
		}
		for (const i of latestFirst) {
			if (back <= 0) break
			if (obligations[i]!.enterpriseId !== enterpriseId) continue
			for (const [l, s] of held[i]!) {
				if (back <= 0) break
				if (lesson !== null && l !== lesson) continue
				const take = Math.min(back, s)
				held[i]!.set(l, s - take)
				credited[i]! -= take
				back -= take
			}
			if (credited[i]! < (owed[i] ?? 0)) metOn[i] = null
		}
		return back
	}
	for (const credit of days) {
		const lesson = credit.lessonId ?? 0
		if (credit.seconds < 0) {
			// A correction (更正学时): that lesson's time first; beyond it (not expected), any time.
			const left = takeBack(credit.enterpriseId, lesson, -credit.seconds)
			if (left > 0) spareOf(credit.enterpriseId).push({ day: credit.day, lesson, seconds: -takeBack(credit.enterpriseId, null, left) })
			// What counted toward nothing refills what the correction emptied, where its day allows:
			// a correction of one lesson must not leave a category short while other time that could
			// fill it lies unused.
			for (const entry of spareOf(credit.enterpriseId)) if (entry.seconds > 0) entry.seconds = pour(credit.enterpriseId, entry.day, entry.lesson, entry.seconds, credit.day)
			continue
		}
		const left = pour(credit.enterpriseId, credit.day, lesson, credit.seconds, credit.day)
		if (left > 0) spareOf(credit.enterpriseId).push({ day: credit.day, lesson, seconds: left })
	}
	const unallocated = new Map([...spare].map(([enterpriseId, pool]) => [enterpriseId, pool.reduce((n, e) => n + e.seconds, 0)]))
	const progress: ObligationProgress[] = obligations.map((o, i) => {
		const need = owed[i] ?? null
		const met = metOn[i] ?? null
		let status: ProgressStatus
		if (need === null) status = 'no_hours'
		else if (met !== null) status = 'done'
		else if (options.today > o.dueBy) status = 'overdue'
		else status = credited[i]! > 0 ? 'in_progress' : 'not_started'
		return { owedSeconds: need, creditedSeconds: credited[i]!, metOn: met, late: met !== null && met > o.dueBy, status }
	})
	return { progress, unallocated }
}

/** One obligation's progress as pages show it, in 学时 with one decimal. */
export function progressView(p: ObligationProgress, rules: LedgerRules) {
	return {
		owed: p.owedSeconds === null ? null : creditHours(p.owedSeconds, rules),
		credited: creditHours(p.creditedSeconds, rules),
		status: p.status,
		label: p.late ? '逾期完成' : PROGRESS_LABELS[p.status],
		metOn: p.metOn,
	}
}
export type ProgressView = ReturnType<typeof progressView>

/** An obligation's hours and status in words, as the person page and 一人一档 both show them. */
export function progressText(o: { retest: string | null; progress: ProgressView }) {
	return {
		hours: o.progress.owed === null ? (o.retest ? `不计学时（${o.retest}）` : '未规定学时') : `${o.progress.credited} / ${o.progress.owed} 学时`,
		status: o.retest ? '由考核机构组织' : o.progress.label,
	}
}
