import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { db, dbDriver, type Tx } from '#app/utils/db.server.ts'
import { activeAssignments, assignmentsReaching, doneAssignments, type Exec } from './assignment-facts.server.ts'
import { rebuildPlainRange, type ShapeTotals, specialPeople } from './rebuild-sql.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { attempts, coveragePersonYear, employments, learningCredits } from '#db/schema/index.ts'
import { allocateCredits, type CreditDay } from './allocation.ts'
import { type CoverageStatus } from './coverage.ts'
import { hoursOwed, type Obligation, obligationsFor } from './obligations.ts'
import { currentRules, employmentRecords } from './obligations.server.ts'

type Row = typeof coveragePersonYear.$inferInsert

const BATCH = 2000

function yearBounds(year: number) {
	return { start: `${year}-01-01`, end: `${year}-12-31`, startAt: new Date(`${year}-01-01T00:00:00+08:00`), endAt: new Date(`${year + 1}-01-01T00:00:00+08:00`) }
}

/**
 * The coverage rows of these people (or everyone) for a year, computed from the facts only:
 * employments and their events, the rules in force, the 学时 ledger and exam results.
 */
export async function computeCoverageRows(year: number, who: readonly number[] | { range: readonly [number, number] }, exec: Exec = db): Promise<Row[]> {
	const { start, end, startAt, endAt } = yearBounds(year)
	const minutesPerCreditHour = getEnv().MINUTES_PER_CREDIT_HOUR
	const jobs = await employmentRecords('range' in who ? { personRange: who.range, window: { start, end } } : { personIds: who, window: { start, end } }, exec)
	if (jobs.length === 0) return []
	const people = [...new Set(jobs.map((j) => j.personId))]
	// A batch of the rebuild reads its facts by id range (an index range scan), not a long IN list.
	const creditsOf = 'range' in who ? and(gte(learningCredits.personId, who.range[0]), lt(learningCredits.personId, who.range[1])) : inArray(learningCredits.personId, people)
	const attemptsOf = 'range' in who ? and(gte(attempts.personId, who.range[0]), lt(attempts.personId, who.range[1])) : inArray(attempts.personId, people)
	const [credits, passes, rules, assigned] = await Promise.all([
		exec
			.select({ personId: learningCredits.personId, enterpriseId: learningCredits.enterpriseId, seconds: sql<number>`sum(${learningCredits.seconds})::int` })
			.from(learningCredits)
			.where(and(creditsOf, gte(learningCredits.day, start), lte(learningCredits.day, end), isNotNull(learningCredits.enterpriseId)))
			.groupBy(learningCredits.personId, learningCredits.enterpriseId),
		exec
			.select({ personId: attempts.personId, enterpriseId: attempts.enterpriseId })
			.from(attempts)
			.where(and(attemptsOf, eq(attempts.passed, true), isNull(attempts.annulledAt), gte(attempts.finishedAt, startAt), lt(attempts.finishedAt, endAt)))
			.groupBy(attempts.personId, attempts.enterpriseId),
		currentRules(exec),
		activeAssignments(year, exec),
	])
	const done = await doneAssignments(people, assigned, exec, 'range' in who ? who.range : undefined)
	const assignedTo = new Map<string, Set<number>>()
	const creditOf = new Map(credits.map((c) => [`${c.personId}:${c.enterpriseId}`, c.seconds]))
	const passed = new Set(passes.map((p) => `${p.personId}:${p.enterpriseId}`))
	const rows = new Map<string, Row>()
	// Jobs without events or accidents owe the same as any other of the same shape (category,
	// industry, hire and posting dates if this year, whether they left): the rules run once per shape.
	const byShape = new Map<string, { hours: number; count: number; dueBy: string | null; list: Obligation[] }>()
	const totalsOf = (job: (typeof jobs)[number]) => {
		const shape = job.events.length === 0 && !job.accidents?.length ? `${job.jobCategory}|${job.industry}|${job.hiredOn >= start ? `${job.hiredOn}/${job.postedOn ?? ''}` : 'before'}|${job.leftOn === null || job.leftOn > end ? 'open' : job.leftOn < start ? 'gone' : job.leftOn}` : null
		const known = shape === null ? undefined : byShape.get(shape)
		if (known) return known
		const owed = obligationsFor([job], year, rules)
		const totals = { hours: hoursOwed(owed), count: owed.length, dueBy: owed.reduce<string | null>((d, o) => (d === null || o.dueBy > d ? o.dueBy : d), null), list: owed }
		if (shape !== null) byShape.set(shape, totals)
		return totals
	}
	// The obligations of each row, and the rows with a job of its own shape (events, accidents):
	// only there can time fall outside a category (studied before an appointment, beyond one
	// obligation while another is short), so only there is the ledger split by day.
	const owedOf = new Map<string, Obligation[]>()
	const split = new Set<string>()
	for (const job of jobs) {
		const owed = totalsOf(job)
		const key = `${job.personId}:${job.enterpriseId}`
		const listed = owedOf.get(key)
		if (listed) listed.push(...owed.list)
		else owedOf.set(key, [...owed.list])
		// Two jobs at one enterprise (a leaver hired again): time of the first stint must not count
		// toward the second one's pre-job training.
		if (listed || job.events.length > 0 || job.accidents?.length) split.add(key)
		const prev = rows.get(key)
		// One assignment counts once per person and enterprise, even over two employments there.
		const reaching = assigned.length ? assignmentsReaching(assigned, job) : []
		let mine = assignedTo.get(key)
		if (reaching.length) {
			if (!mine) assignedTo.set(key, (mine = new Set<number>()))
			for (const x of reaching) mine.add(x.id)
		}
		let dueBy = prev?.dueBy ?? null
		if (owed.dueBy !== null && (dueBy === null || owed.dueBy > dueBy)) dueBy = owed.dueBy
		for (const x of reaching) if (dueBy === null || x.dueOn > dueBy) dueBy = x.dueOn
		const owedMinutes = (prev?.owedMinutes ?? 0) + owed.hours * minutesPerCreditHour
		rows.set(key, {
			personId: job.personId,
			enterpriseId: job.enterpriseId,
			year,
			regionPath: job.regionPath,
			industry: job.industry,
			size: job.size,
			highRisk: job.highRisk,
			parkId: job.parkId,
			jobCategory: job.jobCategory,
			department: job.department,
			owedMinutes,
			obligations: (prev?.obligations ?? 0) + owed.count,
			dueBy,
			creditedSeconds: creditOf.get(key) ?? 0,
			categoryShortSeconds: Math.max(0, owedMinutes * 60 - (creditOf.get(key) ?? 0)),
			examPassed: passed.has(key),
			requiredItems: mine?.size ?? 0,
			requiredDone: mine ? [...mine].filter((id) => done.has(`${job.personId}:${id}`)).length : 0,
		})
	}
	// One obligation with hours, counted from 1 January: all the year's time at the enterprise
	// counts toward it, so the gap of the totals is its gap (a worker at an enterprise with a
	// fatal accident, say): no need to read the ledger by day.
	for (const key of split) {
		const owed = owedOf.get(key)!.filter((o) => o.hours !== null && o.hours > 0)
		if (owed.length < 2 && owed.every((o) => o.startsOn <= start)) split.delete(key)
	}
	if (split.size > 0) {
		const days = await creditDaysOf([...new Set([...split].map((k) => Number(k.split(':')[0])))], start, end, exec)
		const today = todayInShanghai()
		for (const key of split) {
			const row = rows.get(key)!
			const owed = owedOf.get(key)!.map((o) => ({ ...o, enterpriseId: row.enterpriseId }))
			const { progress } = allocateCredits(owed, days.get(key) ?? [], { minutesPerCreditHour, today })
			row.categoryShortSeconds = progress.reduce((n, p) => n + (p.owedSeconds === null ? 0 : p.owedSeconds - p.creditedSeconds), 0)
		}
	}
	return [...rows.values()]
}

/** The year's ledger of some people by enterprise, day and lesson (corrections apart), keyed `person:enterprise`. */
async function creditDaysOf(personIds: readonly number[], start: string, end: string, exec: Exec) {
	const found = await exec
		.select({ personId: learningCredits.personId, enterpriseId: sql<number>`${learningCredits.enterpriseId}`, day: learningCredits.day, lessonId: learningCredits.lessonId, seconds: sql<number>`sum(${learningCredits.seconds})::int` })
		.from(learningCredits)
		.where(and(inArray(learningCredits.personId, [...personIds]), gte(learningCredits.day, start), lte(learningCredits.day, end), isNotNull(learningCredits.enterpriseId)))
		.groupBy(learningCredits.personId, learningCredits.enterpriseId, learningCredits.day, learningCredits.lessonId, sql`${learningCredits.seconds} < 0`)
	const days = new Map<string, CreditDay[]>()
	for (const d of found) {
		const key = `${d.personId}:${d.enterpriseId}`
		const list = days.get(key)
		if (list) list.push(d)
		else days.set(key, [d])
	}
	return days
}

/**
 * Write rows whose people's rows were just deleted: a batch goes as one JSON parameter read by
 * json_to_recordset — building and binding 18 parameters a row cost the rebuild 4 s per 20,000.
 */
async function writeRows(tx: Tx, rows: Row[]) {
	for (let i = 0; i < rows.length; i += 20_000) {
		const chunk = rows.slice(i, i + 20_000).map((r) => ({
			person_id: r.personId,
			enterprise_id: r.enterpriseId,
			year: r.year,
			region_path: r.regionPath,
			industry: r.industry,
			size: r.size,
			high_risk: r.highRisk,
			park_id: r.parkId ?? null,
			job_category: r.jobCategory,
			department: r.department ?? null,
			owed_minutes: r.owedMinutes,
			obligations: r.obligations,
			due_by: r.dueBy ?? null,
			credited_seconds: r.creditedSeconds ?? 0,
			category_short_seconds: r.categoryShortSeconds ?? 0,
			exam_passed: r.examPassed ?? false,
			required_items: r.requiredItems ?? 0,
			required_done: r.requiredDone ?? 0,
		}))
		await tx.insert(coveragePersonYear).select(
			tx
				.select({
					personId: sql<number>`x.person_id`.as('person_id'),
					enterpriseId: sql<number>`x.enterprise_id`.as('enterprise_id'),
					year: sql<number>`x.year`.as('year'),
					regionPath: sql<string>`x.region_path`.as('region_path'),
					industry: sql<string>`x.industry`.as('industry'),
					size: sql<string>`x.size`.as('size'),
					highRisk: sql<boolean>`x.high_risk`.as('high_risk'),
					parkId: sql<number | null>`x.park_id`.as('park_id'),
					jobCategory: sql<string>`x.job_category`.as('job_category'),
					department: sql<string | null>`x.department`.as('department'),
					owedMinutes: sql<number>`x.owed_minutes`.as('owed_minutes'),
					obligations: sql<number>`x.obligations`.as('obligations'),
					dueBy: sql<string | null>`x.due_by`.as('due_by'),
					creditedSeconds: sql<number>`x.credited_seconds`.as('credited_seconds'),
					categoryShortSeconds: sql<number>`x.category_short_seconds`.as('category_short_seconds'),
					examPassed: sql<boolean>`x.exam_passed`.as('exam_passed'),
					requiredItems: sql<number>`x.required_items`.as('required_items'),
					requiredDone: sql<number>`x.required_done`.as('required_done'),
					updatedAt: sql<Date>`now()`.as('updated_at'),
				})
				.from(
					sql`json_to_recordset(${JSON.stringify(chunk)}::json) as x(person_id int, enterprise_id int, year int, region_path text, industry text, size text, high_risk boolean,
						park_id int, job_category text, department text, owed_minutes int, obligations int, due_by date, credited_seconds int, category_short_seconds int, exam_passed boolean, required_items int, required_done int)`,
				),
		)
	}
}

/** Recompute the rows of some people (after employment changes, a roster import, a new plan). */
export async function refreshCoverageFor(personIds: readonly number[], year = Number(todayInShanghai().slice(0, 4))) {
	for (let i = 0; i < personIds.length; i += BATCH) {
		const batch = personIds.slice(i, i + BATCH)
		await db.transaction((tx) => refreshPeopleIn(tx, batch, year))
	}
}

/**
 * After an employment change that takes effect on `since` (a 调岗, 离岗, 返岗 or 离职): this
 * year's rows, and those of each earlier year from `since` on that the people already have
 * rows for — a leaver of 28 December recorded on 4 January changes last year's coverage as
 * well as this year's. A year kept for none of them is left to `coverage:rebuild`.
 */
export async function refreshCoverageSince(personIds: readonly number[], since: string) {
	const year = Number(todayInShanghai().slice(0, 4))
	const from = Number(since.slice(0, 4))
	const c = coveragePersonYear
	const past =
		from < year && personIds.length > 0
			? await db
					.selectDistinct({ year: c.year })
					.from(c)
					.where(and(inArray(c.personId, [...personIds]), gte(c.year, from), lt(c.year, year)))
			: []
	for (const y of [...past.map((p) => p.year).sort((a, b) => a - b), year]) await refreshCoverageFor(personIds, y)
}

/** Namespace of the transaction-scoped advisory locks on a person's coverage rows. */
const COVERAGE_LOCK = 7301

/**
 * Lock people's coverage rows for this transaction, exclusively, to recompute them; a heartbeat
 * adding time takes the same lock shared (`sharedCoverageLock`). A recomputation then neither
 * misses time credited while it reads the ledger (the heartbeat's increment would land on rows
 * about to be replaced) nor races another recomputation of the same person (two
 * delete-and-insert on one key). Advisory locks live in memory: no row is written to take them,
 * which matters on the heartbeat path.
 */
async function lockCoverage(tx: Tx, personIds: readonly number[]) {
	if (personIds.length === 0) return
	const ids = JSON.stringify([...new Set(personIds)].sort((a, b) => a - b))
	// In id order, so two transactions locking overlapping sets cannot deadlock.
	await tx.execute(sql`select pg_advisory_xact_lock(${COVERAGE_LOCK}, x.id) from (select value::int as id from json_array_elements_text(${ids}::json) order by 1) x`)
}

/** A person's shared coverage lock as an expression, taken inside a statement the caller runs anyway (the heartbeat's presence read). */
export function sharedCoverageLock(personId: SQL | AnyColumn | number) {
	return sql`pg_advisory_xact_lock_shared(${COVERAGE_LOCK}, ${personId})`
}

/**
 * Recompute a few people's rows inside the caller's transaction: a lesson that completes an
 * assigned course, a passed exam. Rare events, so the full computation is affordable there.
 */
export async function refreshPeopleIn(tx: Tx, personIds: readonly number[], year: number) {
	await lockCoverage(tx, personIds)
	const rows = await computeCoverageRows(year, personIds, tx)
	await tx.delete(coveragePersonYear).where(and(eq(coveragePersonYear.year, year), inArray(coveragePersonYear.personId, [...personIds])))
	await writeRows(tx, rows)
}

/**
 * A credited heartbeat moves the person's row in the same transaction as the credit. The caller
 * holds the person's shared coverage lock (`sharedCoverageLock`, taken with the presence read:
 * time is only credited against a presence).
 */
export async function addCreditedSeconds(tx: Tx, input: { personId: number; enterpriseId: number | null; day: string; seconds: number }) {
	if (input.enterpriseId === null) return
	await tx
		.update(coveragePersonYear)
		// Today every obligation of the year has begun, so new time fills the categories still
		// short before any is counted toward none (allocation.ts): the gap shrinks by all of it.
		.set({
			creditedSeconds: sql`${coveragePersonYear.creditedSeconds} + ${input.seconds}`,
			categoryShortSeconds: sql`greatest(0, ${coveragePersonYear.categoryShortSeconds} - ${input.seconds})`,
			updatedAt: new Date(),
		})
		.where(and(eq(coveragePersonYear.personId, input.personId), eq(coveragePersonYear.enterpriseId, input.enterpriseId), eq(coveragePersonYear.year, Number(input.day.slice(0, 4)))))
}

/**
 * A passed exam: the year's rows of the person are recomputed in the grading transaction (the
 * exam may be the annual one, or one that a plan or requirement assigned).
 */
export async function recordExamPassed(tx: Tx, input: { personId: number; at: Date }) {
	await refreshPeopleIn(tx, [input.personId], Number(todayInShanghai(input.at).slice(0, 4)))
}

export type CoverageDifference = { personId: number; enterpriseId: number; field: string; kept: unknown; rebuilt: unknown }

const COMPARED = ['owedMinutes', 'obligations', 'dueBy', 'creditedSeconds', 'categoryShortSeconds', 'examPassed', 'requiredItems', 'requiredDone', 'regionPath', 'parkId', 'jobCategory', 'industry', 'size', 'highRisk', 'department'] as const

/** The compared fields of a kept row as one string, in SQL; `signatureOf` makes the same in JS. */
const keptSignature = sql<string>`concat_ws('|', ${coveragePersonYear.owedMinutes}, ${coveragePersonYear.obligations}, coalesce(${coveragePersonYear.dueBy}::text, ''),
	${coveragePersonYear.creditedSeconds}, ${coveragePersonYear.categoryShortSeconds}, case when ${coveragePersonYear.examPassed} then 1 else 0 end, ${coveragePersonYear.requiredItems}, ${coveragePersonYear.requiredDone},
	${coveragePersonYear.regionPath}, coalesce(${coveragePersonYear.parkId}::text, ''), ${coveragePersonYear.jobCategory}, ${coveragePersonYear.industry}, ${coveragePersonYear.size},
	case when ${coveragePersonYear.highRisk} then 1 else 0 end, coalesce(${coveragePersonYear.department}, ''))`

function signatureOf(r: Row) {
	return [r.owedMinutes, r.obligations, r.dueBy ?? '', r.creditedSeconds ?? 0, r.categoryShortSeconds ?? 0, r.examPassed ? 1 : 0, r.requiredItems ?? 0, r.requiredDone ?? 0, r.regionPath, r.parkId ?? '', r.jobCategory, r.industry, r.size, r.highRisk ? 1 : 0, r.department ?? ''].join('|')
}

/** People per rebuild batch: each batch is read, compared and replaced in one transaction. */
const REBUILD_BATCH = 100_000
/** People per part when a batch goes through the rules in JavaScript (memory stays flat). */
const RULES_BATCH = 20_000
/** Batches rebuilt at once on PostgreSQL. */
const REBUILD_CONCURRENCY = 2
/** Past this many people with events, accidents or assignments, a batch goes wholly through the rules. */
const SPECIALS_PER_BATCH = 5_000
/** Differences kept for the report (all are counted). */
const REPORTED_DIFFERENCES = 1000

/**
 * Rebuild a year from the facts, batch by batch of person ids, report the differences from
 * what was kept (the first thousand, and how many in all), then replace the kept rows of the
 * batch. With `dryRun` nothing is written. Memory stays flat whatever the number of people.
 */
export async function rebuildCoverage(year: number, options: { dryRun?: boolean; batchSize?: number; onProgress?: (done: number, total: number) => void } = {}) {
	const batch = options.batchSize ?? REBUILD_BATCH
	const c = coveragePersonYear
	const [bounds] = await db
		.select({ lo: sql<number | null>`min(${employments.personId})`, hi: sql<number | null>`max(${employments.personId})` })
		.from(employments)
	const [keptBounds] = await db
		.select({ lo: sql<number | null>`min(${c.personId})`, hi: sql<number | null>`max(${c.personId})` })
		.from(c)
		.where(eq(c.year, year))
	const los = [bounds?.lo, keptBounds?.lo].filter((n): n is number => n !== null && n !== undefined)
	const his = [bounds?.hi, keptBounds?.hi].filter((n): n is number => n !== null && n !== undefined)
	const differences: CoverageDifference[] = []
	let differenceCount = 0
	let rows = 0
	if (los.length === 0) return { rows, differences, differenceCount }
	const first = Math.min(...los.map(Number))
	const last = Math.max(...his.map(Number))
	/** List a difference in the report (the first thousand) and, unless counted already, count it. */
	const note = (d: CoverageDifference, counted = false) => {
		if (!counted) differenceCount++
		if (differences.length < REPORTED_DIFFERENCES) differences.push(d)
	}
	const compare = (k: Row, r: Row, counted = false) => {
		let differs = false
		for (const field of COMPARED) {
			if ((k[field] ?? null) !== (r[field] ?? null)) {
				note({ personId: r.personId, enterpriseId: r.enterpriseId, field, kept: k[field], rebuilt: r[field] }, counted)
				differs = true
			}
		}
		return differs
	}
	const rules = await currentRules()
	const shapes = new Map<string, ShapeTotals>()
	const minutesPerCreditHour = getEnv().MINUTES_PER_CREDIT_HOUR
	/** Rebuild some people by the rules in JavaScript: their kept rows are compared and the differing ones replaced. */
	const rebuildByRules = async (tx: Tx, who: readonly number[] | { range: readonly [number, number] }) => {
		const keptFilter =
			'range' in who
				? and(eq(c.year, year), gte(c.personId, who.range[0]), lt(c.personId, who.range[1]))
				: and(eq(c.year, year), sql`${c.personId} in (select value::int from json_array_elements_text(${JSON.stringify(who)}::json))`)
		const rebuilt = await computeCoverageRows(year, who, tx)
		rows += rebuilt.length
		// What was kept, as one signature string a row: mapping every column of a million rows
		// cost the rebuild more than computing them. Full rows are read only where the
		// signatures differ, to report the fields.
		const kept = await tx.select({ personId: c.personId, enterpriseId: c.enterpriseId, signature: keptSignature }).from(c).where(keptFilter)
		const signatureBy = new Map(kept.map((k) => [`${k.personId}:${k.enterpriseId}`, k.signature]))
		const keptBy = new Map<string, { personId: number; enterpriseId: number }>(kept.map((k) => [`${k.personId}:${k.enterpriseId}`, k]))
		// Only rows that differ are replaced: a rebuild that agrees with what was kept writes nothing.
		const changed: Row[] = []
		const suspects: Row[] = []
		for (const r of rebuilt) {
			const key = `${r.personId}:${r.enterpriseId}`
			const signature = signatureBy.get(key)
			keptBy.delete(key)
			if (signature === undefined) {
				note({ personId: r.personId, enterpriseId: r.enterpriseId, field: '(row)', kept: null, rebuilt: 'present' })
				changed.push(r)
			} else if (signature !== signatureOf(r)) suspects.push(r)
		}
		if (suspects.length > 0) {
			const full = await tx
				.select()
				.from(c)
				.where(and(eq(c.year, year), sql`(${c.personId}, ${c.enterpriseId}) in (select x.p, x.e from json_to_recordset(${JSON.stringify(suspects.map((r) => ({ p: r.personId, e: r.enterpriseId })))}::json) as x(p int, e int))`))
			const fullBy = new Map(full.map((k) => [`${k.personId}:${k.enterpriseId}`, k]))
			for (const r of suspects) if (compare(fullBy.get(`${r.personId}:${r.enterpriseId}`)!, r)) changed.push(r)
		}
		for (const k of keptBy.values()) note({ personId: k.personId, enterpriseId: k.enterpriseId, field: '(row)', kept: 'present', rebuilt: null })
		if (!options.dryRun) {
			const stale = [...changed, ...keptBy.values()].map((r) => ({ p: r.personId, e: r.enterpriseId }))
			if (stale.length > 0) {
				await tx.delete(c).where(and(eq(c.year, year), sql`(${c.personId}, ${c.enterpriseId}) in (select x.p, x.e from json_to_recordset(${JSON.stringify(stale)}::json) as x(p int, e int))`))
				await writeRows(tx, changed)
			}
		}
	}
	const rebuildBatch = async (range: readonly [number, number]) => {
		await db.transaction(async (tx) => {
			// The batch's sorts and hashes stay in memory; compiling its few big statements is not worth it.
			await tx.execute(sql`set local work_mem = '64MB'`)
			await tx.execute(sql`set local jit = off`)
			// Most people are computed in the database from their job's shape (rebuild-sql.server.ts),
			// plans and requirements included; people with events, accidents or two jobs at one
			// enterprise go through the rules here. When they are many, the whole batch does, a part
			// at a time.
			const specials = await specialPeople(tx, year, range)
			if (specials.length > SPECIALS_PER_BATCH) {
				for (let from = range[0]; from < range[1]; from += RULES_BATCH) await rebuildByRules(tx, { range: [from, Math.min(from + RULES_BATCH, range[1])] })
				return
			}
			const plain = await rebuildPlainRange(tx, { year, range, specials, rules, minutesPerCreditHour, shapes, dryRun: Boolean(options.dryRun), sample: REPORTED_DIFFERENCES - differences.length })
			rows += plain.rows
			// Counted in the database; the sample is only listed.
			differenceCount += plain.differenceCount
			for (const d of plain.differences) {
				if (d.kept && d.rebuilt) compare(d.kept, d.rebuilt, true)
				else if (d.rebuilt) note({ personId: d.rebuilt.personId, enterpriseId: d.rebuilt.enterpriseId, field: '(row)', kept: null, rebuilt: 'present' }, true)
				else if (d.kept) note({ personId: d.kept.personId, enterpriseId: d.kept.enterpriseId, field: '(row)', kept: 'present', rebuilt: null }, true)
			}
			if (specials.length > 0) await rebuildByRules(tx, specials)
		})
	}
	// Batches are independent (each its own transaction over its own people): on PostgreSQL two
	// run at a time, as PostgreSQL's own parallel workers would; PGlite has one connection.
	const starts: number[] = []
	for (let lo = first; lo <= last; lo += batch) starts.push(lo)
	let next = 0
	let peopleDone = 0
	const worker = async () => {
		while (next < starts.length) {
			const lo = starts[next++]!
			await rebuildBatch([lo, lo + batch] as const)
			peopleDone += Math.min(last + 1, lo + batch) - lo
			options.onProgress?.(peopleDone, last - first + 1)
		}
	}
	await Promise.all(Array.from({ length: dbDriver() === 'postgres' ? REBUILD_CONCURRENCY : 1 }, worker))
	return { rows, differences, differenceCount }
}

/** The status rule of coverage.ts in SQL, for rollups over many rows. */
export function statusSql(today: string) {
	const c = coveragePersonYear
	return sql<CoverageStatus>`case
		when ${c.obligations} = 0 and ${c.requiredItems} = 0 then 'none'
		when (${c.obligations} = 0 or (${c.creditedSeconds} >= ${c.owedMinutes} * 60 and ${c.categoryShortSeconds} = 0 and ${c.examPassed})) and ${c.requiredDone} >= ${c.requiredItems} then 'done'
		when ${c.dueBy} is not null and ${c.dueBy} < ${today}::date then 'overdue'
		when ${c.creditedSeconds} = 0 and not ${c.examPassed} and ${c.requiredDone} = 0 then 'not_started'
		else 'in_progress' end`
}
