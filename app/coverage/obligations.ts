// What a person owes in a year, derived from their employment record and the rules in force.
// Pure: the same facts and rules always give the same obligations, each with its reason and
// the rule's citation ("为什么我要学这些").
import { industryFlags, INDUSTRY_FLAG_LABELS, type IndustryCode, type JobCategory } from '#app/orgs/industries.ts'
import { addMonths } from '#app/utils/time.ts'
import { citation, isProductionUnit, ruleSetOf, type TrainingRule, type Trigger } from './training-rules.ts'

export type EmploymentFacts = {
	employmentId: number
	enterpriseId: number
	enterpriseName: string
	industry: IndustryCode
	jobCategory: JobCategory
	hiredOn: string
	/** 上岗日期, when recorded: 岗前培训 is due before it; otherwise the hire date stands in. */
	postedOn?: string | null
	leftOn: string | null
	/**
	 * Job changes, leaves and returns, any order; `special_review` carries the date a special
	 * operation certificate (特种作业操作证) is due for its review (复审). A job change may carry
	 * the day the person takes up the new post (`postedOn`), when later than the change.
	 */
	events: readonly { kind: string; effectiveOn: string; endsOn?: string | null; postedOn?: string | null; fromJobCategory?: string | null; toJobCategory?: string | null }[]
	/** Accidents with deaths at the enterprise (生产安全死亡事故), by date. */
	accidents?: readonly { occurredOn: string }[]
}

export type Obligation = {
	ruleId: string
	trigger: Trigger
	employmentId: number
	enterpriseId: number
	enterpriseName: string
	hours: number | null
	/** ISO date by which it is due. */
	dueBy: string
	/**
	 * ISO date from which training counts toward it: the hire, appointment, return or accident
	 * day; the first of the year for the annual refresher and a certificate review.
	 */
	startsOn: string
	parts: readonly string[]
	assessment: boolean
	/** A re-test outside the platform before working again (e.g. 实际操作考试), or null. */
	retest: string | null
	reason: string
	citation: string
	note: string | null
}

const MANAGERS: readonly string[] = ['principal', 'safety_manager']
const JOB_LABELS: Record<string, string> = { principal: '主要负责人', safety_manager: '安全生产管理人员', special_operator: '特种作业人员', other: '从业人员' }

function cn(iso: string) {
	const [y, m, d] = iso.split('-').map(Number)
	return `${y}年${m}月${d}日`
}

/** `postedOn`: the day the person takes up the post, for training due before posting. */
function dueDate(rule: TrainingRule, from: string, year: number, postedOn: string | null) {
	if (rule.due.kind === 'before_posting') return postedOn !== null && postedOn > from ? postedOn : from
	if (rule.due.kind === 'within_months') return addMonths(from, rule.due.months)
	return `${year}-12-31`
}

const ruleIndex = new WeakMap<readonly TrainingRule[], Map<string, TrainingRule | undefined>>()

/**
 * The one rule in force for a trigger, a job and an enterprise's rule set (or none). Looked up
 * once per rule list and key: a rebuild asks it for every job of a million people.
 */
function ruleFor(rules: readonly TrainingRule[], trigger: Trigger, job: string, industry: IndustryCode) {
	let index = ruleIndex.get(rules)
	if (!index) ruleIndex.set(rules, (index = new Map()))
	const key = `${trigger}|${job}|${industry}`
	if (index.has(key)) return index.get(key)
	const set = ruleSetOf(industry)
	const rule = rules.find((r) => r.trigger === trigger && (r.ruleSet === set || r.ruleSet === 'any') && (r.jobs as readonly string[]).includes(job))
	index.set(key, rule)
	return rule
}

/** Code-unit order: ISO dates and rule ids sort as text, without the cost of a collator. */
function byText(a: string, b: string) {
	return a < b ? -1 : a > b ? 1 : 0
}

function yearsBetween(from: string, to: string) {
	return (Date.parse(to) - Date.parse(from)) / (365.25 * 24 * 3600 * 1000)
}

/**
 * Obligations of one person in `year`, per employment:
 * - hired this year: 岗前培训 for workers (三级安全教育 in production units), 初次培训 for managers;
 * - appointed 主要负责人/安全生产管理人员 this year by a job change: 初次培训 (and 考核 where required);
 * - any other job change, or return from a leave of a year or more: 车间、班组级 again;
 * - a special operator back from six months or more away: the practical exam again (令第30号);
 * - a special operation certificate due for review this year: the 复审 training before it;
 * - a death in an accident at the unit this year: its managers of that day train again;
 * - employed since before the year and still employed at its end: the annual refresher,
 *   unless a leave covered the whole year.
 */
export function obligationsFor(jobs: readonly EmploymentFacts[], year: number, rules: readonly TrainingRule[]): Obligation[] {
	const start = `${year}-01-01`
	const end = `${year}-12-31`
	const out: Obligation[] = []
	for (const job of jobs) {
		if (job.hiredOn > end || (job.leftOn !== null && job.leftOn < start)) continue
		const events = job.events.length > 1 ? [...job.events].sort((a, b) => byText(a.effectiveOn, b.effectiveOn)) : job.events
		const changes = events.filter((e) => e.kind === 'job_change')
		const categoryAtHire = (changes[0]?.fromJobCategory as JobCategory | undefined) ?? job.jobCategory
		const categoryOn = (date: string) => ([...changes].reverse().find((e) => e.effectiveOn <= date)?.toJobCategory as JobCategory | undefined) ?? categoryAtHire
		const categoryAtEnd = categoryOn(end)
		const base = { employmentId: job.employmentId, enterpriseId: job.enterpriseId, enterpriseName: job.enterpriseName }
		// 法 第二十七条第二款: managers of these units pass the regulator's 考核 — a list of its own
		// (运输单位、危险物品经营储存单位 …), not the training-hours high-risk list a rule set follows.
		const lawAssessment = industryFlags(job.industry).regulatorAssessment
		const push = (rule: TrainingRule | undefined, from: string, reason: string, withParts = true, postedOn: string | null = null) => {
			if (!rule) return
			const byLaw = !rule.assessment && lawAssessment && rule.trigger === 'initial' && (rule.jobs as readonly string[]).some((j) => MANAGERS.includes(j))
			out.push({
				...base,
				ruleId: rule.id,
				trigger: rule.trigger,
				hours: rule.hours,
				dueBy: dueDate(rule, from, year, postedOn),
				startsOn: rule.trigger === 'annual' || rule.trigger === 'special_review' || from < start ? start : from,
				parts: withParts ? (rule.parts ?? []) : [],
				assessment: Boolean(rule.assessment) || byLaw,
				retest: rule.retest ?? null,
				reason: byLaw ? `${reason}，并经主管部门考核合格` : reason,
				citation: byLaw ? `${citation(rule)}；${INDUSTRY_FLAG_LABELS.regulatorAssessment.source}` : citation(rule),
				note: rule.note ?? null,
			})
		}

		const hiredThisYear = job.hiredOn >= start && job.hiredOn <= end
		if (hiredThisYear) {
			if (MANAGERS.includes(categoryAtHire)) {
				push(ruleFor(rules, 'initial', categoryAtHire, job.industry), job.hiredOn, `${cn(job.hiredOn)}起任${job.enterpriseName}${JOB_LABELS[categoryAtHire]}，须参加初次安全培训`)
			} else {
				const production = isProductionUnit(job.industry)
				const posted = job.postedOn && job.postedOn > job.hiredOn ? job.postedOn : null
				push(
					ruleFor(rules, 'pre_job', categoryAtHire, job.industry),
					job.hiredOn,
					`${cn(job.hiredOn)}入职${job.enterpriseName}，${posted ? `${cn(posted)}` : ''}上岗前须完成岗前安全培训${production ? '（厂、车间、班组三级安全教育）' : ''}`,
					production,
					posted,
				)
			}
		}

		for (const change of changes) {
			if (change.effectiveOn < start || change.effectiveOn > end || change.effectiveOn < job.hiredOn) continue
			const to = (change.toJobCategory ?? job.jobCategory) as JobCategory
			const from = change.fromJobCategory ?? ''
			if (MANAGERS.includes(to) && !MANAGERS.includes(from)) {
				push(ruleFor(rules, 'initial', to, job.industry), change.effectiveOn, `${cn(change.effectiveOn)}调任${JOB_LABELS[to]}，须参加初次安全培训`)
			} else if (!MANAGERS.includes(to)) {
				const posted = change.postedOn && change.postedOn > change.effectiveOn ? change.postedOn : null
				push(
					ruleFor(rules, 'reassignment', to, job.industry),
					change.effectiveOn,
					`${cn(change.effectiveOn)}调整工作岗位，${posted ? `${cn(posted)}到新岗位前` : ''}须重新进行车间和班组级安全培训`,
					true,
					posted,
				)
			}
		}

		for (const leave of events.filter((e) => e.kind === 'leave')) {
			const back = leave.endsOn ?? events.find((e) => e.kind === 'return' && e.effectiveOn > leave.effectiveOn)?.effectiveOn ?? null
			if (!back || back < start || back > end) continue
			if (yearsBetween(leave.effectiveOn, back) >= 1) {
				push(ruleFor(rules, 'reassignment', categoryOn(back), job.industry), back, `离岗一年以上，${cn(back)}重新上岗，须重新进行车间和班组级安全培训`)
			}
			// 令第30号 第三十二条: six months or more away from a special operation: the practical exam again.
			if (categoryOn(back) === 'special_operator' && addMonths(leave.effectiveOn, 6) <= back) {
				push(ruleFor(rules, 'special_absence', 'special_operator', job.industry), back, `离开特种作业岗位六个月以上，${cn(back)}重新上岗前须重新进行实际操作考试`)
			}
		}

		// 特种作业操作证复审: at least 8 学时 before a review falling due this year.
		for (const review of events.filter((e) => e.kind === 'special_review' && e.effectiveOn >= start && e.effectiveOn <= end)) {
			push(ruleFor(rules, 'special_review', categoryOn(review.effectiveOn), job.industry), review.effectiveOn, `特种作业操作证将于${cn(review.effectiveOn)}复审，复审前须完成安全培训`)
		}

		// A death at the unit: its 主要负责人 and 安全生产管理人员 at the time train again.
		for (const accident of job.accidents ?? []) {
			const on = accident.occurredOn
			if (on < start || on > end || on < job.hiredOn || (job.leftOn !== null && job.leftOn < on)) continue
			const category = categoryOn(on)
			if (!MANAGERS.includes(category)) continue
			push(ruleFor(rules, 'fatal_accident', category, job.industry), on, `${job.enterpriseName}于${cn(on)}发生造成人员死亡的生产安全事故，作为${JOB_LABELS[category]}须重新参加安全培训`)
		}

		const awayAllYear = events.some((e) => {
			if (e.kind !== 'leave' || e.effectiveOn > start) return false
			const back = e.endsOn ?? events.find((r) => r.kind === 'return' && r.effectiveOn > e.effectiveOn)?.effectiveOn ?? null
			return back === null || back > end
		})
		const employedAtYearEnd = job.leftOn === null || job.leftOn > end
		if (!hiredThisYear && employedAtYearEnd && !awayAllYear) {
			push(ruleFor(rules, 'annual', categoryAtEnd, job.industry), end, `在${job.enterpriseName}任${JOB_LABELS[categoryAtEnd]}，须参加${year}年度安全再培训`)
		}
	}
	return out.length > 1 ? out.sort((a, b) => byText(a.dueBy, b.dueBy) || byText(a.ruleId, b.ruleId)) : out
}

/** Hours owed in the year (rules without a figure count as 0 but still appear as items). */
export function hoursOwed(obligations: readonly Obligation[]) {
	return obligations.reduce((n, o) => n + (o.hours ?? 0), 0)
}
