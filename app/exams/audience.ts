// Who may sit an exam. Pure: the exam's audience against a person's current jobs.

export type ExamAudience = { enterpriseIds?: number[]; jobs?: string[]; industries?: string[]; regionPath?: string; classId?: number }
export type PersonJob = { enterpriseId: number; jobCategory: string; industry: string; regionPath?: string }

/**
 * An exam set by an enterprise is for its own people; any other exam is for everyone its
 * audience names. Each listed criterion must hold for at least one current job; cadres
 * without an employer match only exams that name no enterprise, industry or job. An exam of a
 * 专题培训班 (`classId`) is for the people on its roster and no one else.
 */
export function inAudience(exam: { enterpriseId: number | null; audience: ExamAudience }, jobs: readonly PersonJob[], classIds: readonly number[] = []) {
	const a = exam.audience
	if (a.classId !== undefined) return classIds.includes(a.classId)
	if (!restricted(exam)) return true
	return jobs.some((j) => fits(exam, j))
}

/**
 * The employer a sitting belongs to (its tenant key, and whose coverage a pass counts for):
 * the earliest-hired current job the exam is for — an enterprise's own exam belongs to that
 * enterprise even when the person was hired elsewhere first. An open exam or a class's
 * assessment belongs to the earliest-hired current employer; none without a job.
 * `jobs` in hiring order.
 */
export function sittingEmployer(exam: { enterpriseId: number | null; audience: ExamAudience }, jobs: readonly PersonJob[]) {
	const own = exam.audience.classId === undefined && restricted(exam) ? jobs.find((j) => fits(exam, j)) : undefined
	return (own ?? jobs[0])?.enterpriseId ?? null
}

function restricted(exam: { enterpriseId: number | null; audience: ExamAudience }) {
	const a = exam.audience
	return exam.enterpriseId !== null || Boolean(a.enterpriseIds?.length || a.jobs?.length || a.industries?.length || a.regionPath)
}

/** Every criterion the exam names holds for this one job. */
function fits(exam: { enterpriseId: number | null; audience: ExamAudience }, j: PersonJob) {
	const a = exam.audience
	return (
		(exam.enterpriseId === null || j.enterpriseId === exam.enterpriseId) &&
		(!a.enterpriseIds?.length || a.enterpriseIds.includes(j.enterpriseId)) &&
		(!a.jobs?.length || a.jobs.includes(j.jobCategory)) &&
		(!a.industries?.length || a.industries.includes(j.industry)) &&
		(!a.regionPath || (j.regionPath ?? '').startsWith(a.regionPath))
	)
}

/** Sittings left of `allowed`: a sitting declared void (成绩作废) does not count. */
export function attemptsLeft(allowed: number, sittings: readonly { annulledAt: Date | null }[]) {
	return Math.max(0, allowed - sittings.filter((s) => !s.annulledAt).length)
}
