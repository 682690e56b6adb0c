import { expect, test } from 'vitest'
import { type IndustryCode, type JobCategory } from '#app/orgs/industries.ts'
import { type EmploymentFacts, hoursOwed, obligationsFor } from './obligations.ts'
import { groupOptions, inForceOn, RULE_GROUPS, rulesInForce, type TrainingRule, TRAINING_RULES } from './training-rules.ts'

const DEFAULTS = rulesInForce(TRAINING_RULES, {})
const CONSTRUCTION_1997 = rulesInForce(TRAINING_RULES, { 'construction-pre-job': '建教〔1997〕83号', 'construction-worker-annual': '建教〔1997〕83号', 'construction-manager-annual': '建教〔1997〕83号', 'construction-reassignment': '建教〔1997〕83号' })

function job(industry: IndustryCode, jobCategory: JobCategory, hiredOn: string, extra: Partial<EmploymentFacts> = {}): EmploymentFacts {
	return { employmentId: 1, enterpriseId: 1, enterpriseName: '某厂', industry, jobCategory, hiredOn, leftOn: null, events: [], ...extra }
}

// RULES.md §1.1, row by row: [what, industry, job, hired, rules, expected rule, hours, due]
const TABLE: [string, IndustryCode, JobCategory, string, typeof DEFAULTS, string, number | null, string][] = [
	['一般行业 新上岗从业人员 岗前 ≥24', 'machinery', 'other', '2026-03-01', DEFAULTS, 'general-pre-job', 24, '2026-03-01'],
	['高危行业 新上岗从业人员 岗前 ≥72', 'hazardous_chemicals', 'other', '2026-03-01', DEFAULTS, 'high-risk-pre-job', 72, '2026-03-01'],
	['煤矿按令第3号高危列表 岗前 ≥72', 'coal_mine', 'special_operator', '2026-03-01', DEFAULTS, 'high-risk-pre-job', 72, '2026-03-01'],
	['建筑施工 新上岗 ≥32（安委〔2012〕10号）', 'construction', 'other', '2026-03-01', DEFAULTS, 'construction-pre-job-2012', 32, '2026-03-01'],
	['建筑施工 新上岗 三级 15+15+20（建教〔1997〕83号，选用时）', 'construction', 'other', '2026-03-01', CONSTRUCTION_1997, 'construction-pre-job-1997', 50, '2026-03-01'],
	['一般行业 主要负责人 初次 ≥32，六个月内', 'machinery', 'principal', '2026-03-15', DEFAULTS, 'general-initial', 32, '2026-09-15'],
	['高危行业 安管人员 初次 ≥48，六个月内考核', 'fireworks', 'safety_manager', '2026-08-31', DEFAULTS, 'high-risk-initial', 48, '2027-02-28'],
	['一般行业 主要负责人 每年再培训 ≥12', 'textiles', 'principal', '2020-01-01', DEFAULTS, 'general-manager-annual', 12, '2026-12-31'],
	['高危行业 安管人员 每年再培训 ≥16', 'metal_smelting', 'safety_manager', '2020-01-01', DEFAULTS, 'high-risk-manager-annual', 16, '2026-12-31'],
	['一般行业 从业人员 每年再培训 ≥8（安委〔2012〕10号）', 'light_industry', 'other', '2020-01-01', DEFAULTS, 'general-worker-annual', 8, '2026-12-31'],
	['高危行业 从业人员 每年再培训 ≥20', 'non_coal_mine', 'special_operator', '2020-01-01', DEFAULTS, 'high-risk-worker-annual', 20, '2026-12-31'],
	['建筑施工 从业人员 每年 ≥20（安委〔2012〕10号）', 'construction', 'other', '2020-01-01', DEFAULTS, 'construction-worker-annual-2012', 20, '2026-12-31'],
	['建筑施工 其他从业人员 每年 ≥15（建教〔1997〕83号，选用时）', 'construction', 'other', '2020-01-01', CONSTRUCTION_1997, 'construction-other-annual-1997', 15, '2026-12-31'],
	['建筑施工 特殊工种 每年 ≥20（建教〔1997〕83号，选用时）', 'construction', 'special_operator', '2020-01-01', CONSTRUCTION_1997, 'construction-special-annual-1997', 20, '2026-12-31'],
	['建筑施工 法定代表人 每年 ≥30（建教〔1997〕83号，选用时）', 'construction', 'principal', '2020-01-01', CONSTRUCTION_1997, 'construction-principal-annual-1997', 30, '2026-12-31'],
	['建筑施工 专职安全管理人员 每年 ≥40（建教〔1997〕83号，选用时）', 'construction', 'safety_manager', '2020-01-01', CONSTRUCTION_1997, 'construction-safety-manager-annual-1997', 40, '2026-12-31'],
	['建筑施工 主要负责人 每年 ≥12（默认按令第3号一般行业）', 'construction', 'principal', '2020-01-01', DEFAULTS, 'construction-manager-annual-2006', 12, '2026-12-31'],
]

for (const [what, industry, jobCategory, hiredOn, rules, ruleId, hours, dueBy] of TABLE) {
	test(what, () => {
		const owed = obligationsFor([job(industry, jobCategory, hiredOn)], 2026, rules)
		expect(owed).toHaveLength(1)
		expect(owed[0]).toMatchObject({ ruleId, hours, dueBy })
		expect(owed[0]!.citation).toMatch(/《.+》/)
		expect(owed[0]!.reason.length).toBeGreaterThan(5)
	})
}

test('only one source of a disputed group is in force at a time', () => {
	expect(DEFAULTS.filter((r) => r.group === 'construction-worker-annual').map((r) => r.id)).toEqual(['construction-worker-annual-2012'])
	expect(CONSTRUCTION_1997.filter((r) => r.group === 'construction-worker-annual').map((r) => r.id)).toEqual(['construction-other-annual-1997', 'construction-special-annual-1997'])
	for (const [group, { defaultOption }] of Object.entries(RULE_GROUPS)) {
		expect(TRAINING_RULES.some((r) => r.group === group && r.option === defaultOption), group).toBe(true)
	}
})

test('three-level induction is named for production units, not for a shop', () => {
	const [factory] = obligationsFor([job('machinery', 'other', '2026-05-01')], 2026, DEFAULTS)
	expect(factory!.parts).toEqual(['厂（矿）级', '车间（工段、区、队）级', '班组级'])
	expect(factory!.reason).toContain('三级安全教育')
	const [shop] = obligationsFor([job('commerce_trade', 'other', '2026-05-01')], 2026, DEFAULTS)
	expect(shop!.parts).toEqual([])
})

test('岗前培训 is due before the recorded 上岗日期, counted from the hire; without one the hire date stands in', () => {
	const [posted] = obligationsFor([job('machinery', 'other', '2026-05-01', { postedOn: '2026-05-11' })], 2026, DEFAULTS)
	expect(posted).toMatchObject({ ruleId: 'general-pre-job', startsOn: '2026-05-01', dueBy: '2026-05-11' })
	expect(posted!.reason).toContain('2026年5月11日上岗前')
	const [unknown] = obligationsFor([job('machinery', 'other', '2026-05-01')], 2026, DEFAULTS)
	expect(unknown).toMatchObject({ startsOn: '2026-05-01', dueBy: '2026-05-01' })
	// A manager's initial training runs six months from the appointment, whatever the posting.
	const [manager] = obligationsFor([job('machinery', 'principal', '2026-03-15', { postedOn: '2026-04-01' })], 2026, DEFAULTS)
	expect(manager).toMatchObject({ ruleId: 'general-initial', dueBy: '2026-09-15' })
})

test('调岗培训 is due before the new post is taken up when that day is recorded with the change', () => {
	const moved = job('machinery', 'other', '2018-01-01', { events: [{ kind: 'job_change', effectiveOn: '2026-06-01', postedOn: '2026-06-08', fromJobCategory: 'special_operator', toJobCategory: 'other' }] })
	const [change] = obligationsFor([moved], 2026, DEFAULTS)
	expect(change).toMatchObject({ ruleId: 'reassignment', startsOn: '2026-06-01', dueBy: '2026-06-08' })
	expect(change!.reason).toContain('2026年6月8日到新岗位前')
})

test('appointment as 主要负责人 by a job change needs initial training, with 考核 on the high-risk list', () => {
	const facts = job('hazardous_chemicals', 'principal', '2019-04-01', { events: [{ kind: 'job_change', effectiveOn: '2026-04-10', fromJobCategory: 'other', toJobCategory: 'principal' }] })
	const owed = obligationsFor([facts], 2026, DEFAULTS)
	expect(owed.map((o) => [o.ruleId, o.dueBy, o.assessment])).toEqual([
		['high-risk-initial', '2026-10-10', true],
		['high-risk-manager-annual', '2026-12-31', false],
	])
})

test('法第二十七条第二款: managers of a transport or dangerous-goods unit pass the regulator’s 考核 though their hours follow the general rules; a factory’s do not', () => {
	for (const industry of ['road_transport', 'hazardous_chemicals', 'construction', 'coal_mine'] as const) {
		const [initial] = obligationsFor([job(industry, 'safety_manager', '2026-03-15')], 2026, DEFAULTS)
		expect(initial, industry).toMatchObject({ trigger: 'initial', assessment: true })
		expect(initial!.citation, industry).toContain('第二十七条第二款')
	}
	const [transport] = obligationsFor([job('road_transport', 'principal', '2026-03-15')], 2026, DEFAULTS)
	expect(transport).toMatchObject({ ruleId: 'general-initial', hours: 32, dueBy: '2026-09-15', assessment: true })
	expect(transport!.reason).toContain('考核合格')
	const [factory] = obligationsFor([job('machinery', 'principal', '2026-03-15')], 2026, DEFAULTS)
	expect(factory).toMatchObject({ ruleId: 'general-initial', assessment: false })
	expect(factory!.citation).not.toContain('第二十七条')
	// Workers are not assessed by the regulator, whatever the unit.
	expect(obligationsFor([job('road_transport', 'other', '2026-03-15')], 2026, DEFAULTS)[0]!.assessment).toBe(false)
})

test('a job change between worker posts, and a return after a year away, repeat 车间 and 班组 levels', () => {
	const moved = job('machinery', 'special_operator', '2018-01-01', { events: [{ kind: 'job_change', effectiveOn: '2026-06-01', fromJobCategory: 'other', toJobCategory: 'special_operator' }] })
	expect(obligationsFor([moved], 2026, DEFAULTS).map((o) => [o.ruleId, o.parts.length])).toEqual([
		['reassignment', 2],
		['general-worker-annual', 0],
	])
	const back = job('machinery', 'other', '2018-01-01', { events: [{ kind: 'leave', effectiveOn: '2025-02-01', endsOn: '2026-03-01' }] })
	expect(obligationsFor([back], 2026, DEFAULTS).map((o) => o.ruleId)).toEqual(['reassignment', 'general-worker-annual'])
	const short = job('machinery', 'other', '2018-01-01', { events: [{ kind: 'leave', effectiveOn: '2025-10-01', endsOn: '2026-03-01' }] })
	expect(obligationsFor([short], 2026, DEFAULTS).map((o) => o.ruleId)).toEqual(['general-worker-annual'])
})

test('construction: a job change repeats 车间 and 班组 levels under 令第3号 by default, or 20 学时 before re-posting where 建教〔1997〕83号 is chosen', () => {
	const moved = job('construction', 'other', '2018-01-01', { events: [{ kind: 'job_change', effectiveOn: '2026-06-01', fromJobCategory: 'special_operator', toJobCategory: 'other' }] })
	expect(obligationsFor([moved], 2026, DEFAULTS).map((o) => [o.ruleId, o.hours, o.dueBy, o.parts.length])).toEqual([
		['construction-reassignment-order3', null, '2026-06-01', 2],
		['construction-worker-annual-2012', 20, '2026-12-31', 0],
	])
	expect(obligationsFor([moved], 2026, CONSTRUCTION_1997).map((o) => [o.ruleId, o.hours])).toEqual([
		['construction-reassignment-1997', 20],
		['construction-other-annual-1997', 15],
	])
})

test('a special operator back after six months or more away re-takes the practical exam (令第30号 第三十二条); five months away does not', () => {
	const away = (from: string, to: string, category: JobCategory = 'special_operator') => job('machinery', category, '2018-01-01', { events: [{ kind: 'leave', effectiveOn: from, endsOn: to }] })
	const sixMonths = obligationsFor([away('2025-12-01', '2026-06-01')], 2026, DEFAULTS)
	expect(sixMonths.map((o) => [o.ruleId, o.dueBy, o.retest])).toEqual([
		['special-absence-retest', '2026-06-01', '实际操作考试'],
		['general-worker-annual', '2026-12-31', null],
	])
	expect(sixMonths[0]!.citation).toContain('第三十二条')
	expect(sixMonths[0]!.reason).toContain('实际操作考试')
	expect(obligationsFor([away('2025-12-02', '2026-06-01')], 2026, DEFAULTS).map((o) => o.ruleId)).toEqual(['general-worker-annual'])
	// A year or more away: the 车间、班组 levels and the practical exam.
	expect(obligationsFor([away('2025-03-01', '2026-04-01')], 2026, DEFAULTS).map((o) => o.ruleId)).toEqual(['reassignment', 'special-absence-retest', 'general-worker-annual'])
	// Another worker's six months away asks nothing of the kind.
	expect(obligationsFor([away('2025-12-01', '2026-06-01', 'other')], 2026, DEFAULTS).map((o) => o.ruleId)).toEqual(['general-worker-annual'])
})

test('every rule carries its source’s dates; a repealed source is never in force by default, only by the admin’s recorded choice', () => {
	for (const r of TRAINING_RULES) {
		expect(r.effectiveFrom, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
		if (r.effectiveTo) expect(r.effectiveTo > r.effectiveFrom!, r.id).toBe(true)
	}
	expect(inForceOn({ effectiveFrom: '1997-05-04', effectiveTo: '2017-12-12' }, '2017-12-11')).toBe(true)
	expect(inForceOn({ effectiveFrom: '1997-05-04', effectiveTo: '2017-12-12' }, '2017-12-12')).toBe(false)
	expect(groupOptions('construction-worker-annual', '2026-12-05')).toEqual([
		{ option: '安委〔2012〕10号', inForce: true },
		{ option: '建教〔1997〕83号', inForce: false },
	])
	expect(groupOptions('construction-worker-annual', '2010-01-01')).toEqual([
		{ option: '安委〔2012〕10号', inForce: false },
		{ option: '建教〔1997〕83号', inForce: true },
	])
	const today = rulesInForce(TRAINING_RULES, {}, '2026-12-05')
	expect(today.some((r) => r.effectiveTo !== null)).toBe(false)
	// Before 安委〔2012〕10号 was issued, the default falls back to the option then in force.
	expect(rulesInForce(TRAINING_RULES, {}, '2010-01-01').filter((r) => r.group === 'construction-worker-annual').map((r) => r.id)).toEqual(['construction-other-annual-1997', 'construction-special-annual-1997'])
	// The admin's recorded choice stands, repealed or not.
	expect(rulesInForce(TRAINING_RULES, { 'construction-worker-annual': '建教〔1997〕83号' }, '2026-12-05').filter((r) => r.group === 'construction-worker-annual').map((r) => r.id)).toEqual(['construction-other-annual-1997', 'construction-special-annual-1997'])
	// A rule whose source is not yet in force is left out until it is.
	const future: TrainingRule = { ...TRAINING_RULES[0]!, id: 'future', effectiveFrom: '2027-07-01' }
	expect(rulesInForce([future], {}, '2026-12-05')).toEqual([])
	expect(rulesInForce([future], {}, '2027-07-01')).toEqual([future])
})

test('no annual refresher for a year spent entirely on leave, for a leaver, or before hiring', () => {
	const away = job('machinery', 'other', '2018-01-01', { events: [{ kind: 'leave', effectiveOn: '2025-06-01', endsOn: null }] })
	expect(obligationsFor([away], 2026, DEFAULTS)).toEqual([])
	expect(obligationsFor([job('machinery', 'other', '2018-01-01', { leftOn: '2026-05-31' })], 2026, DEFAULTS)).toEqual([])
	expect(obligationsFor([job('machinery', 'other', '2027-01-05')], 2026, DEFAULTS)).toEqual([])
})

test('hours owed add up across employments', () => {
	const two = [job('machinery', 'principal', '2015-01-01'), { ...job('hazardous_chemicals', 'other', '2026-02-01'), employmentId: 2, enterpriseId: 2 }]
	expect(hoursOwed(obligationsFor(two, 2026, DEFAULTS))).toBe(12 + 72)
})

test('特种作业操作证复审 this year: ≥8 学时 before the review date (令第30号 第二十三条)', () => {
	const welder = job('machinery', 'special_operator', '2018-05-01', { events: [{ kind: 'special_review', effectiveOn: '2026-07-10' }, { kind: 'special_review', effectiveOn: '2029-07-10' }] })
	const owed = obligationsFor([welder], 2026, DEFAULTS)
	expect(owed.map((o) => [o.ruleId, o.hours, o.dueBy])).toEqual([
		['special-review', 8, '2026-07-10'],
		['general-worker-annual', 8, '2026-12-31'],
	])
	expect(owed[0]!.reason).toContain('2026年7月10日复审')
	// A review in another year asks nothing this year.
	expect(obligationsFor([welder], 2027, DEFAULTS).map((o) => o.ruleId)).toEqual(['general-worker-annual'])
})

test('a death at the unit: its principal and safety managers of that day train again within six months; workers and later hires do not', () => {
	const accidents = [{ occurredOn: '2026-05-20' }]
	const principal = obligationsFor([job('hazardous_chemicals', 'principal', '2019-01-01', { accidents })], 2026, DEFAULTS)
	expect(principal.map((o) => [o.ruleId, o.dueBy])).toEqual([
		['fatal-accident-retrain', '2026-11-20'],
		['high-risk-manager-annual', '2026-12-31'],
	])
	expect(principal[0]!.reason).toContain('2026年5月20日发生造成人员死亡的生产安全事故')
	expect(obligationsFor([job('hazardous_chemicals', 'other', '2019-01-01', { accidents })], 2026, DEFAULTS).map((o) => o.ruleId)).toEqual(['high-risk-worker-annual'])
	// Appointed after the accident: not the manager of that day.
	const later = obligationsFor([job('hazardous_chemicals', 'safety_manager', '2026-06-01', { accidents })], 2026, DEFAULTS)
	expect(later.map((o) => o.ruleId)).toEqual(['high-risk-initial'])
	// Promoted to safety manager before the accident: counts.
	const promoted = job('hazardous_chemicals', 'safety_manager', '2015-01-01', { accidents, events: [{ kind: 'job_change', effectiveOn: '2026-02-01', fromJobCategory: 'other', toJobCategory: 'safety_manager' }] })
	expect(obligationsFor([promoted], 2026, DEFAULTS).map((o) => o.ruleId)).toContain('fatal-accident-retrain')
})
