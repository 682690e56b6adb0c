// How long training records are kept, per type of record (RULES.md §2). No national period
// exists outside coal mines; the coal figures (令第92号: managers and others ≥ 3 years, special
// operations ≥ 6) and the recommended default (the longer of employment + 3 years and 6 years
// for special operations) are the defaults, the deployment's RETENTION_* settings may replace
// them, and the platform admin sets a type's period at /admin/retention. Records are never
// deleted by the platform; a period says until when they must at least be kept. Pure.
import { z } from 'zod'
import { addMonths } from '#app/utils/time.ts'

/** Years kept after the record is made, and after the person leaves (null: not a person's record). */
export type RetentionRule = { yearsAfterRecord: number; yearsAfterLeaving: number | null }

const COAL = '《煤矿安全培训规定》（应急管理部令第92号）'
const PLATFORM = '非煤行业无全国统一期限，本平台默认在职期间持续保存、离职后至少 3 年'

/**
 * The types of training record, in the order the archives list them, each with its default and
 * where the default comes from. `perPerson`: kept while the person is employed and for a period
 * after they leave; otherwise the period runs from the record alone.
 */
export const RECORD_TYPES = [
	{
		code: 'credits',
		label: '学时记录（含学时更正、学习时的设备与地址）',
		perPerson: true,
		yearsAfterRecord: 3,
		yearsAfterLeaving: 3,
		source: `${COAL}：主要负责人、安全生产管理人员和其他从业人员的培训档案至少保存 3 年；${PLATFORM}。`,
	},
	{
		code: 'attempts',
		label: '考试记录（试卷与作答）',
		perPerson: true,
		yearsAfterRecord: 3,
		yearsAfterLeaving: 3,
		source: `${COAL}：培训档案（含考核结果）至少保存 3 年；《安全生产资格考试与证书管理暂行办法》第十七条：考试录像至少保存 3 年；${PLATFORM}。`,
	},
	{
		code: 'certificates',
		label: '证书（培训合格证明）',
		perPerson: true,
		yearsAfterRecord: 3,
		yearsAfterLeaving: 3,
		source: `${COAL}：培训档案至少保存 3 年；${PLATFORM}。`,
	},
	{
		code: 'special_operation',
		label: '特种作业人员培训及复审记录',
		perPerson: true,
		yearsAfterRecord: 6,
		yearsAfterLeaving: 3,
		source: `${COAL}：特种作业人员的培训档案至少保存 6 年；《特种作业人员安全技术培训考核管理规定》（令第30号）：生产经营单位建立特种作业人员培训、复审档案；本平台默认取离职后 3 年与记录形成后 6 年中较晚者。`,
	},
	{
		code: 'warning_replies',
		label: '警示教育学习与对照检视回复',
		perPerson: true,
		yearsAfterRecord: 3,
		yearsAfterLeaving: 3,
		source: `《安全生产法》第二十八条：如实记录安全生产教育和培训的时间、内容、参加人员以及考核结果等情况；期限参照${COAL}其他从业人员至少 3 年；${PLATFORM}。`,
	},
	{
		code: 'classes',
		label: '培训班（一期一档）记录',
		perPerson: false,
		yearsAfterRecord: 3,
		yearsAfterLeaving: null,
		source: `${COAL}：培训班实行"一期一档"（培训计划、时间地点、课时与教师、讲义、学员名册、考勤、考核、综合考评报告），培训档案至少保存 3 年，自培训班结束起算。`,
	},
	{
		code: 'audit_log',
		label: '审计日志',
		perPerson: false,
		// The longest of the others (see defaultRetention): set there.
		yearsAfterRecord: 6,
		yearsAfterLeaving: null,
		source: '本平台默认：审计日志记录每条培训记录由谁、何时、为何形成或更正，是如实记录（《安全生产法》第二十八条）的凭据，保存年限取各类记录中最长者。',
	},
] as const satisfies readonly ({ code: string; label: string; perPerson: boolean; source: string } & RetentionRule)[]

export type RecordType = (typeof RECORD_TYPES)[number]['code']
export const RECORD_TYPE_CODES = RECORD_TYPES.map((t) => t.code) as [RecordType, ...RecordType[]]

export function recordTypeOf(code: RecordType) {
	return RECORD_TYPES.find((t) => t.code === code)!
}

/** The deployment's RETENTION_* settings (app/utils/env.server.ts); each replaces some defaults. */
export type RetentionSettings = { minimumYears?: number; afterLeavingYears?: number; specialOperationYears?: number }

export type RetentionDefault = RetentionRule & { source: string }

/**
 * Each type's default: the table above, where the deployment's settings replace it —
 * RETENTION_MINIMUM_YEARS the years after the record of every type but special operations,
 * RETENTION_SPECIAL_OPERATION_YEARS those of special operations, RETENTION_AFTER_LEAVING_YEARS
 * the years after leaving of every person's record. The audit log is kept as long as the
 * longest of the others.
 */
export function defaultRetention(settings: RetentionSettings = {}): Record<RecordType, RetentionDefault> {
	const out = {} as Record<RecordType, RetentionDefault>
	for (const t of RECORD_TYPES) {
		if (t.code === 'audit_log') continue
		const set: string[] = []
		let yearsAfterRecord: number = t.yearsAfterRecord
		let yearsAfterLeaving: number | null = t.yearsAfterLeaving
		const [name, value] = t.code === 'special_operation' ? (['RETENTION_SPECIAL_OPERATION_YEARS', settings.specialOperationYears] as const) : (['RETENTION_MINIMUM_YEARS', settings.minimumYears] as const)
		if (value !== undefined) {
			yearsAfterRecord = value
			set.push(`${name}=${value}`)
		}
		if (t.perPerson && settings.afterLeavingYears !== undefined) {
			yearsAfterLeaving = settings.afterLeavingYears
			set.push(`RETENTION_AFTER_LEAVING_YEARS=${settings.afterLeavingYears}`)
		}
		out[t.code] = { yearsAfterRecord, yearsAfterLeaving, source: set.length ? `${t.source}本部署设置 ${set.join('、')}。` : t.source }
	}
	const audit = recordTypeOf('audit_log')
	out.audit_log = { yearsAfterRecord: Math.max(...Object.values(out).map((d) => d.yearsAfterRecord)), yearsAfterLeaving: null, source: audit.source }
	return out
}

/** The rule in force per type: the platform admin's where set, else the default. */
export function retentionInForce(defaults: Record<RecordType, RetentionRule>, set: readonly ({ recordType: string } & RetentionRule)[]): Record<RecordType, RetentionRule> {
	const out = {} as Record<RecordType, RetentionRule>
	for (const t of RECORD_TYPES) {
		const row = set.find((s) => s.recordType === t.code)
		const rule = row ?? defaults[t.code]
		out[t.code] = { yearsAfterRecord: rule.yearsAfterRecord, yearsAfterLeaving: t.perPerson ? (rule.yearsAfterLeaving ?? defaults[t.code].yearsAfterLeaving) : null }
	}
	return out
}

/** One rule in words: 在职期间持续保存，离职后至少保存 3 年，且自形成起至少保存 6 年. */
export function ruleText(rule: RetentionRule) {
	if (rule.yearsAfterLeaving === null) return `自形成起至少保存 ${rule.yearsAfterRecord} 年`
	return `在职期间持续保存，离职后至少保存 ${rule.yearsAfterLeaving} 年，且自形成起至少保存 ${rule.yearsAfterRecord} 年`
}

/** True when a rule keeps records for less time than another (the default) in either period. */
export function shorterThan(rule: RetentionRule, other: RetentionRule) {
	return rule.yearsAfterRecord < other.yearsAfterRecord || (rule.yearsAfterLeaving !== null && other.yearsAfterLeaving !== null && rule.yearsAfterLeaving < other.yearsAfterLeaving)
}

/**
 * The earliest date records of one type may be disposed of. A person's records: null while the
 * person is still employed (kept for as long as the employment lasts), after leaving the later
 * of leaving + its years and the last record + its years. Other records: the last record + its
 * years (null without a record).
 */
export function keepUntil(rule: RetentionRule, facts: { leftOn: string | null; lastRecordOn: string | null }) {
	const dates: string[] = []
	if (rule.yearsAfterLeaving !== null) {
		if (facts.leftOn === null) return null
		dates.push(addMonths(facts.leftOn, rule.yearsAfterLeaving * 12))
	}
	if (facts.lastRecordOn) dates.push(addMonths(facts.lastRecordOn, rule.yearsAfterRecord * 12))
	return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null
}

/**
 * A person's archive, type by type: the types a person's archive holds (special operations only
 * for a special operator, classes only where there are some), the last record of each, the rule
 * in force and the date it must at least be kept until; `until` for the whole archive (null while
 * employed). `leftOn` null: still employed. A person with no employment on record (`noEmployment`:
 * a cadre) has nothing to leave: their records run from the record alone, and only the types they
 * have records of are listed.
 */
export function personRetention(
	rules: Record<RecordType, RetentionRule>,
	facts: { leftOn: string | null; specialOperator: boolean; lastRecordOn: Partial<Record<RecordType, string | null>>; noEmployment?: boolean },
) {
	const ruleOf = (code: RecordType): RetentionRule => (facts.noEmployment ? { yearsAfterRecord: rules[code].yearsAfterRecord, yearsAfterLeaving: null } : rules[code])
	const rows = RECORD_TYPES.filter((t) => t.code !== 'audit_log')
		.filter((t) => t.code !== 'special_operation' || facts.specialOperator)
		.filter((t) => (t.perPerson && !facts.noEmployment) || facts.lastRecordOn[t.code])
		.map((t) => {
			const lastRecordOn = facts.lastRecordOn[t.code] ?? null
			return { code: t.code, label: t.label, lastRecordOn, rule: ruleText(ruleOf(t.code)), until: keepUntil(ruleOf(t.code), { leftOn: facts.leftOn, lastRecordOn }) }
		})
	const dates = rows.map((r) => r.until).filter((d): d is string => d !== null)
	const until = (facts.leftOn === null && !facts.noEmployment) || dates.length === 0 ? null : dates.reduce((a, b) => (a > b ? a : b))
	return { until, rows }
}

export type PersonRetention = ReturnType<typeof personRetention>

/** Special operation records apply to whoever held that post at the enterprise, now or before, or had a review recorded. */
export function wasSpecialOperator(employment: { jobCategory: string; events: readonly { kind: string; fromJobCategory: string | null; toJobCategory: string | null }[] }) {
	return (
		employment.jobCategory === 'special_operator' ||
		employment.events.some((e) => e.kind === 'special_review' || e.fromJobCategory === 'special_operator' || e.toJobCategory === 'special_operator')
	)
}

/** The one-line summary a person's archive opens with. */
export function personRetentionHeadline(r: PersonRetention) {
	if (r.rows.length === 0) return '保存期限：暂无培训记录。'
	return `保存期限：${r.until ? `本档案至少保存至 ${r.until}` : '在职期间持续保存'}（各类记录的期限见下表）。`
}

/**
 * The facts of a person's whole archive, across every employer (the learner's own 一人一档). Each
 * record is kept under the employment it was made in; stated for the whole archive, the dates are
 * the latest any of them would give: kept while any employment lasts, after that from the last
 * leaving; special operation records if the person held that post anywhere. No employment at all
 * (a cadre): `noEmployment`.
 */
export function wholeArchiveFacts(jobs: readonly { leftOn: string | null; jobCategory: string; events: readonly { kind: string; fromJobCategory: string | null; toJobCategory: string | null }[] }[]) {
	const left = jobs.map((j) => j.leftOn)
	return {
		leftOn: jobs.length === 0 || left.includes(null) ? null : (left as string[]).reduce((a, b) => (a > b ? a : b)),
		specialOperator: jobs.some(wasSpecialOperator),
		noEmployment: jobs.length === 0,
	}
}

const years = (label: string) =>
	z
		.number({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}应为 1–100 的整数`) })
		.int(`${label}应为 1–100 的整数`)
		.min(1, `${label}至少为 1 年`)
		.max(100, `${label}不能超过 100 年`)

const PERSON_TYPES = RECORD_TYPES.filter((t) => t.perPerson)
const OTHER_TYPES = RECORD_TYPES.filter((t) => !t.perPerson)
const note = z.string({ error: '请填写变更理由' }).trim().min(4, '请写明变更理由（至少 4 个字）').max(200, '变更理由不能超过200个字')

/**
 * The platform admin's change of one type's period: the same schema on the form and the server.
 * Years after leaving are asked of a person's records only.
 */
export const RetentionPolicySchema = z.discriminatedUnion(
	'recordType',
	[
		z.object({ recordType: z.enum(PERSON_TYPES.map((t) => t.code) as [RecordType, ...RecordType[]]), yearsAfterRecord: years('形成后保存年限'), yearsAfterLeaving: years('离职后保存年限'), note }),
		z.object({
			recordType: z.enum(OTHER_TYPES.map((t) => t.code) as [RecordType, ...RecordType[]]),
			yearsAfterRecord: years('形成后保存年限'),
			yearsAfterLeaving: z.undefined({ error: `${OTHER_TYPES.map((t) => t.label).join('、')}不随人员离职计算，不填离职后保存年限` }).optional(),
			note,
		}),
	],
	{ error: '没有这种记录类型' },
)

export type RetentionPolicyInput = z.input<typeof RetentionPolicySchema>
