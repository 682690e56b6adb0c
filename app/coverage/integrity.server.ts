import { and, desc, eq, gte, inArray, isNotNull, like, lt, or, type AnyColumn, type SQL, sql } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { attemptAnswers, attemptQuestions, attempts, employments, enterprises, integrityFlags, integrityScans, learningCredits, learningSessions, lessonProgress, people, questionVersions } from '#db/schema/index.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { dailyCapSeconds } from '#app/learning/ledger.ts'
import {
	type AnsweredPaper,
	dayCapFlags,
	type Flag,
	type FlagKind,
	identicalAnswerFlags,
	nightBulkFlags,
	sharedDeviceFlags,
	sharedIpFlags,
	tooFastFlags,
	uniformHighScoreFlags,
} from './integrity.ts'

/**
 * A pass reads again what arrived up to this long before the previous pass started: facts of a
 * transaction still open then (a heartbeat, a paper being graded) are stamped earlier than they
 * became visible.
 */
const SCAN_OVERLAP_MS = 10 * 60_000

/**
 * The enterprises with facts recorded since `since` (of any year: a correction made in January
 * may concern last year): credited time, a stretch of learning begun, a sitting started or
 * finished, a lesson completed. Each read follows an index on its time column (BRIN where rows
 * arrive in time order).
 */
async function enterprisesActiveSince(since: Date) {
	const found = await Promise.all([
		db.selectDistinct({ id: learningCredits.enterpriseId }).from(learningCredits).where(and(gte(learningCredits.creditedAt, since), isNotNull(learningCredits.enterpriseId))),
		db.selectDistinct({ id: learningSessions.enterpriseId }).from(learningSessions).where(and(gte(learningSessions.firstAt, since), isNotNull(learningSessions.enterpriseId))),
		db.selectDistinct({ id: attempts.enterpriseId }).from(attempts).where(and(or(gte(attempts.startedAt, since), gte(attempts.finishedAt, since)), isNotNull(attempts.enterpriseId))),
		db.selectDistinct({ id: lessonProgress.enterpriseId }).from(lessonProgress).where(and(gte(lessonProgress.completedAt, since), isNotNull(lessonProgress.enterpriseId))),
	])
	return [...new Set(found.flat().map((r) => r.id!))].sort((a, b) => a - b)
}

/** Flags found by a pass, how many are new, how many open ones it brought up to date, and which enterprises it read. */
export type DetectionRun = { detected: number; added: number; updated: number; enterprises: number | 'all' }

/**
 * Run every detector over a year's facts and store new flags (existing keys are left alone).
 * After a first complete pass, a pass reads only the enterprises with facts since the previous
 * one (every detector groups within an enterprise, so the others would find exactly what they
 * found before); `full` reads everything again.
 */
export async function detectFlags(year: number, options: { full?: boolean; now?: Date } = {}): Promise<DetectionRun> {
	// The database's clock, which stamps the facts (defaultNow), not the app server's: a pass must
	// not skip facts because the two clocks disagree.
	let passStartedAt = options.now
	if (!passStartedAt) {
		const [clock] = await db.select({ ms: sql<number>`(extract(epoch from now()) * 1000)::float8` }).from(sql`(select 1) as one`)
		passStartedAt = new Date(Number(clock!.ms))
	}
	const [previous] = options.full ? [] : await db.select({ scannedAt: integrityScans.scannedAt }).from(integrityScans).where(eq(integrityScans.year, year))
	const only = previous ? await enterprisesActiveSince(new Date(previous.scannedAt.getTime() - SCAN_OVERLAP_MS)) : null
	const run = only === null ? await detectIn(year, null) : only.length === 0 ? { detected: 0, added: 0, updated: 0 } : await detectIn(year, only)
	// Two servers may sweep at once: the later start stands (each read everything before its own).
	await db
		.insert(integrityScans)
		.values({ year, scannedAt: passStartedAt })
		.onConflictDoUpdate({ target: integrityScans.year, set: { scannedAt: sql`greatest(${integrityScans.scannedAt}, excluded.scanned_at)` } })
	return { ...run, enterprises: only === null ? 'all' : only.length }
}

/** The detectors over a year's facts, of some enterprises only (`only`) or of all. */
async function detectIn(year: number, only: readonly number[] | null) {
	const within = (column: AnyColumn | SQL): SQL | undefined => (only === null ? undefined : sql`${column} = any(${`{${only.join(',')}}`}::int[])`)
	const startAt = new Date(`${year}-01-01T00:00:00+08:00`)
	const endAt = new Date(`${year + 1}-01-01T00:00:00+08:00`)
	const cap = dailyCapSeconds(ledgerRules())
	const beijingHour = sql<string>`to_char(${attempts.startedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24')`
	const night = sql<string>`to_char(${lessonProgress.completedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
	const examDay = sql<string>`to_char(${attempts.startedAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`
	const inYear = and(gte(learningSessions.day, `${year}-01-01`), lt(learningSessions.day, `${year + 1}-01-01`), isNotNull(learningSessions.enterpriseId), within(learningSessions.enterpriseId))
	// One browser used by several people in a day, learning and exams together (groups of one
	// person stay in the database). Learning is not grouped by address: a whole factory studies
	// behind one gateway, so five colleagues starting lessons in an hour is an ordinary morning.
	const [learningDevices, examDevices] = await Promise.all([
		db
			.select({ deviceId: learningSessions.deviceId, enterpriseId: learningSessions.enterpriseId, day: learningSessions.day, personIds: sql<number[]>`array_agg(distinct ${learningSessions.personId})` })
			.from(learningSessions)
			.where(and(inYear, isNotNull(learningSessions.deviceId)))
			.groupBy(learningSessions.deviceId, learningSessions.enterpriseId, learningSessions.day)
			.having(sql`count(distinct ${learningSessions.personId}) >= 2`),
		db
			.select({ deviceId: attempts.deviceId, enterpriseId: attempts.enterpriseId, day: examDay, personIds: sql<number[]>`array_agg(distinct ${attempts.personId})` })
			.from(attempts)
			.where(and(isNotNull(attempts.deviceId), isNotNull(attempts.enterpriseId), within(attempts.enterpriseId), gte(attempts.startedAt, startAt), lt(attempts.startedAt, endAt)))
			.groupBy(attempts.deviceId, attempts.enterpriseId, examDay)
			.having(sql`count(distinct ${attempts.personId}) >= 2`),
	])
	const [capDays, shared, uniform, fast, nights, papers] = await Promise.all([
		db
			.select({ personId: learningCredits.personId, enterpriseId: learningCredits.enterpriseId, day: learningCredits.day })
			.from(learningCredits)
			.where(and(isNotNull(learningCredits.enterpriseId), within(learningCredits.enterpriseId), gte(learningCredits.day, `${year}-01-01`), lt(learningCredits.day, `${year + 1}-01-01`)))
			.groupBy(learningCredits.personId, learningCredits.enterpriseId, learningCredits.day)
			.having(sql`sum(${learningCredits.seconds}) >= ${cap}`),
		db
			.select({ ip: attempts.ip, enterpriseId: attempts.enterpriseId, hour: beijingHour, personIds: sql<number[]>`array_agg(distinct ${attempts.personId})` })
			.from(attempts)
			.where(and(isNotNull(attempts.ip), isNotNull(attempts.enterpriseId), within(attempts.enterpriseId), gte(attempts.startedAt, startAt), lt(attempts.startedAt, endAt)))
			.groupBy(attempts.ip, attempts.enterpriseId, beijingHour)
			.having(sql`count(distinct ${attempts.personId}) >= 5`),
		db
			.select({
				enterpriseId: attempts.enterpriseId,
				examId: attempts.examId,
				people: sql<number>`count(distinct ${attempts.personId})::int`,
				minShare: sql<number>`min(${attempts.score} / nullif(${attempts.maxScore}, 0))::float`,
				personIds: sql<number[]>`array_agg(distinct ${attempts.personId})`,
			})
			.from(attempts)
			.where(and(isNotNull(attempts.finishedAt), isNotNull(attempts.enterpriseId), within(attempts.enterpriseId), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt)))
			.groupBy(attempts.enterpriseId, attempts.examId),
		db
			.select({ attemptId: attempts.id, personId: attempts.personId, enterpriseId: attempts.enterpriseId, secondsTaken: attempts.secondsTaken, readingSeconds: attempts.readingSeconds })
			.from(attempts)
			.where(and(eq(attempts.tooFast, true), isNotNull(attempts.enterpriseId), within(attempts.enterpriseId), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt))),
		db
			.select({ personId: lessonProgress.personId, enterpriseId: lessonProgress.enterpriseId, night, lessons: sql<number>`count(*)::int` })
			.from(lessonProgress)
			.where(
				and(
					isNotNull(lessonProgress.enterpriseId),
					within(lessonProgress.enterpriseId),
					gte(lessonProgress.completedAt, startAt),
					lt(lessonProgress.completedAt, endAt),
					sql`extract(hour from ${lessonProgress.completedAt} at time zone 'Asia/Shanghai') < 5`,
				),
			)
			.groupBy(lessonProgress.personId, lessonProgress.enterpriseId, night),
		db
			.select({
				attemptId: attempts.id,
				personId: attempts.personId,
				enterpriseId: attempts.enterpriseId,
				examId: attempts.examId,
				questionId: attemptQuestions.questionId,
				chosen: attemptAnswers.chosen,
				answer: sql<number[]>`${questionVersions.content}->'answer'`,
			})
			.from(attempts)
			.innerJoin(attemptQuestions, eq(attemptQuestions.attemptId, attempts.id))
			.innerJoin(attemptAnswers, and(eq(attemptAnswers.attemptId, attemptQuestions.attemptId), eq(attemptAnswers.position, attemptQuestions.position)))
			.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
			.where(and(isNotNull(attempts.finishedAt), isNotNull(attempts.enterpriseId), within(attempts.enterpriseId), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt))),
	])

	const byPerson = new Map<string, { personId: number; enterpriseId: number; days: string[] }>()
	for (const r of capDays) {
		const key = `${r.personId}:${r.enterpriseId}`
		const entry = byPerson.get(key) ?? { personId: r.personId, enterpriseId: r.enterpriseId!, days: [] }
		entry.days.push(r.day)
		byPerson.set(key, entry)
	}
	const paperMap = new Map<number, AnsweredPaper & { answers: Map<number, string> }>()
	const correct = new Map<number, string>()
	for (const r of papers) {
		const p = paperMap.get(r.attemptId) ?? { attemptId: r.attemptId, personId: r.personId, enterpriseId: r.enterpriseId!, examId: r.examId, answers: new Map<number, string>() }
		p.answers.set(r.questionId, [...r.chosen].sort().join(','))
		paperMap.set(r.attemptId, p)
		correct.set(r.questionId, [...r.answer].sort().join(','))
	}
	const flags: Flag[] = [
		...dayCapFlags([...byPerson.values()].map((e) => ({ ...e, days: e.days.sort() }))),
		...sharedIpFlags(shared.map((s) => ({ ip: s.ip!, enterpriseId: s.enterpriseId!, hour: s.hour, personIds: s.personIds }))),
		...sharedDeviceFlags([
			...learningDevices.map((d) => ({ deviceId: d.deviceId!, enterpriseId: d.enterpriseId!, day: d.day, personIds: d.personIds, activity: 'learning' as const })),
			...examDevices.map((d) => ({ deviceId: d.deviceId!, enterpriseId: d.enterpriseId!, day: d.day, personIds: d.personIds, activity: 'exam' as const })),
		]),
		...uniformHighScoreFlags(uniform.map((u) => ({ ...u, enterpriseId: u.enterpriseId! }))),
		...tooFastFlags(fast.map((f) => ({ attemptId: f.attemptId, personId: f.personId, enterpriseId: f.enterpriseId!, secondsTaken: f.secondsTaken ?? 0, readingSeconds: f.readingSeconds ?? 0 }))),
		...nightBulkFlags(nights.map((n) => ({ personId: n.personId, enterpriseId: n.enterpriseId!, night: n.night, lessons: n.lessons }))),
		...identicalAnswerFlags([...paperMap.values()], correct),
	]
	if (flags.length === 0) return { detected: 0, added: 0, updated: 0 }
	const paths = await db
		.select({ id: enterprises.id, regionPath: enterprises.regionPath })
		.from(enterprises)
		.where(inArray(enterprises.id, [...new Set(flags.map((f) => f.enterpriseId))]))
	const pathOf = new Map(paths.map((p) => [p.id, p.regionPath]))
	let added = 0
	let updated = 0
	for (let i = 0; i < flags.length; i += 500) {
		const written = await db
			.insert(integrityFlags)
			.values(flags.slice(i, i + 500).map((f) => ({ kind: f.kind, key: f.key, enterpriseId: f.enterpriseId, regionPath: pathOf.get(f.enterpriseId) ?? '/', personIds: f.personIds, summary: f.summary, evidence: f.evidence })))
			// An open flag follows its facts (more days at the cap, more people on the device that
			// day); a reviewed one keeps the evidence it was reviewed on.
			.onConflictDoUpdate({
				target: integrityFlags.key,
				set: { personIds: sql`excluded.person_ids`, summary: sql`excluded.summary`, evidence: sql`excluded.evidence` },
				setWhere: sql`${integrityFlags.status} = 'open' and ${integrityFlags.evidence} is distinct from excluded.evidence`,
			})
			.returning({ inserted: sql<boolean>`(xmax = 0)` })
		for (const w of written) w.inserted ? added++ : updated++
	}
	return { detected: flags.length, added, updated }
}

/** Flags under a region, open ones first. */
export async function listFlags(scope: { regionPath: string }, status: 'open' | 'reviewed' | 'all' = 'open') {
	const rows = await db
		.select({
			id: integrityFlags.id,
			kind: integrityFlags.kind,
			enterpriseId: integrityFlags.enterpriseId,
			enterpriseName: enterprises.name,
			personIds: integrityFlags.personIds,
			summary: integrityFlags.summary,
			evidence: integrityFlags.evidence,
			detectedAt: integrityFlags.detectedAt,
			status: integrityFlags.status,
			reviewNote: integrityFlags.reviewNote,
			reviewedAt: integrityFlags.reviewedAt,
		})
		.from(integrityFlags)
		.innerJoin(enterprises, eq(enterprises.id, integrityFlags.enterpriseId))
		.where(and(like(integrityFlags.regionPath, `${scope.regionPath}%`), status === 'all' ? undefined : eq(integrityFlags.status, status)))
		.orderBy(desc(integrityFlags.detectedAt), desc(integrityFlags.id))
		.limit(500)
	const ids = [...new Set(rows.flatMap((r) => r.personIds))]
	// Each person with their latest job at each enterprise: the archive (一人一档) a flag links to.
	const [names, jobs] = ids.length
		? await Promise.all([
				db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)),
				db
					.select({ personId: employments.personId, enterpriseId: employments.enterpriseId, employmentId: sql<number>`max(${employments.id})` })
					.from(employments)
					.where(inArray(employments.personId, ids))
					.groupBy(employments.personId, employments.enterpriseId),
			])
		: [[], []]
	const nameOf = new Map(names.map((n) => [n.id, n.name]))
	const jobOf = new Map(jobs.map((j) => [`${j.personId}:${j.enterpriseId}`, j.employmentId]))
	return rows.map((r) => ({
		...r,
		kind: r.kind as FlagKind,
		people: r.personIds.map((id) => ({ id, name: nameOf.get(id) ?? `#${id}`, employmentId: jobOf.get(`${id}:${r.enterpriseId}`) ?? null })),
	}))
}

/** A regulator marks a flag in their region reviewed, with a note (audited). */
export async function reviewFlag(scope: { regionPath: string }, actor: { userId: number }, input: { flagId: number; note: string }) {
	const note = input.note.trim()
	if (!note) return { ok: false as const, message: '请填写核查意见' }
	const changed = await db
		.update(integrityFlags)
		.set({ status: 'reviewed', reviewedBy: actor.userId, reviewedAt: new Date(), reviewNote: note.slice(0, 500) })
		.where(and(eq(integrityFlags.id, input.flagId), like(integrityFlags.regionPath, `${scope.regionPath}%`)))
		.returning({ id: integrityFlags.id, enterpriseId: integrityFlags.enterpriseId })
	if (!changed[0]) return { ok: false as const, message: '找不到这条提示' }
	await audit(db, { actorUserId: actor.userId, action: 'integrity_flag.review', entityType: 'integrity_flag', entityId: input.flagId, enterpriseId: changed[0].enterpriseId, detail: { note } })
	return { ok: true as const }
}
