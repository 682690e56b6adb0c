// The set-based part of the coverage rebuild (docs/decisions/0007). Most people owe exactly
// what their job's shape says — category, industry, hire and posting dates if hired this year,
// departure — and nothing else: no change of post, leave or return (events), no fatal accident
// at the enterprise, one job at an enterprise in the year. For them the rules run once per shape
// in JavaScript, and PostgreSQL does the rest in a few statements: join the jobs to their shape,
// add up the ledger and the exam passes, match the plans and requirements in force to each job
// (`assignmentApplies` in SQL) and find which are done, compare with the kept rows and return
// only what differs. Everyone else (the "special" people) still goes through computeCoverageRows.
import { and, eq, gte, isNull, lt, lte, ne, or, sql } from 'drizzle-orm'
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { type Tx } from '#app/utils/db.server.ts'
import { coveragePersonYear, employmentEvents, employments, enterpriseAccidents } from '#db/schema/index.ts'
import { type IndustryCode, type JobCategory } from '#app/orgs/industries.ts'
import { hoursOwed, obligationsFor } from './obligations.ts'
import { type currentRules } from './obligations.server.ts'

type Rules = Awaited<ReturnType<typeof currentRules>>
type Row = typeof coveragePersonYear.$inferInsert

/** What one job shape owes in a year, as the rebuild writes it. */
export type ShapeTotals = { minutes: number; obligations: number; dueBy: string | null }

function bounds(year: number) {
	return { start: `${year}-01-01`, end: `${year}-12-31`, startAt: new Date(`${year}-01-01T00:00:00+08:00`), endAt: new Date(`${year + 1}-01-01T00:00:00+08:00`) }
}

/**
 * People of the id range whom the set-based path cannot compute: a job with events, an
 * enterprise with a (not withdrawn) fatal accident, two jobs at one enterprise within the year
 * (a leaver hired again: the first stint's time does not count toward the second's pre-job
 * training; one of the two has ended, as only one may be open). Plans and requirements do not
 * make anyone special: the set-based path matches them itself, so a province-wide requirement
 * does not send a million people through the rules.
 */
export async function specialPeople(tx: Tx, year: number, range: readonly [number, number]) {
	// One simple query per reason, so each is a join the planner can hash (an OR of EXISTS is not).
	const inRange = and(gte(employments.personId, range[0]), lt(employments.personId, range[1]))
	const { start, end } = bounds(year)
	const earlier = alias(employments, 'earlier')
	const inYear = (e: { hiredOn: AnyPgColumn; leftOn: AnyPgColumn }) => and(lte(e.hiredOn, end), or(isNull(e.leftOn), gte(e.leftOn, start)))
	const reasons: PromiseLike<{ personId: number }[]>[] = [
		tx.selectDistinct({ personId: employments.personId }).from(employments).innerJoin(employmentEvents, eq(employmentEvents.employmentId, employments.id)).where(inRange),
		tx
			.selectDistinct({ personId: employments.personId })
			.from(employments)
			.innerJoin(enterpriseAccidents, and(eq(enterpriseAccidents.enterpriseId, employments.enterpriseId), isNull(enterpriseAccidents.withdrawnAt)))
			.where(inRange),
		tx
			.selectDistinct({ personId: employments.personId })
			.from(employments)
			.innerJoin(earlier, and(eq(earlier.personId, employments.personId), eq(earlier.enterpriseId, employments.enterpriseId), ne(earlier.id, employments.id)))
			.where(and(inRange, gte(earlier.personId, range[0]), lt(earlier.personId, range[1]), inYear(employments), inYear(earlier))),
	]
	const rows = (await Promise.all(reasons)).flat()
	return [...new Set(rows.map((r) => r.personId))]
}

/** The job shapes of the plain people of a range, computed once each across the rebuild. */
async function shapesOf(tx: Tx, year: number, range: readonly [number, number], specialsJson: string, rules: Rules, minutesPerCreditHour: number, known: Map<string, ShapeTotals>) {
	const { start, end } = bounds(year)
	const found = await tx
		.select({
			jobCategory: sql<string>`e.job_category`,
			industry: sql<string>`n.industry`,
			hiredKey: sql<string>`k.hired_key`,
			leftKey: sql<string>`k.left_key`,
			hiredOn: sql<string>`min(e.hired_on)::text`,
			postedOn: sql<string | null>`min(e.posted_on)::text`,
			leftOn: sql<string | null>`min(e.left_on)::text`,
		})
		.from(
			sql`employments e join enterprises n on n.id = e.enterprise_id
				cross join lateral (select ${shapeKeys(start, end)}) k`,
		)
		.where(sql`e.person_id >= ${range[0]} and e.person_id < ${range[1]} and e.hired_on <= ${end}::date and (e.left_on is null or e.left_on >= ${start}::date)
			and e.person_id not in (select value::int from json_array_elements_text(${specialsJson}::json))`)
		.groupBy(sql`1, 2, 3, 4`)
	for (const s of found) {
		const key = `${s.jobCategory}|${s.industry}|${s.hiredKey}|${s.leftKey}`
		if (known.has(key)) continue
		const job = { employmentId: 0, enterpriseId: 0, enterpriseName: '', industry: s.industry as IndustryCode, jobCategory: s.jobCategory as JobCategory, hiredOn: s.hiredOn, postedOn: s.postedOn, leftOn: s.leftOn, events: [], accidents: [] }
		const owed = obligationsFor([job], year, rules)
		known.set(key, {
			minutes: hoursOwed(owed) * minutesPerCreditHour,
			obligations: owed.length,
			dueBy: owed.reduce<string | null>((d, o) => (d === null || o.dueBy > d ? o.dueBy : d), null),
		})
	}
}

/** A job's shape key columns in SQL (`e` is the employment), as computeCoverageRows makes them. */
function shapeKeys(start: string, end: string) {
	return sql`case when e.hired_on >= ${start}::date then e.hired_on::text || '/' || coalesce(e.posted_on::text, '') else 'before' end as hired_key,
		case when e.left_on is null or e.left_on > ${end}::date then 'open' when e.left_on < ${start}::date then 'gone' else e.left_on::text end as left_key`
}

export type PlainDifference = { kept: Row | null; rebuilt: Row | null }

/**
 * Rebuild the rows of the plain people of an id range in the database: returns how many rows
 * the facts give, how many fields differ from what was kept (a row absent on one side counts
 * one), the first `sample` differing pairs, and, unless `dryRun`, replaces the differing rows.
 */
export async function rebuildPlainRange(
	tx: Tx,
	input: { year: number; range: readonly [number, number]; specials: readonly number[]; rules: Rules; minutesPerCreditHour: number; shapes: Map<string, ShapeTotals>; dryRun: boolean; sample: number },
) {
	const { year, range } = input
	const { start, end, startAt, endAt } = bounds(year)
	const specialsJson = JSON.stringify(input.specials)
	await shapesOf(tx, year, range, specialsJson, input.rules, input.minutesPerCreditHour, input.shapes)
	const shapesJson = JSON.stringify([...input.shapes].map(([key, s]) => ({ key, minutes: s.minutes, obligations: s.obligations, due_by: s.dueBy })))
	// The rebuilt rows of the range, in a scratch table of this transaction. (execute: no rows come back.)
	await tx.execute(sql`create temp table coverage_rebuild on commit drop as
		with jobs as (
			select e.id, e.person_id, e.enterprise_id, e.job_category, e.department, e.hired_on, s.minutes, s.obligations, s.due_by
			from employments e
			join enterprises n on n.id = e.enterprise_id
			cross join lateral (select ${shapeKeys(start, end)}) k
			join json_to_recordset(${shapesJson}::json) as s(key text, minutes int, obligations int, due_by date)
				on s.key = e.job_category || '|' || n.industry || '|' || k.hired_key || '|' || k.left_key
			where e.person_id >= ${range[0]} and e.person_id < ${range[1]} and e.hired_on <= ${end}::date and (e.left_on is null or e.left_on >= ${start}::date)
				and e.person_id not in (select value::int from json_array_elements_text(${specialsJson}::json))
		),
		per_enterprise as (
			-- The category and department of the latest job (by hire date, then id) at the
			-- enterprise, taken with max() of one sortable string (an ordered array_agg sorts each group).
			select person_id, enterprise_id,
				max(hired_on::text || lpad(id::text, 12, '0') || job_category || chr(31) || coalesce('V' || department, 'N')) as latest,
				sum(minutes)::int as owed_minutes, sum(obligations)::int as obligations, max(due_by) as due_by
			from jobs group by person_id, enterprise_id
		),
		credits as (
			select person_id, enterprise_id, sum(seconds)::int as seconds from learning_credits
			where person_id >= ${range[0]} and person_id < ${range[1]} and day >= ${start}::date and day <= ${end}::date and enterprise_id is not null
			group by person_id, enterprise_id
		),
		passes as (
			select distinct person_id, enterprise_id from attempts
			where person_id >= ${range[0]} and person_id < ${range[1]} and passed and annulled_at is null and finished_at >= ${startAt.toISOString()}::timestamptz and finished_at < ${endAt.toISOString()}::timestamptz
		),
		-- The plans and requirements in force that reach each job, as assignmentApplies decides:
		-- a plan its own enterprise, a requirement its region subtree; each non-empty target list
		-- must hold the job's value. The enterprises in scope first (few assignments, 20,000
		-- enterprises at most), so the jobs join them on the enterprise: one hash join, however
		-- many plans there are.
		live as (select * from assignments where year = ${year} and withdrawn_at is null),
		in_scope as (
			select a.id, n.id as enterprise_id from live a join enterprises n on n.id = a.enterprise_id
			where a.issuer = 'enterprise' and (cardinality(a.industries) = 0 or n.industry = any(a.industries)) and (not a.high_risk_only or n.high_risk)
			union all
			select a.id, n.id from live a join enterprises n on starts_with(n.region_path, a.region_path)
			where a.issuer <> 'enterprise' and (cardinality(a.industries) = 0 or n.industry = any(a.industries)) and (not a.high_risk_only or n.high_risk)
		),
		reach as (
			select distinct j.person_id, j.enterprise_id, a.id, a.course_id, a.exam_id, a.lesson_id, a.due_on
			from jobs j
			join in_scope s on s.enterprise_id = j.enterprise_id
			join live a on a.id = s.id
			where (cardinality(a.departments) = 0 or j.department = any(a.departments))
				and (cardinality(a.job_categories) = 0 or j.job_category = any(a.job_categories))
				and (cardinality(a.person_ids) = 0 or j.person_id = any(a.person_ids))
		),
		-- Done as doneAssignments decides: an exam passed (not void), a lesson completed, a course
		-- with every lesson it has from content/ completed (a course without any is never done),
		-- looked up for the people reached only.
		exam_passes as (
			select distinct t.person_id, t.exam_id from attempts t
			where t.person_id >= ${range[0]} and t.person_id < ${range[1]} and t.passed and t.annulled_at is null and t.exam_id in (select exam_id from live)
		),
		course_lessons as (
			select course_id, count(*)::int as n from lessons
			where enterprise_id is null and active and course_id in (select course_id from live) group by course_id
		),
		courses_progress as (
			select r.person_id, r.course_id, count(*)::int as n
			from (select distinct person_id, course_id from reach where course_id is not null) r
			join lessons l on l.course_id = r.course_id and l.enterprise_id is null and l.active
			join lesson_progress lp on lp.person_id = r.person_id and lp.lesson_id = l.id and lp.completed_at is not null
			group by r.person_id, r.course_id
		),
		reached as (
			select r.person_id, r.enterprise_id, count(*)::int as items, max(r.due_on) as due_on,
				count(*) filter (where x.person_id is not null or d.person_id is not null or cp.n >= cl.n)::int as done
			from reach r
			left join exam_passes x on x.person_id = r.person_id and x.exam_id = r.exam_id
			left join lesson_progress d on d.person_id = r.person_id and d.lesson_id = r.lesson_id and d.completed_at is not null
			left join course_lessons cl on cl.course_id = r.course_id
			left join courses_progress cp on cp.person_id = r.person_id and cp.course_id = r.course_id
			group by r.person_id, r.enterprise_id
		)
		select r.person_id, r.enterprise_id, ${year}::int as year, n.region_path, n.industry, n.size, n.high_risk, n.park_id,
			split_part(substr(r.latest, 23), chr(31), 1) as job_category,
			case when substr(r.latest, strpos(r.latest, chr(31)) + 1, 1) = 'V' then substr(r.latest, strpos(r.latest, chr(31)) + 2) end as department,
			r.owed_minutes, r.obligations, greatest(r.due_by, a.due_on) as due_by, coalesce(c.seconds, 0) as credited_seconds,
			-- One obligation a year each (no events): the gap by category is the gap in total.
			greatest(0, r.owed_minutes * 60 - coalesce(c.seconds, 0)) as category_short_seconds,
			(p.person_id is not null) as exam_passed, coalesce(a.items, 0) as required_items, coalesce(a.done, 0) as required_done
		from per_enterprise r
		join enterprises n on n.id = r.enterprise_id
		left join credits c on c.person_id = r.person_id and c.enterprise_id = r.enterprise_id
		left join passes p on p.person_id = r.person_id and p.enterprise_id = r.enterprise_id
		left join reached a on a.person_id = r.person_id and a.enterprise_id = r.enterprise_id`)
	const [{ count } = { count: 0 }] = await tx.select({ count: sql<number>`count(*)::int` }).from(sql`coverage_rebuild`)
	const cols = (alias: 'r' | 'k') => ({
		personId: sql<number | null>`${sql.raw(alias)}.person_id`.as(`${alias}_person_id`),
		enterpriseId: sql<number | null>`${sql.raw(alias)}.enterprise_id`.as(`${alias}_enterprise_id`),
		regionPath: sql<string>`${sql.raw(alias)}.region_path`.as(`${alias}_region_path`),
		industry: sql<string>`${sql.raw(alias)}.industry`.as(`${alias}_industry`),
		size: sql<string>`${sql.raw(alias)}.size`.as(`${alias}_size`),
		highRisk: sql<boolean>`${sql.raw(alias)}.high_risk`.as(`${alias}_high_risk`),
		parkId: sql<number | null>`${sql.raw(alias)}.park_id`.as(`${alias}_park_id`),
		jobCategory: sql<string>`${sql.raw(alias)}.job_category`.as(`${alias}_job_category`),
		department: sql<string | null>`${sql.raw(alias)}.department`.as(`${alias}_department`),
		owedMinutes: sql<number>`${sql.raw(alias)}.owed_minutes`.as(`${alias}_owed_minutes`),
		obligations: sql<number>`${sql.raw(alias)}.obligations`.as(`${alias}_obligations`),
		dueBy: sql<string | null>`${sql.raw(alias)}.due_by::text`.as(`${alias}_due_by`),
		creditedSeconds: sql<number>`${sql.raw(alias)}.credited_seconds`.as(`${alias}_credited_seconds`),
		categoryShortSeconds: sql<number>`${sql.raw(alias)}.category_short_seconds`.as(`${alias}_category_short_seconds`),
		examPassed: sql<boolean>`${sql.raw(alias)}.exam_passed`.as(`${alias}_exam_passed`),
		requiredItems: sql<number>`${sql.raw(alias)}.required_items`.as(`${alias}_required_items`),
		requiredDone: sql<number>`${sql.raw(alias)}.required_done`.as(`${alias}_required_done`),
	})
	const fields = ['owed_minutes', 'obligations', 'due_by', 'credited_seconds', 'category_short_seconds', 'exam_passed', 'required_items', 'required_done', 'region_path', 'park_id', 'job_category', 'industry', 'size', 'high_risk', 'department']
	// The differing rows stay in the database: after a rule change every row of a province may
	// differ, and bringing each pair to the app cost a gigabyte and most of the time. What comes
	// back is how many fields differ (a missing row counts one, as the report counts them) and
	// the first `sample` pairs to list.
	await tx.execute(sql`create temp table coverage_difference on commit drop as
		select coalesce(r.person_id, k.person_id) as person_id, coalesce(r.enterprise_id, k.enterprise_id) as enterprise_id,
			case when r.person_id is null or k.person_id is null then 1 else ${sql.raw(fields.map((f) => `(r.${f} is distinct from k.${f})::int`).join(' + '))} end as fields
		from coverage_rebuild r full join (
			select * from coverage_person_year where year = ${year} and person_id >= ${range[0]} and person_id < ${range[1]}
				and person_id not in (select value::int from json_array_elements_text(${specialsJson}::json))
		) k on k.person_id = r.person_id and k.enterprise_id = r.enterprise_id
		where r.person_id is null or k.person_id is null or (${sql.raw(fields.map((f) => `r.${f}`).join(', '))}) is distinct from (${sql.raw(fields.map((f) => `k.${f}`).join(', '))})`)
	const [{ differenceCount } = { differenceCount: 0 }] = await tx.select({ differenceCount: sql<number>`coalesce(sum(fields), 0)::int` }).from(sql`coverage_difference`)
	const sampled =
		input.sample > 0 && differenceCount > 0
			? await tx
					.select({ r: cols('r'), k: cols('k') })
					.from(
						sql`(select * from coverage_difference order by person_id, enterprise_id limit ${input.sample}) d
						left join coverage_rebuild r on r.person_id = d.person_id and r.enterprise_id = d.enterprise_id
						left join coverage_person_year k on k.year = ${year} and k.person_id = d.person_id and k.enterprise_id = d.enterprise_id`,
					)
			: []
	const asRow = (x: (typeof sampled)[number]['r'] | null): Row | null => (x === null || x.personId === null ? null : { ...x, personId: x.personId, enterpriseId: x.enterpriseId!, year })
	const differences: PlainDifference[] = sampled.map((d) => ({ rebuilt: asRow(d.r), kept: asRow(d.k) }))
	if (!input.dryRun && differenceCount > 0) {
		await tx.execute(sql`delete from coverage_person_year k using coverage_difference d
			where k.year = ${year} and k.person_id = d.person_id and k.enterprise_id = d.enterprise_id`)
		await tx.execute(sql`insert into coverage_person_year (person_id, enterprise_id, year, region_path, industry, size, high_risk, park_id, job_category, department,
				owed_minutes, obligations, due_by, credited_seconds, category_short_seconds, exam_passed, required_items, required_done, updated_at)
			select r.person_id, r.enterprise_id, r.year, r.region_path, r.industry, r.size, r.high_risk, r.park_id, r.job_category, r.department,
				r.owed_minutes, r.obligations, r.due_by, r.credited_seconds, r.category_short_seconds, r.exam_passed, r.required_items, r.required_done, now()
			from coverage_rebuild r join coverage_difference d on d.person_id = r.person_id and d.enterprise_id = r.enterprise_id`)
	}
	await tx.execute(sql`drop table coverage_difference`)
	await tx.execute(sql`drop table coverage_rebuild`)
	return { rows: count, differences, differenceCount }
}
