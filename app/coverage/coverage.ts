// Coverage status of a person's year at an enterprise. Pure; the same rule is written in SQL
// for rollups (coverage.server.ts statusSql) and both are tested against each other.

export const COVERAGE_STATUSES = ['done', 'in_progress', 'not_started', 'overdue', 'none'] as const
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number]
export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, string> = { done: '达标', in_progress: '进行中', not_started: '未开始', overdue: '逾期', none: '无要求' }

export type CoverageFacts = {
	owedMinutes: number
	obligations: number
	dueBy: string | null
	creditedSeconds: number
	/** 学时 still missing by category (seconds): time outside every category fills no gap. */
	categoryShortSeconds: number
	examPassed: boolean
	requiredItems: number
	requiredDone: number
}

/**
 * 达标: the hours the rules ask for are credited, in every category, and the year's exam passed (when the rules ask
 * for anything), and every assigned course and exam is done. 逾期: not 达标 after the last due
 * date. 未开始: nothing credited, no exam, nothing assigned done. Otherwise 进行中. Nothing
 * owed and nothing assigned: 无要求.
 */
export function coverageStatus(c: CoverageFacts, today: string): CoverageStatus {
	if (c.obligations === 0 && c.requiredItems === 0) return 'none'
	const rulesMet = c.obligations === 0 || (c.creditedSeconds >= c.owedMinutes * 60 && c.categoryShortSeconds === 0 && c.examPassed)
	if (rulesMet && c.requiredDone >= c.requiredItems) return 'done'
	if (c.dueBy !== null && today > c.dueBy) return 'overdue'
	if (c.creditedSeconds === 0 && !c.examPassed && c.requiredDone === 0) return 'not_started'
	return 'in_progress'
}

/**
 * The years the background sweeps (rollups, 走过场 detection) cover on `today`: this year, and
 * through January last year as well — its facts still arrive then (a paper handed in at 23:59 on
 * 31 December, a correction or a leaver recorded after New Year), and its dashboards must follow.
 */
export function sweepYears(today: string) {
	const year = Number(today.slice(0, 4))
	return today.slice(5, 7) === '01' ? [year, year - 1] : [year]
}
