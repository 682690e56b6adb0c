// How long training records are kept (RULES.md §2). No national period exists outside coal
// mines; the coal figures (令第92号: managers and others ≥ 3 years, special operations ≥ 6) and
// the recommended default (the longer of employment + 3 years and 6 years for special
// operations) are the defaults, and a deployment sets its own. Records are never deleted by
// the platform; this says until when they must at least be kept. Pure.
import { addMonths } from '#app/utils/time.ts'

export type RetentionPolicy = {
	/** Every record: at least this many years after it was made. */
	minimumYears: number
	/** And at least this many years after the person left the enterprise. */
	afterLeavingYears: number
	/** Special operation (特种作业) training and review records: at least this many years. */
	specialOperationYears: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { minimumYears: 3, afterLeavingYears: 3, specialOperationYears: 6 }

export const RETENTION_SOURCE = '《煤矿安全培训规定》（应急管理部令第92号）的保存年限，及本平台默认：在职期间及离职后不少于 3 年，特种作业人员不少于 6 年'

/** The policy in one sentence, for archives and exports. */
export function retentionText(p: RetentionPolicy) {
	return `培训档案在职期间持续保存，离职后至少保存 ${p.afterLeavingYears} 年，每条记录自形成起至少保存 ${p.minimumYears} 年；特种作业人员的培训、复审记录至少保存 ${p.specialOperationYears} 年。`
}

/**
 * The earliest date a person's records at an enterprise may be disposed of, or null while the
 * person is still employed there (kept for as long as the employment lasts).
 */
export function keepUntil(p: RetentionPolicy, facts: { leftOn: string | null; lastRecordOn: string | null; specialOperator: boolean }) {
	if (facts.leftOn === null) return null
	const dates = [addMonths(facts.leftOn, p.afterLeavingYears * 12)]
	if (facts.lastRecordOn) {
		dates.push(addMonths(facts.lastRecordOn, p.minimumYears * 12))
		if (facts.specialOperator) dates.push(addMonths(facts.lastRecordOn, p.specialOperationYears * 12))
	}
	return dates.reduce((a, b) => (a > b ? a : b))
}
