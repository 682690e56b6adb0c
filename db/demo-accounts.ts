// The demo's fixed names and accounts: read by the seed, the README and the browser tests.
// Pure data, no imports from the server, so Playwright can load it.

import { type Role } from '#app/auth/scope.ts'
import { type JobCategory } from '#app/orgs/industries.ts'

// ---------------------------------------------------------------------------
// Demo accounts (README and browser tests read this list)

export const DEMO_PASSWORD = 'anxun2026'

export type DemoAccount = {
	/** What to type in the login form: a username, or a learner's mobile number. */
	login: string
	password: string
	/** The grant the account holds. */
	roleCode: Role
	/** Role label (Chinese). */
	role: string
	/** Who the account is (Chinese). */
	who: string
	/** Where the account lands after login; `:regionId` / `:enterpriseId` stand for a database id. */
	home: string
}

export const DEMO_CITY = '安澜市'
export const QINGHE = '青河区'
export const BEISHAN = '北山区'
export const LINJIANG = '临江县'
export const PARK = '安澜经济开发区'
export const ENT1 = '安澜市青河精细化工有限公司'
export const ENT2 = '安澜市北山机械制造有限公司'
/** The annual exam the demo publishes for every employee. */
export const DEMO_EXAM_TITLE = '2026年度从业人员安全生产知识考试'

/** The four learner accounts: fixed people at ENT1, logging in with their phone number. */
export const DEMO_LEARNERS = [
	{ category: 'principal', name: '李建国', phone: '13900000001', label: '主要负责人' },
	{ category: 'safety_manager', name: '王志强', phone: '13900000002', label: '安全生产管理人员' },
	{ category: 'special_operator', name: '刘海涛', phone: '13900000003', label: '特种作业人员（危险化学品安全作业）' },
	{ category: 'other', name: '陈小燕', phone: '13900000004', label: '其他从业人员（今年新入职）' },
] as const satisfies readonly { category: JobCategory; name: string; phone: string; label: string }[]

/** The demo's 专题培训班 and the cadre account on its roster (a person with no employer). */
export const DEMO_CLASS_TITLE = `${DEMO_CITY}领导干部安全生产专题培训班`
export const DEMO_CADRE = { name: '赵明远', phone: '13900000101', unit: `${QINGHE}人民政府`, post: '副区长' } as const

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{
		login: 'admin',
		password: DEMO_PASSWORD,
		roleCode: 'platform_admin',
		role: '平台管理员',
		who: '安训平台管理员（全部数据）',
		home: '/admin',
	},
	{
		login: 'city',
		password: DEMO_PASSWORD,
		roleCode: 'regulator',
		role: '监管人员',
		who: `${DEMO_CITY}应急管理局（全市，含${PARK}）`,
		home: '/regions/:regionId',
	},
	{
		login: 'qinghe',
		password: DEMO_PASSWORD,
		roleCode: 'regulator',
		role: '监管人员',
		who: `${QINGHE}应急管理局（仅${QINGHE}）`,
		home: '/regions/:regionId',
	},
	{
		login: 'beishan',
		password: DEMO_PASSWORD,
		roleCode: 'regulator',
		role: '监管人员',
		who: `${BEISHAN}应急管理局（仅${BEISHAN}）`,
		home: '/regions/:regionId',
	},
	{
		login: 'ent1',
		password: DEMO_PASSWORD,
		roleCode: 'enterprise_admin',
		role: '企业管理员',
		who: `${ENT1}（${QINGHE}，危险化学品）`,
		home: '/enterprises/:enterpriseId',
	},
	{
		login: 'ent2',
		password: DEMO_PASSWORD,
		roleCode: 'enterprise_admin',
		role: '企业管理员',
		who: `${ENT2}（${BEISHAN}，机械）`,
		home: '/enterprises/:enterpriseId',
	},
	...DEMO_LEARNERS.map(
		(l): DemoAccount => ({
			login: l.phone,
			password: DEMO_PASSWORD,
			roleCode: 'learner',
			role: '学员',
			who: `${l.name}，${ENT1}${l.label}`,
			home: '/me',
		}),
	),
	{
		login: DEMO_CADRE.phone,
		password: DEMO_PASSWORD,
		roleCode: 'learner',
		role: '学员',
		who: `${DEMO_CADRE.name}，${DEMO_CADRE.unit}${DEMO_CADRE.post}（领导干部，「${DEMO_CLASS_TITLE}」学员）`,
		home: '/me',
	},
]

/** A `home` pattern as a regular expression over a pathname (`:param` matches an id). */
export function demoHomeRegExp(home: string) {
	const source = home
		.split('/')
		.map((part) => (part.startsWith(':') ? '\\d+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('/')
	return new RegExp(`^${source}$`)
}
