// Times are stored as timestamptz and always shown in Asia/Shanghai.
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
	timeZone: DISPLAY_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false,
})
const dateFormat = new Intl.DateTimeFormat('zh-CN', {
	timeZone: DISPLAY_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
})

function parts(format: Intl.DateTimeFormat, value: Date) {
	const out: Record<string, string> = {}
	for (const p of format.formatToParts(value)) out[p.type] = p.value
	return out
}

/** 2026-11-23 17:05 in Beijing time. */
export function formatDateTime(value: Date | string) {
	const p = parts(dateTimeFormat, new Date(value))
	return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`
}

/** 2026-11-23 in Beijing time; a plain `YYYY-MM-DD` date is returned as is. */
export function formatDate(value: Date | string) {
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value
	const p = parts(dateFormat, new Date(value))
	return `${p.year}-${p.month}-${p.day}`
}

/** Today's calendar date in Beijing, as YYYY-MM-DD. */
/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(s: string) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
	const d = new Date(`${s}T00:00:00Z`)
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export function todayInShanghai(now = new Date()) {
	return formatDate(now)
}

/** The same day `months` later (clamped to the month's end), ISO dates. */
export function addMonths(iso: string, months: number) {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
	const total = m - 1 + months
	const year = y + Math.floor(total / 12)
	const month = (total % 12) + 1
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
	return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}
