import { asc, eq, inArray } from 'drizzle-orm'
import { audit } from '#app/orgs/audit.server.ts'
import { type IndustryCode, type JobCategory } from '#app/orgs/industries.ts'
import { db } from '#app/utils/db.server.ts'
import { employmentEvents, employments, enterprises, trainingRuleChoices } from '#db/schema/index.ts'
import { type EmploymentFacts, obligationsFor } from './obligations.ts'
import { RULE_GROUPS, rulesInForce, TRAINING_RULES } from './training-rules.ts'

/** The platform admin's recorded choices where sources disagree. */
export async function ruleChoices() {
	const rows = await db.select().from(trainingRuleChoices)
	return Object.fromEntries(rows.map((r) => [r.group, r.option])) as Record<string, string>
}

export async function currentRules() {
	return rulesInForce(TRAINING_RULES, await ruleChoices())
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

/** A person's employments with their enterprises and events (two queries). */
export async function employmentFactsOf(personId: number): Promise<EmploymentFacts[]> {
	const jobs = await db
		.select({
			employmentId: employments.id,
			enterpriseId: employments.enterpriseId,
			enterpriseName: enterprises.name,
			industry: enterprises.industry,
			jobCategory: employments.jobCategory,
			hiredOn: employments.hiredOn,
			leftOn: employments.leftOn,
		})
		.from(employments)
		.innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
		.where(eq(employments.personId, personId))
		.orderBy(asc(employments.hiredOn))
	if (jobs.length === 0) return []
	const events = await db
		.select({ employmentId: employmentEvents.employmentId, kind: employmentEvents.kind, effectiveOn: employmentEvents.effectiveOn, endsOn: employmentEvents.endsOn, fromJobCategory: employmentEvents.fromJobCategory, toJobCategory: employmentEvents.toJobCategory })
		.from(employmentEvents)
		.where(inArray(employmentEvents.employmentId, jobs.map((j) => j.employmentId)))
	return jobs.map((j) => ({
		...j,
		industry: j.industry as IndustryCode,
		jobCategory: j.jobCategory as JobCategory,
		events: events.filter((e) => e.employmentId === j.employmentId),
	}))
}

/** What a person owes in a year, with the reasons (for the learner, their admin, regulators). */
export async function obligationsOfPerson(personId: number, year: number, scope?: { enterpriseId: number }) {
	const [facts, rules] = await Promise.all([employmentFactsOf(personId), currentRules()])
	const owed = obligationsFor(facts, year, rules)
	return scope ? owed.filter((o) => o.enterpriseId === scope.enterpriseId) : owed
}

