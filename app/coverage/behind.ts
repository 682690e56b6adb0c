// Who is behind in an enterprise: the filters and group counts of the enterprise admin's
// reminder list (page, print and export alike). Pure.
import { type CoverageStatus, COVERAGE_STATUSES } from './coverage.ts'

/** `behind`: everyone owing something who is not 达标 yet (the reminder list). */
export type BehindFilter = { department?: string; job?: string; status?: CoverageStatus | 'behind' }

type Person = { department: string | null; jobCategory: string; status: CoverageStatus }

export const isBehind = (status: CoverageStatus) => status === 'overdue' || status === 'not_started' || status === 'in_progress'

/** The filter value for people with no department recorded (an empty value means "all"). */
export const NO_DEPARTMENT = '-'

export function parseBehindFilter(url: URL): BehindFilter {
	const status = url.searchParams.get('status') ?? ''
	const department = url.searchParams.get('department')
	return {
		department: department === NO_DEPARTMENT ? '' : department || undefined,
		job: url.searchParams.get('job') || undefined,
		status: status === 'behind' || (COVERAGE_STATUSES as readonly string[]).includes(status) ? (status as BehindFilter['status']) : undefined,
	}
}

/** The department a row is listed under ('' when none is recorded). */
export const departmentOf = (p: Person) => p.department ?? ''

export function filterPeople<T extends Person>(rows: T[], f: BehindFilter): T[] {
	return rows.filter(
		(p) =>
			(f.department === undefined || departmentOf(p) === f.department) &&
			(f.job === undefined || p.jobCategory === f.job) &&
			(f.status === undefined || (f.status === 'behind' ? isBehind(p.status) : p.status === f.status)),
	)
}

/** People and how many of them are behind, per department or job category, most behind first. */
export function behindBy<T extends Person>(rows: T[], key: (p: T) => string) {
	const groups = new Map<string, { key: string; people: number; behind: number; overdue: number }>()
	for (const p of rows) {
		const k = key(p)
		const g = groups.get(k) ?? { key: k, people: 0, behind: 0, overdue: 0 }
		g.people++
		if (isBehind(p.status)) g.behind++
		if (p.status === 'overdue') g.overdue++
		groups.set(k, g)
	}
	// Ties by name, with "no department recorded" last.
	return [...groups.values()].sort((a, b) => b.behind - a.behind || b.overdue - a.overdue || Number(a.key === '') - Number(b.key === '') || a.key.localeCompare(b.key, 'zh-CN'))
}
