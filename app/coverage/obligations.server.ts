import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { type IndustryCode, type JobCategory } from '#app/orgs/industries.ts'
import { db, type Db, type Tx } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { creditHours } from '#app/learning/ledger.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { employmentEvents, employments, enterpriseAccidents, enterprises, learningCredits, trainingRuleChoices } from '#db/schema/index.ts'
import { allocateCredits, progressView, TRIGGER_CATEGORY_LABELS } from './allocation.ts'
import { type EmploymentFacts, obligationsFor } from './obligations.ts'
import { RULE_GROUPS, rulesInForce, TRAINING_RULES } from './training-rules.ts'

/** The platform admin's recorded choices where sources disagree. */
export async function ruleChoices(exec: Db | Tx = db) {
	const rows = await exec.select().from(trainingRuleChoices)
	return Object.fromEntries(rows.map((r) => [r.group, r.option])) as Record<string, string>
}

export async function currentRules(exec: Db | Tx = db) {
	return rulesInForce(TRAINING_RULES, await ruleChoices(exec), todayInShanghai())
}

/** Record which source is in force for a disputed group (audited). */
export async function chooseRuleOption(actor: { userId: number }, input: { group: string; option: string; note: string | null }) {
	const group = RULE_GROUPS[input.group]
	if (!group) return { ok: false as const, message: '没有这个规则组' }
	if (!TRAINING_RULES.some((r) => r.group === input.group && r.option === input.option)) return { ok: false as const, message: '该规则组没有这个选项' }
	const previous = (await ruleChoices())[input.group] ?? group.defaultOption
	await db.transaction(async (tx) => {
		const values = { option: input.option, note: input.note, chosenBy: actor.userId, chosenAt: new Date() }
		await tx.insert(trainingRuleChoices).values({ group: input.group, ...values }).onConflictDoUpdate({ target: trainingRuleChoices.group, set: values })
		await audit(tx, { actorUserId: actor.userId, action: 'training_rule.choose', entityType: 'training_rule_group', entityId: input.group, detail: { from: previous, to: input.option, note: input.note } })
	})
	return { ok: true as const }
}

/**
 * Employments with their enterprises and events (two queries), for some people, optionally only
 * those active within a date window. The facts obligations and coverage are computed from.
 */
export async function employmentRecords(
	filter: { personIds?: readonly number[]; personRange?: readonly [number, number]; window?: { start: string; end: string } },
	exec: Db | Tx = db,
) {
	const jobs = await exec
		.select({
			employmentId: employments.id,
			personId: employments.personId,
			enterpriseId: employments.enterpriseId,
			enterpriseName: enterprises.name,
			industry: enterprises.industry,
			size: enterprises.size,
			highRisk: enterprises.highRisk,
			regionPath: enterprises.regionPath,
			parkId: enterprises.parkId,
			jobCategory: employments.jobCategory,
			department: employments.department,
			hiredOn: employments.hiredOn,
			postedOn: employments.postedOn,
			leftOn: employments.leftOn,
		})
		.from(employments)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(
			and(
				filter.personIds ? inArray(employments.personId, [...filter.personIds]) : undefined,
				filter.personRange ? gte(employments.personId, filter.personRange[0]) : undefined,
				filter.personRange ? lt(employments.personId, filter.personRange[1]) : undefined,
				filter.window ? lte(employments.hiredOn, filter.window.end) : undefined,
				filter.window ? or(isNull(employments.leftOn), gte(employments.leftOn, filter.window.start)) : undefined,
			),
		)
		.orderBy(asc(employments.personId), asc(employments.hiredOn), asc(employments.id))
	if (jobs.length === 0) return []
	// A batch of the rebuild (a person id range) reads its events and accidents through the same
	// range: a list of 20,000 ids as parameters cost more to build and parse than the query.
	const range = filter.personRange
	const events = await exec
		.select({ employmentId: employmentEvents.employmentId, kind: employmentEvents.kind, effectiveOn: employmentEvents.effectiveOn, endsOn: employmentEvents.endsOn, postedOn: employmentEvents.postedOn, fromJobCategory: employmentEvents.fromJobCategory, toJobCategory: employmentEvents.toJobCategory })
		.from(employmentEvents)
		.where(
			range && !filter.personIds
				? inArray(employmentEvents.employmentId, exec.select({ id: employments.id }).from(employments).where(and(gte(employments.personId, range[0]), lt(employments.personId, range[1]))))
				: inArray(employmentEvents.employmentId, jobs.map((j) => j.employmentId)),
		)
	const eventsOf = new Map<number, typeof events>()
	for (const e of events) eventsOf.set(e.employmentId, [...(eventsOf.get(e.employmentId) ?? []), e])
	// Accidents with deaths are rare: one small query by enterprise covers the whole batch.
	const accidents = await exec
		.select({ enterpriseId: enterpriseAccidents.enterpriseId, occurredOn: enterpriseAccidents.occurredOn })
		.from(enterpriseAccidents)
		.where(
			and(
				range && !filter.personIds
					? inArray(enterpriseAccidents.enterpriseId, exec.selectDistinct({ id: employments.enterpriseId }).from(employments).where(and(gte(employments.personId, range[0]), lt(employments.personId, range[1]))))
					: inArray(enterpriseAccidents.enterpriseId, [...new Set(jobs.map((j) => j.enterpriseId))]),
				isNull(enterpriseAccidents.withdrawnAt),
			),
		)
	const accidentsOf = new Map<number, { occurredOn: string }[]>()
	for (const a of accidents) accidentsOf.set(a.enterpriseId, [...(accidentsOf.get(a.enterpriseId) ?? []), { occurredOn: a.occurredOn }])
	return jobs.map((j) => ({
		...j,
		industry: j.industry as IndustryCode,
		jobCategory: j.jobCategory as JobCategory,
		events: eventsOf.get(j.employmentId) ?? [],
		accidents: accidentsOf.get(j.enterpriseId) ?? [],
	})) satisfies EmploymentFacts[]
}

/** What a person owes in a year, with the reasons (for the learner, their admin, regulators). */
export async function obligationsOfPerson(personId: number, year: number, scope?: { enterpriseId: number }) {
	const [facts, rules] = await Promise.all([employmentRecords({ personIds: [personId] }), currentRules()])
	const owed = obligationsFor(facts, year, rules)
	return scope ? owed.filter((o) => o.enterpriseId === scope.enterpriseId) : owed
}


/**
 * The obligations of `obligationsOfPerson`, each with how far its hours are: the year's ledger
 * days split over them by `allocateCredits` (学时 by category), plus what counted toward none.
 */
export async function obligationProgressOfPerson(personId: number, year: number, scope?: { enterpriseId: number }) {
	const [owed, days] = await Promise.all([
		obligationsOfPerson(personId, year, scope),
		db
			.select({ enterpriseId: sql<number>`${learningCredits.enterpriseId}`, day: learningCredits.day, lessonId: learningCredits.lessonId, seconds: sql<number>`sum(${learningCredits.seconds})::int` })
			.from(learningCredits)
			.where(
				and(
					eq(learningCredits.personId, personId),
					gte(learningCredits.day, `${year}-01-01`),
					lte(learningCredits.day, `${year}-12-31`),
					scope ? eq(learningCredits.enterpriseId, scope.enterpriseId) : isNotNull(learningCredits.enterpriseId),
				),
			)
			// Corrections apart from the time they correct, each with its lesson.
			.groupBy(learningCredits.enterpriseId, learningCredits.day, learningCredits.lessonId, sql`${learningCredits.seconds} < 0`),
	])
	const rules = ledgerRules()
	const { progress, unallocated } = allocateCredits(owed, days, { minutesPerCreditHour: rules.minutesPerCreditHour, today: todayInShanghai() })
	return {
		obligations: owed.map((o, i) => ({ ...o, category: TRIGGER_CATEGORY_LABELS[o.trigger], progress: progressView(progress[i]!, rules) })),
		unallocatedHours: creditHours([...unallocated.values()].reduce((n, s) => n + s, 0), rules),
	}
}
