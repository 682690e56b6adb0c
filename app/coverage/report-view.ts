// Shared wording and arithmetic for coverage pages and exports. Pure.
import { COVERAGE_STATUS_LABELS, type CoverageStatus } from './coverage.ts'
import { type CoverageFilters, type Figures } from './reports.server.ts'

export function percent(part: number, whole: number) {
	return whole === 0 ? null : Math.round((part / whole) * 1000) / 10
}

/** Credited seconds as 学时 with one decimal, for reports and archives. */
export function creditedHours(seconds: number, minutesPerCreditHour: number) {
	return Math.round((seconds / 60 / minutesPerCreditHour) * 10) / 10
}

/** The `?year=` of a coverage or plans page, or the current year when absent or not a year. */
export function yearParam(url: URL, today: string) {
	const y = Number(url.searchParams.get('year'))
	return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(today.slice(0, 4))
}

/** Enterprises a page of the regional coverage table shows (the export has them all). */
export const ENTERPRISE_PAGE_SIZE = 50

export function parseFilters(url: URL): CoverageFilters {
	const industry = url.searchParams.get('industry') || undefined
	const size = url.searchParams.get('size') || undefined
	const risk = url.searchParams.get('highRisk')
	const park = Number(url.searchParams.get('park'))
	return { industry, size, highRisk: risk === '1' ? true : risk === '0' ? false : undefined, parkId: Number.isSafeInteger(park) && park > 0 ? park : undefined }
}

export function figureColumns(f: Figures, minutesPerCreditHour: number) {
	return {
		people: f.people,
		coverage: percent(f.done, f.people),
		examPassRate: percent(f.examPassed, f.people),
		overdue: f.overdue,
		notStarted: f.notStarted,
		inProgress: f.inProgress,
		owedHours: Math.round(f.owedMinutes / minutesPerCreditHour),
		creditedHours: creditedHours(f.creditedSeconds, minutesPerCreditHour),
	}
}

export const FIGURE_HEADERS = ['应训人数', '达标率(%)', '考试合格率(%)', '逾期', '未开始', '进行中', '应训学时', '已获学时']

export function statusLabel(s: CoverageStatus) {
	return COVERAGE_STATUS_LABELS[s]
}
