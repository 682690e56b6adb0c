import { and, eq, isNull } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { classMembers, employments, enterprises } from '#db/schema/index.ts'
import { type ExamAudience, inAudience, type PersonJob } from './audience.ts'

/** A person's current jobs, as an exam's audience reads them. */
export async function jobsOf(personId: number): Promise<PersonJob[]> {
	return db
		.select({ enterpriseId: employments.enterpriseId, jobCategory: employments.jobCategory, industry: enterprises.industry, regionPath: enterprises.regionPath })
		.from(employments)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(and(eq(employments.personId, personId), isNull(employments.leftOn)))
}

/** The 专题培训班 a person is on (a class's assessment is for its roster). */
export async function classIdsOf(personId: number) {
	return (await db.select({ classId: classMembers.classId }).from(classMembers).where(eq(classMembers.personId, personId))).map((r) => r.classId)
}

/** Whether this person is in the exam's audience now. */
export async function mayTake(personId: number, exam: { enterpriseId: number | null; audience: unknown }) {
	const [jobs, classIds] = await Promise.all([jobsOf(personId), classIdsOf(personId)])
	return inAudience({ enterpriseId: exam.enterpriseId, audience: exam.audience as ExamAudience }, jobs, classIds)
}
