import { test, expect } from 'vitest'
import {
	ENTERPRISE_SIZES,
	INDUSTRIES,
	INDUSTRY_FLAG_LABELS,
	INDUSTRY_TRADE,
	JOB_CATEGORIES,
	LIABILITY_INSURANCE_REQUIRED,
	REGISTERED_SAFETY_ENGINEER_REQUIRED,
	REGULATOR_ASSESSMENT_REQUIRED,
	SAFETY_DEPARTMENT_REQUIRED,
	SPECIAL_WORK_TYPES,
	TRAINING_HOURS_HIGH_RISK,
	industryFlags,
	industryLabel,
	isIndustryCode,
	parseJobCategory,
	type IndustryCode,
	type IndustryList,
} from './industries'

const sorted = (list: IndustryList) => [...list.industries].sort()

test('INDUSTRIES has 16 unique codes: 7 supervised sectors, 8 工贸 industries and 其他', () => {
	expect(INDUSTRIES).toHaveLength(16)
	expect(new Set(INDUSTRIES.map((i) => i.code)).size).toBe(16)
	expect(new Set(INDUSTRIES.map((i) => i.label)).size).toBe(16)
	for (const i of INDUSTRIES) expect(i.code).toMatch(/^[a-z]+(_[a-z]+)*$/)
})

test('training-hours high-risk list is exactly the five sectors of 令第3号', () => {
	expect(sorted(TRAINING_HOURS_HIGH_RISK)).toEqual(
		['coal_mine', 'fireworks', 'hazardous_chemicals', 'metal_smelting', 'non_coal_mine'],
	)
	expect(TRAINING_HOURS_HIGH_RISK.source).toContain('令第3号')
})

test('regulator assessment covers dangerous goods, mines, smelting, construction and transport', () => {
	expect(sorted(REGULATOR_ASSESSMENT_REQUIRED)).toEqual([
		'coal_mine',
		'construction',
		'fireworks',
		'hazardous_chemicals',
		'metal_smelting',
		'non_coal_mine',
		'road_transport',
	])
})

test('safety-department list (第二十四条) equals the regulator-assessment list', () => {
	expect(sorted(SAFETY_DEPARTMENT_REQUIRED)).toEqual(sorted(REGULATOR_ASSESSMENT_REQUIRED))
})

test('registered safety engineer excludes construction and transport', () => {
	expect(sorted(REGISTERED_SAFETY_ENGINEER_REQUIRED)).toEqual(
		['coal_mine', 'fireworks', 'hazardous_chemicals', 'metal_smelting', 'non_coal_mine'],
	)
})

test('liability insurance covers the 2025 sectors we model', () => {
	expect(sorted(LIABILITY_INSURANCE_REQUIRED)).toEqual(sorted(REGULATOR_ASSESSMENT_REQUIRED))
	expect(LIABILITY_INSURANCE_REQUIRED.source).toContain('应急〔2025〕27号')
})

test('工贸 list holds the 8 industries of 令第10号 plus metal smelting', () => {
	expect(sorted(INDUSTRY_TRADE)).toEqual([
		'building_materials',
		'commerce_trade',
		'light_industry',
		'machinery',
		'metal_smelting',
		'metallurgy',
		'nonferrous',
		'textiles',
		'tobacco',
	])
})

test('every list only references known industry codes and never "other"', () => {
	const lists = [
		TRAINING_HOURS_HIGH_RISK,
		REGULATOR_ASSESSMENT_REQUIRED,
		SAFETY_DEPARTMENT_REQUIRED,
		REGISTERED_SAFETY_ENGINEER_REQUIRED,
		LIABILITY_INSURANCE_REQUIRED,
		INDUSTRY_TRADE,
	]
	for (const list of lists) {
		expect(list.industries.every(isIndustryCode)).toBe(true)
		expect(list.industries).not.toContain('other')
		expect(new Set(list.industries).size).toBe(list.industries.length)
	}
})

test('construction needs regulator assessment but is not high-risk for training hours', () => {
	expect(industryFlags('construction')).toEqual({
		highRiskTraining: false,
		regulatorAssessment: true,
		safetyDepartment: true,
		registeredSafetyEngineer: false,
		liabilityInsurance: true,
		industryTrade: false,
	})
})

test('commerce_trade is 工贸 but carries no high-risk flag', () => {
	expect(industryFlags('commerce_trade')).toEqual({
		highRiskTraining: false,
		regulatorAssessment: false,
		safetyDepartment: false,
		registeredSafetyEngineer: false,
		liabilityInsurance: false,
		industryTrade: true,
	})
})

test('coal mines carry every flag except 工贸', () => {
	expect(industryFlags('coal_mine')).toEqual({
		highRiskTraining: true,
		regulatorAssessment: true,
		safetyDepartment: true,
		registeredSafetyEngineer: true,
		liabilityInsurance: true,
		industryTrade: false,
	})
})

test('metal smelting carries every flag including 工贸', () => {
	expect(Object.values(industryFlags('metal_smelting')).every(Boolean)).toBe(true)
})

test('road transport needs assessment, a safety department and insurance, but not training hours or an engineer', () => {
	expect(industryFlags('road_transport')).toEqual({
		highRiskTraining: false,
		regulatorAssessment: true,
		safetyDepartment: true,
		registeredSafetyEngineer: false,
		liabilityInsurance: true,
		industryTrade: false,
	})
})

test('metallurgy without smelting is 工贸 only', () => {
	expect(industryFlags('metallurgy')).toMatchObject({ highRiskTraining: false, regulatorAssessment: false, industryTrade: true })
})

test('"other" carries no flag', () => {
	expect(Object.values(industryFlags('other')).some(Boolean)).toBe(false)
})

test('every flag has a Chinese label and a source', () => {
	const flags = Object.keys(industryFlags('other'))
	expect(Object.keys(INDUSTRY_FLAG_LABELS).sort()).toEqual(flags.sort())
	for (const { label, source } of Object.values(INDUSTRY_FLAG_LABELS)) {
		expect(label).toMatch(/[\u4e00-\u9fff]/)
		expect(source).toMatch(/第.+条/)
	}
})

test('industryLabel returns the Chinese label', () => {
	expect(industryLabel('hazardous_chemicals')).toBe('危险化学品')
	expect(industryLabel('commerce_trade')).toBe('商贸')
})

test('isIndustryCode accepts codes only', () => {
	expect(isIndustryCode('coal_mine')).toBe(true)
	expect(isIndustryCode('煤矿')).toBe(false)
	expect(isIndustryCode('')).toBe(false)
	expect(isIndustryCode(undefined)).toBe(false)
	const code: IndustryCode = 'tobacco'
	expect(isIndustryCode(code)).toBe(true)
})

test('enterprise sizes, job categories and special work types have the expected codes', () => {
	expect(ENTERPRISE_SIZES.map((s) => `${s.code}:${s.label}`)).toEqual(['large:大型', 'medium:中型', 'small:小型', 'micro:微型'])
	expect(JOB_CATEGORIES.map((c) => c.code)).toEqual(['principal', 'safety_manager', 'special_operator', 'other'])
	expect(SPECIAL_WORK_TYPES).toHaveLength(11)
	expect(new Set(SPECIAL_WORK_TYPES.map((t) => t.code)).size).toBe(11)
	expect(SPECIAL_WORK_TYPES.map((t) => t.label)).toContain('冶金（有色）生产安全作业')
	expect(SPECIAL_WORK_TYPES.at(-1)).toEqual({ code: 'other', label: '其他' })
})

test('parseJobCategory accepts the Chinese labels and the codes', () => {
	for (const c of JOB_CATEGORIES) {
		expect(parseJobCategory(c.label)).toBe(c.code)
		expect(parseJobCategory(c.code)).toBe(c.code)
	}
	expect(parseJobCategory(' SAFETY_MANAGER ')).toBe('safety_manager')
})

test('parseJobCategory accepts common spreadsheet variants', () => {
	expect(parseJobCategory('负责人')).toBe('principal')
	expect(parseJobCategory('安全管理人员')).toBe('safety_manager')
	expect(parseJobCategory('安管人员')).toBe('safety_manager')
	expect(parseJobCategory(' 安 全 员 ')).toBe('safety_manager')
	expect(parseJobCategory('特种作业')).toBe('special_operator')
	expect(parseJobCategory('一般从业人员')).toBe('other')
	expect(parseJobCategory('普通员工')).toBe('other')
})

test('parseJobCategory returns null for unknown or ambiguous values', () => {
	expect(parseJobCategory('')).toBeNull()
	expect(parseJobCategory('总经理')).toBeNull()
	expect(parseJobCategory('焊工')).toBeNull()
	expect(parseJobCategory('toString')).toBeNull()
})
