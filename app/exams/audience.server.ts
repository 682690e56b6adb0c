import { and, asc, eq, isNull } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { classMembers, employments, enterprises } from '#db/schema/index.ts'
import { type ExamAudience, inAudience, type PersonJob, sittingEmployer } from './audience.ts'

/** A person's current jobs, as an exam's audience reads them, in hiring order. */
export async function jobsOf(personId: number): Promise<PersonJob[]> {
	return db
		.select({ enterpriseId: employments.enterpriseId, jobCategory: employments.jobCategory, industry: enterprises.industry, regionPath: enterprises.regionPath })
		.from(employments)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(and(eq(employments.personId, personId), isNull(employments.leftOn)))
		.orderBy(asc(employments.hiredOn), asc(employments.id))
}

/** The 专题培训班 a person is on (a class's assessment is for its roster). */
export async function classIdsOf(personId: number) {
	return (await db.select({ classId: classMembers.classId }).from(classMembers).where(eq(classMembers.personId, personId))).map((r) => r.classId)
}

/**
 * Whether this person is in the exam's audience now, and if so the employer a sitting would
 * belong to (`sittingEmployer`).
 */
export async function audienceCheck(personId: number, exam: { enterpriseId: number | null; audience: unknown }) {
	const [jobs, classIds] = await Promise.all([jobsOf(personId), classIdsOf(personId)])
	const e = { enterpriseId: exam.enterpriseId, audience: exam.audience as ExamAudience }
	return inAudience(e, jobs, classIds) ? { ok: true as const, enterpriseId: sittingEmployer(e, jobs) } : { ok: false as const }
}
