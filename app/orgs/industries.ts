// Supervisory industry categories and the purpose-specific "high-risk" lists.
//
// Domain rules (RULES.md §7.1): "high-risk" means different things for
// different legal purposes, so each purpose has its own list and its own flag.
// Never reuse one list for another purpose.
//
// One enterprise carries one IndustryCode. Where a law names a process or
// activity rather than a sector (金属冶炼, 危险物品的生产/经营/储存/装卸), the
// mapping below is a judgement call, explained next to each list.

export const INDUSTRIES = [
	{ code: 'coal_mine', label: '煤矿' },
	{ code: 'non_coal_mine', label: '非煤矿山' },
	{ code: 'hazardous_chemicals', label: '危险化学品' },
	{ code: 'fireworks', label: '烟花爆竹' },
	// Units with 金属冶炼 processes (《金属冶炼目录》). Metallurgy/nonferrous units
	// without smelting (e.g. rolling, processing) use `metallurgy` / `nonferrous`.
	{ code: 'metal_smelting', label: '金属冶炼' },
	{ code: 'construction', label: '建筑施工' },
	{ code: 'road_transport', label: '道路运输' },
	// The 8 工贸 industries (应急管理部令第10号).
	{ code: 'metallurgy', label: '冶金' },
	{ code: 'nonferrous', label: '有色' },
	{ code: 'building_materials', label: '建材' },
	{ code: 'machinery', label: '机械' },
	{ code: 'light_industry', label: '轻工' },
	{ code: 'textiles', label: '纺织' },
	{ code: 'tobacco', label: '烟草' },
	{ code: 'commerce_trade', label: '商贸' },
	{ code: 'other', label: '其他' },
] as const

export type IndustryCode = (typeof INDUSTRIES)[number]['code']

export type IndustryList = {
	/** What the list is used for (Chinese). */
	readonly label: string
	/** Document and article (Chinese). */
	readonly source: string
	readonly industries: readonly IndustryCode[]
}

const MINES = ['coal_mine', 'non_coal_mine'] as const
// 危险物品 (法 第一百一十七条: 易燃易爆物品、危险化学品、放射性物品等). Of our codes,
// 危险化学品 and 烟花爆竹 are 危险物品 units. 民用爆炸物品 and 放射性物品 would be
// too, but have no code of their own here.
const DANGEROUS_GOODS = ['hazardous_chemicals', 'fireworks'] as const

/**
 * Training hours 48/16 (负责人、安管人员) and 72/20 (从业人员).
 * The rule lists five sectors followed by "等"; only the named five are mapped.
 * Construction has its own 住建 regime and is deliberately not included.
 */
export const TRAINING_HOURS_HIGH_RISK: IndustryList = {
	label: '高危行业安全培训学时要求',
	source: '《生产经营单位安全培训规定》（原国家安全监管总局令第3号）第九条、第十三条',
	industries: [...MINES, 'hazardous_chemicals', 'fireworks', 'metal_smelting'],
}

/**
 * 主要负责人、安全生产管理人员 must pass the regulator's 考核 (free of charge).
 * Law: 危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位.
 * 运输 covers every transport mode; road transport is the only one we model.
 */
export const REGULATOR_ASSESSMENT_REQUIRED: IndustryList = {
	label: '主要负责人和安全生产管理人员须经主管部门考核',
	source: '《中华人民共和国安全生产法》（2021）第二十七条第二款',
	industries: [...DANGEROUS_GOODS, ...MINES, 'metal_smelting', 'construction', 'road_transport'],
}

/** Law: 矿山、金属冶炼、建筑施工、运输单位和危险物品的生产、经营、储存、装卸单位. Same set as 第二十七条第二款. */
export const SAFETY_DEPARTMENT_REQUIRED: IndustryList = {
	label: '应当设置安全生产管理机构或者配备专职安全生产管理人员',
	source: '《中华人民共和国安全生产法》（2021）第二十四条第一款',
	industries: [...MINES, 'metal_smelting', 'construction', 'road_transport', ...DANGEROUS_GOODS],
}

/**
 * Law: 危险物品的生产、储存、装卸单位以及矿山、金属冶炼单位.
 * Unlike 第二十四/二十七条第二款 this omits 经营 (trading), construction and
 * transport. A pure hazardous-chemicals trader without storage is legally
 * exempt, but one code cannot tell it apart, so the whole sector is flagged.
 */
export const REGISTERED_SAFETY_ENGINEER_REQUIRED: IndustryList = {
	label: '应当有注册安全工程师从事安全生产管理工作',
	source: '《中华人民共和国安全生产法》（2021）第二十七条第三款',
	industries: [...DANGEROUS_GOODS, ...MINES, 'metal_smelting'],
}

/**
 * Mandatory 安全生产责任保险 (also 法 第五十一条第二款).
 * The notice lists 矿山、危险化学品、烟花爆竹、交通运输、建筑施工、民用爆炸物品、
 * 金属冶炼、渔业生产. 民用爆炸物品 and 渔业生产 have no code in INDUSTRIES, so
 * they are not represented; 交通运输 maps to road_transport.
 */
export const LIABILITY_INSURANCE_REQUIRED: IndustryList = {
	label: '应当投保安全生产责任保险',
	source: '《安全生产责任保险实施办法》（应急〔2025〕27号）第二条',
	industries: [...MINES, 'hazardous_chemicals', 'fireworks', 'road_transport', 'construction', 'metal_smelting'],
}

/**
 * 工贸 enterprises (MEM 工贸 supervision; 重大事故隐患判定标准).
 * The 8 listed industries, plus metal_smelting: smelting units belong to the
 * 冶金/有色 sectors and 令第10号 第三条 itself names 金属冶炼企业 (未考核合格 is a
 * 重大事故隐患), so leaving them out would make that rule unreachable.
 */
export const INDUSTRY_TRADE: IndustryList = {
	label: '工贸企业（冶金、有色、建材、机械、轻工、纺织、烟草、商贸）',
	source: '《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第二条',
	industries: [
		'metallurgy',
		'nonferrous',
		'metal_smelting',
		'building_materials',
		'machinery',
		'light_industry',
		'textiles',
		'tobacco',
		'commerce_trade',
	],
}

export type IndustryFlags = {
	highRiskTraining: boolean
	regulatorAssessment: boolean
	safetyDepartment: boolean
	registeredSafetyEngineer: boolean
	liabilityInsurance: boolean
	industryTrade: boolean
}

export type IndustryFlag = keyof IndustryFlags

const FLAG_LISTS: Readonly<Record<IndustryFlag, IndustryList>> = {
	highRiskTraining: TRAINING_HOURS_HIGH_RISK,
	regulatorAssessment: REGULATOR_ASSESSMENT_REQUIRED,
	safetyDepartment: SAFETY_DEPARTMENT_REQUIRED,
	registeredSafetyEngineer: REGISTERED_SAFETY_ENGINEER_REQUIRED,
	liabilityInsurance: LIABILITY_INSURANCE_REQUIRED,
	industryTrade: INDUSTRY_TRADE,
}

/** Chinese label and legal source for each flag. */
export const INDUSTRY_FLAG_LABELS: Readonly<Record<IndustryFlag, { label: string; source: string }>> = {
	highRiskTraining: { label: TRAINING_HOURS_HIGH_RISK.label, source: TRAINING_HOURS_HIGH_RISK.source },
	regulatorAssessment: { label: REGULATOR_ASSESSMENT_REQUIRED.label, source: REGULATOR_ASSESSMENT_REQUIRED.source },
	safetyDepartment: { label: SAFETY_DEPARTMENT_REQUIRED.label, source: SAFETY_DEPARTMENT_REQUIRED.source },
	registeredSafetyEngineer: {
		label: REGISTERED_SAFETY_ENGINEER_REQUIRED.label,
		source: REGISTERED_SAFETY_ENGINEER_REQUIRED.source,
	},
	liabilityInsurance: { label: LIABILITY_INSURANCE_REQUIRED.label, source: LIABILITY_INSURANCE_REQUIRED.source },
	industryTrade: { label: INDUSTRY_TRADE.label, source: INDUSTRY_TRADE.source },
}

export function industryFlags(code: IndustryCode): IndustryFlags {
	const has = (flag: IndustryFlag) => FLAG_LISTS[flag].industries.includes(code)
	return {
		highRiskTraining: has('highRiskTraining'),
		regulatorAssessment: has('regulatorAssessment'),
		safetyDepartment: has('safetyDepartment'),
		registeredSafetyEngineer: has('registeredSafetyEngineer'),
		liabilityInsurance: has('liabilityInsurance'),
		industryTrade: has('industryTrade'),
	}
}

export function isIndustryCode(s: unknown): s is IndustryCode {
	return INDUSTRIES.some((i) => i.code === s)
}

export function industryLabel(code: IndustryCode): string {
	return INDUSTRIES.find((i) => i.code === code)?.label ?? code
}

// ---------------------------------------------------------------------------
// Enterprise size (《统计上大中小微型企业划分办法(2017)》)

export const ENTERPRISE_SIZES = [
	{ code: 'large', label: '大型' },
	{ code: 'medium', label: '中型' },
	{ code: 'small', label: '小型' },
	{ code: 'micro', label: '微型' },
] as const

export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number]['code']

export function isEnterpriseSize(s: unknown): s is EnterpriseSize {
	return ENTERPRISE_SIZES.some((x) => x.code === s)
}

// ---------------------------------------------------------------------------
// Job categories (training requirements differ by category, RULES.md §1.1)

export const JOB_CATEGORIES = [
	{ code: 'principal', label: '主要负责人' },
	{ code: 'safety_manager', label: '安全生产管理人员' },
	{ code: 'special_operator', label: '特种作业人员' },
	{ code: 'other', label: '其他从业人员' },
] as const

export type JobCategory = (typeof JOB_CATEGORIES)[number]['code']

export function isJobCategory(s: unknown): s is JobCategory {
	return JOB_CATEGORIES.some((x) => x.code === s)
}

// Spreadsheet spellings seen in rosters, compared after removing whitespace.
// Titles such as 法定代表人 or 总经理 are left out on purpose: whether such a
// person is the 主要负责人 is a fact to confirm, not to guess.
const JOB_CATEGORY_ALIASES: ReadonlyMap<string, JobCategory> = new Map<string, JobCategory>([
	['主要负责人', 'principal'],
	['负责人', 'principal'],
	['企业主要负责人', 'principal'],
	['单位主要负责人', 'principal'],
	['企业负责人', 'principal'],
	['单位负责人', 'principal'],
	['安全生产管理人员', 'safety_manager'],
	['安全管理人员', 'safety_manager'],
	['安管人员', 'safety_manager'],
	['专职安全生产管理人员', 'safety_manager'],
	['专职安全管理人员', 'safety_manager'],
	['安全员', 'safety_manager'],
	['专职安全员', 'safety_manager'],
	['特种作业人员', 'special_operator'],
	['特种作业', 'special_operator'],
	['特种作业操作人员', 'special_operator'],
	['特种作业员', 'special_operator'],
	['特殊工种', 'special_operator'],
	['其他从业人员', 'other'],
	['一般从业人员', 'other'],
	['其他人员', 'other'],
	['其他', 'other'],
	['从业人员', 'other'],
	['普通员工', 'other'],
	['一般员工', 'other'],
	['员工', 'other'],
	['职工', 'other'],
])

/** Maps a Chinese label, a code or a common variant to a JobCategory; null if unknown. */
export function parseJobCategory(label: string): JobCategory | null {
	const key = label
		.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/\s+/g, '')
	const lower = key.toLowerCase()
	if (isJobCategory(lower)) return lower
	return JOB_CATEGORY_ALIASES.get(key) ?? null
}

// ---------------------------------------------------------------------------
// 《特种作业目录》 (attachment to 原国家安全监管总局令第30号): 10 categories + 其他.
// Not to be confused with 特种设备作业人员 (boilers, cranes, elevators), which
// fall under 市场监管 / 特种设备安全法.

export const SPECIAL_WORK_TYPES = [
	{ code: 'electrical', label: '电工作业' },
	{ code: 'welding_cutting', label: '焊接与热切割作业' },
	{ code: 'work_at_height', label: '高处作业' },
	{ code: 'refrigeration_ac', label: '制冷与空调作业' },
	{ code: 'coal_mine_safety', label: '煤矿安全作业' },
	{ code: 'metal_nonmetal_mine_safety', label: '金属非金属矿山安全作业' },
	{ code: 'oil_gas_safety', label: '石油天然气安全作业' },
	{ code: 'metallurgy_nonferrous_safety', label: '冶金（有色）生产安全作业' },
	{ code: 'hazardous_chemicals_safety', label: '危险化学品安全作业' },
	{ code: 'fireworks_safety', label: '烟花爆竹安全作业' },
	{ code: 'other', label: '其他' },
] as const

export type SpecialWorkType = (typeof SPECIAL_WORK_TYPES)[number]['code']

export function isSpecialWorkType(s: unknown): s is SpecialWorkType {
	return SPECIAL_WORK_TYPES.some((x) => x.code === s)
}
