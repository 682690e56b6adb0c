import { and, asc, desc, eq, isNotNull, isNull, like, sql } from 'drizzle-orm'
import { publishProblems } from '#app/exams/attempts.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attempts, contests, employments, enterprises, exams, people, regions } from '#db/schema/index.ts'
import { type ContestValues, contestRules, rank } from './contest-form.ts'

const c = contests

/** Open a contest: an exam for everyone working in the region during the period, published now. */
export async function createContest(actor: { userId: number }, scope: { regionId: number; regionPath: string }, v: ContestValues) {
	const nextDay = new Date(new Date(`${v.closesOn}T00:00:00+08:00`).getTime() + 86_400_000)
	// Check the banks first, so a contest that cannot be drawn leaves no exam behind.
	const shortfall = await publishProblems({ paper: { kind: 'draw', banks: v.banks, rules: contestRules(v) } })
	if (shortfall.length > 0) return { ok: false as const, message: `题库不够抽题：${shortfall.join('；')}` }
	const created = await createExam(actor, {
		title: v.title,
		paper: { kind: 'draw', banks: v.banks, rules: contestRules(v) },
		timeLimitMinutes: v.minutes,
		passMark: 60,
		attemptsAllowed: v.attempts,
		opensAt: new Date(`${v.opensOn}T00:00:00+08:00`),
		closesAt: nextDay,
		review: 'after_submit',
		audience: { regionPath: scope.regionPath },
	})
	if (!created.ok) return { ok: false as const, message: created.problems.join('；') }
	const published = await publishExam(actor, created.examId)
	if (!published.ok) return { ok: false as const, message: `题库不够抽题：${published.problems.join('；')}` }
	const [row] = await db
		.insert(c)
		.values({ examId: created.examId, regionId: scope.regionId, regionPath: scope.regionPath, title: v.title, opensOn: v.opensOn, closesOn: v.closesOn, createdBy: actor.userId })
		.returning({ id: c.id })
	await audit(db, { actorUserId: actor.userId, action: 'contest.create', entityType: 'contest', entityId: row!.id, detail: { ...v, examId: created.examId } })
	return { ok: true as const, id: row!.id }
}

/** Contests held in the region or above it (a city's contest shows to its counties). */
export async function listContests(scope: { regionPath: string }) {
	return db
		.select({ id: c.id, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, regionName: regions.name, examId: c.examId })
		.from(c)
		.innerJoin(regions, eq(regions.id, c.regionId))
		.where(sql`(${c.regionPath} like ${`${likeEscape(scope.regionPath)}%`} or ${scope.regionPath} like ${c.regionPath} || '%')`)
		.orderBy(desc(c.opensOn), desc(c.id))
}

/**
 * The leaderboard within the viewer's region: each enterprise and each place directly under the
 * region, by participation rate (people who finished at least one attempt ÷ people working
 * there now) and then by the average of each participant's best score (as % of the paper).
 */
export async function leaderboard(scope: { regionPath: string; regionId: number }, contestId: number) {
	const [contest] = await db
		.select({ id: c.id, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, examId: c.examId, regionPath: c.regionPath })
		.from(c)
		.where(and(eq(c.id, contestId), sql`(${c.regionPath} like ${`${likeEscape(scope.regionPath)}%`} or ${scope.regionPath} like ${c.regionPath} || '%')`))
	if (!contest) return null
	// Only what lies in both the contest's region and the viewer's.
	const area = contest.regionPath.startsWith(scope.regionPath) ? contest.regionPath : scope.regionPath
	const staff = db
		.select({ enterpriseId: employments.enterpriseId, employees: sql<number>`count(distinct ${employments.personId})::int`.as('employees') })
		.from(employments)
		.where(isNull(employments.leftOn))
		.groupBy(employments.enterpriseId)
		.as('staff')
	const best = db
		.select({ enterpriseId: attempts.enterpriseId, personId: attempts.personId, best: sql<number>`max(${attempts.score} / nullif(${attempts.maxScore}, 0) * 100)`.as('best') })
		.from(attempts)
		.where(and(eq(attempts.examId, contest.examId), isNotNull(attempts.finishedAt), isNull(attempts.annulledAt)))
		.groupBy(attempts.enterpriseId, attempts.personId)
		.as('best')
	const taken = db
		.select({ enterpriseId: best.enterpriseId, participants: sql<number>`count(*)::int`.as('participants'), scoreSum: sql<number>`sum(${best.best})::float`.as('score_sum') })
		.from(best)
		.groupBy(best.enterpriseId)
		.as('taken')
	const rows = await db
		.select({ key: enterprises.id, name: enterprises.name, regionPath: enterprises.regionPath, employees: staff.employees, participants: sql<number>`coalesce(${taken.participants}, 0)::int`, scoreSum: sql<number>`coalesce(${taken.scoreSum}, 0)::float` })
		.from(enterprises)
		.innerJoin(staff, eq(staff.enterpriseId, enterprises.id))
		.leftJoin(taken, eq(taken.enterpriseId, enterprises.id))
		.where(and(like(enterprises.regionPath, `${likeEscape(area)}%`), isNull(enterprises.closedAt)))
	const children = await db.select({ id: regions.id, name: regions.name, path: regions.path }).from(regions).where(eq(regions.parentId, scope.regionId)).orderBy(asc(regions.id))
	const places = children.map((child) => {
		const inside = rows.filter((r) => r.regionPath.startsWith(child.path))
		return { key: child.id, name: child.name, employees: inside.reduce((n, r) => n + r.employees, 0), participants: inside.reduce((n, r) => n + r.participants, 0), scoreSum: inside.reduce((n, r) => n + r.scoreSum, 0) }
	})
	const employees = rows.reduce((n, r) => n + r.employees, 0)
	const participants = rows.reduce((n, r) => n + r.participants, 0)
	return {
		contest,
		totals: { employees, participants, rate: employees ? Math.round((participants / employees) * 1000) / 10 : 0 },
		enterprises: rank(rows).slice(0, 100),
		places: rank(places.filter((p) => p.employees > 0)),
	}
}

/** The contests a person took part in, with their best score: for the certificate of participation. */
export async function myContests(personId: number) {
	return db
		.select({ id: c.id, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, regionName: regions.name, best: sql<number>`round(max(${attempts.score} / nullif(${attempts.maxScore}, 0) * 100)::numeric, 1)::float`, firstAt: sql<Date>`min(${attempts.finishedAt})` })
		.from(c)
		.innerJoin(regions, eq(regions.id, c.regionId))
		.innerJoin(attempts, and(eq(attempts.examId, c.examId), eq(attempts.personId, personId), isNotNull(attempts.finishedAt), isNull(attempts.annulledAt)))
		.groupBy(c.id, c.title, c.opensOn, c.closesOn, regions.name)
		.orderBy(desc(c.opensOn))
}

export async function participationCertificate(personId: number, contestId: number) {
	const [mine] = (await myContests(personId)).filter((x) => x.id === contestId)
	if (!mine) return null
	const [person] = await db.select({ name: people.name }).from(people).where(eq(people.id, personId))
	const [exam] = await db.select({ title: exams.title }).from(exams).innerJoin(c, eq(c.examId, exams.id)).where(eq(c.id, contestId))
	return { ...mine, name: person?.name ?? '', examTitle: exam?.title ?? mine.title }
}
