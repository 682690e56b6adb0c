// The training rules of RULES.md §1 as data: one row per rule set × job category × trigger,
// with the minimum 学时, when it is due, how often it recurs, and its source. Where sources
// disagree the rows share a `group`; exactly one row of a group is in force at a time (the
// default here, or the platform admin's recorded choice). Pure data and lookups.
import { industryFlags, type IndustryCode, type JobCategory } from '#app/orgs/industries.ts'

/** Which hour table applies to an enterprise (RULES.md §1.1; coal falls under 令第3号's list). */
export type RuleSet = 'general' | 'high_risk' | 'construction'
export type Trigger = 'pre_job' | 'initial' | 'annual' | 'reassignment' | 'special_review' | 'special_absence' | 'fatal_accident'
export type Due = { kind: 'before_posting' } | { kind: 'within_months'; months: number } | { kind: 'by_year_end' }

export type TrainingRule = {
	id: string
	ruleSet: RuleSet | 'any'
	jobs: readonly JobCategory[]
	trigger: Trigger
	/** Minimum 学时; null where the rule requires the training but sets no figure. */
	hours: number | null
	due: Due
	recurrence: 'once' | 'yearly' | 'every_3_years'
	/** What the training must contain, when the rule names parts (三级安全教育). */
	parts?: readonly string[]
	/** A 考核 by the regulator is also required. */
	assessment?: boolean
	/** A re-test outside the platform is required before working again (令第30号: the practical exam). */
	retest?: string
	source: string
	article: string
	/**
	 * The source document's dates: when it took effect and, if repealed, when it ceased (ISO).
	 * null where not verified. `dates` says what the figures rest on (RULES.md §0: check again
	 * against mem.gov.cn / flk.npc.gov.cn before relying on them).
	 */
	effectiveFrom: string | null
	effectiveTo: string | null
	/** Rows of a group are alternatives by option (one source's rows against another's); one option is in force. */
	group?: string
	option?: string
	note?: string
}

const LAW = '《中华人民共和国安全生产法》（2021年修正）'
const ORDER3 = '《生产经营单位安全培训规定》（原国家安全生产监督管理总局令第3号，2015年修正）'
const AWEI_2012 = '《国务院安委会关于进一步加强安全培训工作的决定》（安委〔2012〕10号）'
const JIANJIAO_1997 = '《建筑业企业职工安全培训教育暂行规定》（建教〔1997〕83号）'
const ORDER30 = '《特种作业人员安全技术培训考核管理规定》（原国家安全生产监督管理总局令第30号）'
const ORDER44 = '《安全生产培训管理办法》（原国家安全生产监督管理总局令第44号）'
/**
 * When each source took effect (and ceased), as far as verified (third-party copies of the
 * texts, December 2026; see docs/decisions/0010-training-rule-dates.md for what each rests on).
 */
const DATES = {
	/** 令第3号: in force 2006-03-01; amended by 令第63号 (2013-08-29) and 令第80号 (published 2015-05-29). */
	order3: { effectiveFrom: '2006-03-01', effectiveTo: null },
	/** The 2021 amendment of the Law (主席令第88号). */
	law2021: { effectiveFrom: '2021-09-01', effectiveTo: null },
	/** 安委〔2012〕10号: issued 2012-11-21 (date from a journal's report of the issue). */
	awei2012: { effectiveFrom: '2012-11-21', effectiveTo: null },
	/** 建教〔1997〕83号: issued 1997-05-04; repealed 2017-12-12 by 住房和城乡建设部公告第1765号. */
	jianjiao1997: { effectiveFrom: '1997-05-04', effectiveTo: '2017-12-12' },
	/** 令第30号: in force 2010-07-01 (amended since; the article numbers follow the current text). */
	order30: { effectiveFrom: '2010-07-01', effectiveTo: null },
	/** 令第44号: in force 2012-03-01 (amended 2013 and 2015; article numbers of the current text unverified). */
	order44: { effectiveFrom: '2012-03-01', effectiveTo: null },
} as const
const REPEALED_1997 = '该文件已由住房和城乡建设部公告第1765号于2017年12月12日废止，仅在本地仍沿用时选用'
const MANAGERS: readonly JobCategory[] = ['principal', 'safety_manager']
const WORKERS: readonly JobCategory[] = ['special_operator', 'other']
const THREE_LEVELS = ['厂（矿）级', '车间（工段、区、队）级', '班组级'] as const

export const TRAINING_RULES: readonly TrainingRule[] = [
	// 新上岗从业人员 岗前培训
	{ id: 'general-pre-job', ruleSet: 'general', jobs: WORKERS, trigger: 'pre_job', hours: 24, due: { kind: 'before_posting' }, recurrence: 'once', parts: THREE_LEVELS, source: ORDER3, article: '第十三条、第十二条', ...DATES.order3, note: '加工、制造业等生产单位须经厂、车间、班组三级安全教育，24 学时为合计' },
	{ id: 'high-risk-pre-job', ruleSet: 'high_risk', jobs: WORKERS, trigger: 'pre_job', hours: 72, due: { kind: 'before_posting' }, recurrence: 'once', parts: THREE_LEVELS, source: ORDER3, article: '第十三条', ...DATES.order3 },
	{ id: 'construction-pre-job-2012', ruleSet: 'construction', jobs: WORKERS, trigger: 'pre_job', hours: 32, due: { kind: 'before_posting' }, recurrence: 'once', source: AWEI_2012, article: '', ...DATES.awei2012, group: 'construction-pre-job', option: '安委〔2012〕10号' },
	{ id: 'construction-pre-job-1997', ruleSet: 'construction', jobs: WORKERS, trigger: 'pre_job', hours: 50, due: { kind: 'before_posting' }, recurrence: 'once', parts: THREE_LEVELS, source: JIANJIAO_1997, article: '', ...DATES.jianjiao1997, group: 'construction-pre-job', option: '建教〔1997〕83号', note: `公司 15、项目 15、班组 20 学时。${REPEALED_1997}` },
	// 主要负责人、安全生产管理人员 初次培训
	{ id: 'general-initial', ruleSet: 'general', jobs: MANAGERS, trigger: 'initial', hours: 32, due: { kind: 'within_months', months: 6 }, recurrence: 'once', source: ORDER3, article: '第九条', ...DATES.order3, note: '六个月内完成培训并考核合格见《非高危行业生产经营单位主要负责人安全培训大纲和考核标准》' },
	{ id: 'high-risk-initial', ruleSet: 'high_risk', jobs: MANAGERS, trigger: 'initial', hours: 48, due: { kind: 'within_months', months: 6 }, recurrence: 'once', assessment: true, source: `${ORDER3}；${LAW}`, article: '第九条、第二十四条；法第二十七条第二款', ...DATES.law2021 },
	{ id: 'construction-initial', ruleSet: 'construction', jobs: MANAGERS, trigger: 'initial', hours: 32, due: { kind: 'within_months', months: 6 }, recurrence: 'once', assessment: true, source: `${ORDER3}；${LAW}`, article: '第九条；法第二十七条第二款', ...DATES.law2021, note: '建筑施工“三类人员”另有住建部门考核' },
	// 每年再培训
	{ id: 'general-manager-annual', ruleSet: 'general', jobs: MANAGERS, trigger: 'annual', hours: 12, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: ORDER3, article: '第九条', ...DATES.order3 },
	{ id: 'high-risk-manager-annual', ruleSet: 'high_risk', jobs: MANAGERS, trigger: 'annual', hours: 16, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: ORDER3, article: '第九条', ...DATES.order3 },
	{ id: 'general-worker-annual', ruleSet: 'general', jobs: WORKERS, trigger: 'annual', hours: 8, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: AWEI_2012, article: '', ...DATES.awei2012, note: '令第3号对一般行业从业人员的再培训学时未作规定' },
	{ id: 'high-risk-worker-annual', ruleSet: 'high_risk', jobs: WORKERS, trigger: 'annual', hours: 20, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: ORDER3, article: '第十三条第二款', ...DATES.order3 },
	{ id: 'construction-worker-annual-2012', ruleSet: 'construction', jobs: WORKERS, trigger: 'annual', hours: 20, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: AWEI_2012, article: '', ...DATES.awei2012, group: 'construction-worker-annual', option: '安委〔2012〕10号' },
	{ id: 'construction-other-annual-1997', ruleSet: 'construction', jobs: ['other'], trigger: 'annual', hours: 15, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: JIANJIAO_1997, article: '第五条', ...DATES.jianjiao1997, group: 'construction-worker-annual', option: '建教〔1997〕83号', note: `其他职工 15 学时、特殊工种 20 学时。${REPEALED_1997}` },
	{ id: 'construction-special-annual-1997', ruleSet: 'construction', jobs: ['special_operator'], trigger: 'annual', hours: 20, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: JIANJIAO_1997, article: '第五条', ...DATES.jianjiao1997, group: 'construction-worker-annual', option: '建教〔1997〕83号' },
	{ id: 'construction-manager-annual-2006', ruleSet: 'construction', jobs: MANAGERS, trigger: 'annual', hours: 12, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: ORDER3, article: '第九条', ...DATES.order3, group: 'construction-manager-annual', option: '令第3号', note: '建筑施工不在令第3号高危行业列表中，按一般行业' },
	{ id: 'construction-principal-annual-1997', ruleSet: 'construction', jobs: ['principal'], trigger: 'annual', hours: 30, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: JIANJIAO_1997, article: '第五条', ...DATES.jianjiao1997, group: 'construction-manager-annual', option: '建教〔1997〕83号', note: `法定代表人、项目经理每年 30 学时。${REPEALED_1997}` },
	{ id: 'construction-safety-manager-annual-1997', ruleSet: 'construction', jobs: ['safety_manager'], trigger: 'annual', hours: 40, due: { kind: 'by_year_end' }, recurrence: 'yearly', source: JIANJIAO_1997, article: '第五条', ...DATES.jianjiao1997, group: 'construction-manager-annual', option: '建教〔1997〕83号', note: `专职安全管理人员每年 40 学时。${REPEALED_1997}` },
	// 调整岗位、离岗一年以上重新上岗（建筑施工：建教〔1997〕83号 另定待岗、转岗、换岗不少于 20 学时）
	{ id: 'construction-reassignment-order3', ruleSet: 'construction', jobs: WORKERS, trigger: 'reassignment', hours: null, due: { kind: 'before_posting' }, recurrence: 'once', parts: ['车间（工段、区、队）级', '班组级'], source: ORDER3, article: '第十七条', ...DATES.order3, group: 'construction-reassignment', option: '令第3号', note: '调整工作岗位或离岗一年以上重新上岗，重新进行车间和班组级安全培训' },
	{ id: 'construction-reassignment-1997', ruleSet: 'construction', jobs: WORKERS, trigger: 'reassignment', hours: 20, due: { kind: 'before_posting' }, recurrence: 'once', source: JIANJIAO_1997, article: '第五条第（六）项', ...DATES.jianjiao1997, group: 'construction-reassignment', option: '建教〔1997〕83号', note: `待岗、转岗、换岗的职工重新上岗前不少于 20 学时。${REPEALED_1997}` },
	{ id: 'reassignment', ruleSet: 'any', jobs: WORKERS, trigger: 'reassignment', hours: null, due: { kind: 'before_posting' }, recurrence: 'once', parts: ['车间（工段、区、队）级', '班组级'], source: ORDER3, article: '第十七条', ...DATES.order3, note: '调整工作岗位或离岗一年以上重新上岗，重新进行车间和班组级安全培训' },
	// 特种作业操作证复审
	{ id: 'special-review', ruleSet: 'any', jobs: ['special_operator'], trigger: 'special_review', hours: 8, due: { kind: 'before_posting' }, recurrence: 'every_3_years', source: ORDER30, article: '第二十三条', ...DATES.order3, note: '复审或延期复审前完成，须有操作证记录' },
	// 离开特种作业岗位六个月以上
	{ id: 'special-absence-retest', ruleSet: 'any', jobs: ['special_operator'], trigger: 'special_absence', hours: null, due: { kind: 'before_posting' }, recurrence: 'once', retest: '实际操作考试', source: ORDER30, article: '第三十二条', ...DATES.order30, note: '离开特种作业岗位六个月以上，须重新进行实际操作考试，经确认合格后方可上岗；考试由考核机构组织，平台只提示和记录' },
	// 发生造成人员死亡的生产安全事故
	{ id: 'fatal-accident-retrain', ruleSet: 'any', jobs: MANAGERS, trigger: 'fatal_accident', hours: null, due: { kind: 'within_months', months: 6 }, recurrence: 'once', source: ORDER44, article: '第二十二条（2012年文本；现行文本条号待核实）', ...DATES.order44, note: '生产经营单位发生造成人员死亡的生产安全事故，其主要负责人和安全生产管理人员应当重新参加安全培训；原文未规定完成期限，本平台按事故后六个月内提示' },
]

/** The rule set of an enterprise's industry. */
export function ruleSetOf(industry: IndustryCode): RuleSet {
	if (industry === 'construction') return 'construction'
	return industryFlags(industry).highRiskTraining ? 'high_risk' : 'general'
}

/** Industries whose units are 生产单位 for 三级安全教育 (令第3号 第十二条: 加工、制造业等). */
export function isProductionUnit(industry: IndustryCode) {
	return !['commerce_trade', 'road_transport', 'other'].includes(industry)
}

/** Where sources disagree: the groups, their options, and the option in force by default. */
export const RULE_GROUPS: Readonly<Record<string, { label: string; defaultOption: string }>> = {
	'construction-pre-job': { label: '建筑施工新上岗从业人员岗前培训学时', defaultOption: '安委〔2012〕10号' },
	'construction-worker-annual': { label: '建筑施工从业人员每年再培训学时', defaultOption: '安委〔2012〕10号' },
	'construction-manager-annual': { label: '建筑施工主要负责人、安全生产管理人员每年再培训学时', defaultOption: '令第3号' },
	'construction-reassignment': { label: '建筑施工从业人员调岗、离岗后重新上岗的培训', defaultOption: '令第3号' },
}

/** Whether a rule's source is in force on a date (ISO): took effect by then and not repealed. */
export function inForceOn(rule: Pick<TrainingRule, 'effectiveFrom' | 'effectiveTo'>, date: string) {
	return (rule.effectiveFrom === null || rule.effectiveFrom <= date) && (rule.effectiveTo === null || date < rule.effectiveTo)
}

/** The options of a group, each with whether its source is in force on a date. */
export function groupOptions(group: string, date: string) {
	const options = new Map<string, boolean>()
	for (const r of TRAINING_RULES) if (r.group === group) options.set(r.option!, (options.get(r.option!) ?? false) || inForceOn(r, date))
	return [...options].map(([option, inForce]) => ({ option, inForce }))
}

/**
 * The rows in force on a date: ungrouped rows whose source is in force then, and per group the
 * rows of the platform admin's recorded choice (which stands even for a repealed source: the
 * admin chose it, seeing that it was repealed) or else of the default, falling back to any
 * option in force should the default have been repealed. Without a date, sources' dates are
 * not consulted (a table of cases can name a rule by its figures alone).
 */
export function rulesInForce(rules: readonly TrainingRule[], choices: Readonly<Record<string, string>>, on?: string) {
	const live = (r: TrainingRule) => on === undefined || inForceOn(r, on)
	const optionOf = new Map<string, string | undefined>()
	for (const group of new Set(rules.flatMap((r) => (r.group ? [r.group] : [])))) {
		const chosen = choices[group]
		const fallback = RULE_GROUPS[group]?.defaultOption
		const options = rules.filter((r) => r.group === group)
		optionOf.set(group, chosen ?? (options.some((r) => r.option === fallback && live(r)) ? fallback : options.find(live)?.option))
	}
	return rules.filter((r) => (r.group ? r.option === optionOf.get(r.group) : live(r)))
}

export function citation(rule: TrainingRule) {
	return rule.article ? `${rule.source}${rule.article}` : rule.source
}
