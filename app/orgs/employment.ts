// Pure rules over an employment's event history.

export type EmploymentEvent = {
	kind: string
	effectiveOn: string
	endsOn: string | null
}

export type LeavePeriod = { from: string; to: string | null; days: number | null }

function daysBetween(from: string, to: string) {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * Leave periods: a `leave` event ends at its own `endsOn`, or at the next `return` event, or is
 * still open (to = null).
 */
export function leavePeriods(events: readonly EmploymentEvent[]): LeavePeriod[] {
	const sorted = [...events].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))
	const periods: LeavePeriod[] = []
	let open: string | null = null
	for (const e of sorted) {
		if (e.kind === 'leave') {
			if (e.endsOn) periods.push({ from: e.effectiveOn, to: e.endsOn, days: daysBetween(e.effectiveOn, e.endsOn) })
			else open = e.effectiveOn
		} else if (e.kind === 'return' && open) {
			periods.push({ from: open, to: e.effectiveOn, days: daysBetween(open, e.effectiveOn) })
			open = null
		}
	}
	if (open) periods.push({ from: open, to: null, days: null })
	return periods
}

/** Whether a period counts as 离岗一年以上 (令第3号 第十七条: re-training before returning). */
export function isYearOrLonger(period: LeavePeriod) {
	if (!period.to) return false
	const from = new Date(`${period.from}T00:00:00Z`)
	const anniversary = new Date(Date.UTC(from.getUTCFullYear() + 1, from.getUTCMonth(), from.getUTCDate()))
	return Date.parse(`${period.to}T00:00:00Z`) >= anniversary.getTime()
}

/** Whether the person is on leave now (an open leave period). */
export function onLeave(events: readonly EmploymentEvent[]) {
	return leavePeriods(events).some((p) => p.to === null)
}
