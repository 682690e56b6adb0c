// Demo data for an empty database: a fictional city (安澜市) with its districts, townships and
// development zone, 24 enterprises, about 600 employees with their employment history, and
// one account per role. All names, codes and numbers are invented.
//
// Everything is derived from a fixed PRNG seed plus "today", so two runs on the same day
// produce the same data. The whole seed is one transaction: a half-seeded demo never exists.

import path from 'node:path'
import { and, count, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import { hashPassword } from '#app/auth/password.server.ts'
import { type Role } from '#app/auth/scope.ts'
import { rebuildCoverage } from '#app/coverage/coverage.server.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { loadContent } from '#app/courses/content.server.ts'
import { syncContent } from '#app/courses/sync.server.ts'
import { finishAttempt, saveAnswer, startAttempt } from '#app/exams/attempts.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { makeCreditCode } from '#app/orgs/credit-code.ts'
import { protectIdNumber } from '#app/orgs/id-crypto.server.ts'
import { makeIdNumber, maskIdNumber } from '#app/orgs/id-number.ts'
import {
	industryFlags,
	SPECIAL_WORK_TYPES,
	type EnterpriseSize,
	type IndustryCode,
	type JobCategory,
	type SpecialWorkType,
} from '#app/orgs/industries.ts'
import { closeDb, db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { runMigrations } from '#db/migrate.ts'
import { addSession, createClass } from '#app/classes/classes.server.ts'
import { type SessionValues } from '#app/classes/classes.ts'
import { LEDGER_RULES } from '#app/learning/ledger.ts'
import {
	attemptQuestions,
	classAttendance,
	classMembers,
	courses,
	exams,
	employmentEvents,
	learningCredits,
	lessonProgress,
	lessons,
	employments,
	enterprises,
	people,
	questionVersions,
	regions,
	roleGrants,
	users,
} from '#db/schema/index.ts'

export { DEMO_ACCOUNTS, DEMO_CITY, DEMO_PASSWORD, demoHomeRegExp, type DemoAccount } from './demo-accounts.ts'
import { BEISHAN, DEMO_ACCOUNTS, DEMO_CADRE, DEMO_CLASS_TITLE, DEMO_EXAM_TITLE, DEMO_CITY, DEMO_LEARNERS, DEMO_PASSWORD, ENT1, ENT2, LINJIANG, PARK, QINGHE } from './demo-accounts.ts'

// ---------------------------------------------------------------------------
// Deterministic randomness and date helpers

const PRNG_SEED = 0x616e7875 // "anxu"
const SEED_LOCK = 727275

type Rng = () => number

/** mulberry32: tiny, fast, good enough for demo data. */
function mulberry32(seed: number): Rng {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

function randInt(rng: Rng, min: number, max: number) {
	return min + Math.floor(rng() * (max - min + 1))
}

function pick<T>(rng: Rng, list: readonly T[]): T {
	const item = list[Math.floor(rng() * list.length)]
	if (item === undefined) throw new Error('pick from an empty list')
	return item
}

const DAY_MS = 86_400_000

function toDate(iso: string) {
	const [y, m, d] = iso.split('-').map(Number)
	return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)
}

function fromDate(ms: number) {
	return new Date(ms).toISOString().slice(0, 10)
}

function addDays(iso: string, days: number) {
	return fromDate(toDate(iso) + days * DAY_MS)
}

/** Same month and day `years` later (29 Feb becomes 1 Mar). */
function addYears(iso: string, years: number) {
	const d = new Date(toDate(iso))
	d.setUTCFullYear(d.getUTCFullYear() + years)
	return fromDate(d.getTime())
}

function maxDate(a: string, b: string) {
	return a > b ? a : b
}

function minDate(a: string, b: string) {
	return a < b ? a : b
}

/** A day in [from, to] (inclusive); `from` when the range is empty. */
function randomDate(rng: Rng, from: string, to: string) {
	const span = Math.round((toDate(to) - toDate(from)) / DAY_MS)
	return span <= 0 ? from : addDays(from, randInt(rng, 0, span))
}

// ---------------------------------------------------------------------------
// The fictional geography

type CountySpec = {
	name: string
	/** Fictional 6-digit code (prefix 99 is no province) used inside credit codes and ID numbers. */
	digits: string
	townships: readonly string[]
}

const COUNTIES: readonly CountySpec[] = [
	{ name: QINGHE, digits: '990102', townships: ['青河街道', '东湖街道', '柳塘镇'] },
	{ name: BEISHAN, digits: '990103', townships: ['北山街道', '石门镇', '松岭镇'] },
	{ name: LINJIANG, digits: '990121', townships: ['临江镇', '白沙乡'] },
]
const PARK_DIGITS = '990171'

type EnterpriseSpec = {
	name: string
	industry: IndustryCode
	size: EnterpriseSize
	/** A township name, or PARK. */
	place: string
	street: string
	/** The current principal replaced an earlier one who left. */
	formerPrincipal?: boolean
}

const ENTERPRISE_SPECS: readonly EnterpriseSpec[] = [
	// 青河区
	{ name: ENT1, industry: 'hazardous_chemicals', size: 'medium', place: '柳塘镇', street: '化工路18号' },
	{ name: '安澜市东湖建设工程有限公司', industry: 'construction', size: 'large', place: '东湖街道', street: '湖滨大道266号' },
	{ name: '安澜市柳塘纺织有限公司', industry: 'textiles', size: 'medium', place: '柳塘镇', street: '纺织路9号' },
	{ name: '安澜市青河物流运输有限公司', industry: 'road_transport', size: 'medium', place: '青河街道', street: '货运路55号' },
	{ name: '安澜市东湖百货商场有限公司', industry: 'commerce_trade', size: 'small', place: '东湖街道', street: '东湖路1号' },
	{ name: '安澜市青河印务有限公司', industry: 'light_industry', size: 'small', place: '青河街道', street: '文昌路32号' },
	{ name: '安澜市青河钢管有限公司', industry: 'metallurgy', size: 'small', place: '柳塘镇', street: '工业大道108号' },
	// 北山区
	{ name: ENT2, industry: 'machinery', size: 'medium', place: '北山街道', street: '机电路27号' },
	{ name: '安澜市石门矿业有限公司', industry: 'non_coal_mine', size: 'medium', place: '石门镇', street: '矿区路3号' },
	{ name: '安澜市松岭煤业有限公司', industry: 'coal_mine', size: 'large', place: '松岭镇', street: '煤矿路1号' },
	{
		name: '安澜市北山特钢有限公司',
		industry: 'metal_smelting',
		size: 'large',
		place: '石门镇',
		street: '钢城路88号',
		formerPrincipal: true,
	},
	{ name: '安澜市石门水泥有限公司', industry: 'building_materials', size: 'medium', place: '石门镇', street: '建材路16号' },
	{ name: '安澜市北山汽车客运有限公司', industry: 'road_transport', size: 'medium', place: '北山街道', street: '站前路2号' },
	{ name: '安澜市松岭木业有限公司', industry: 'light_industry', size: 'small', place: '松岭镇', street: '林场路12号' },
	{ name: '安澜市北山物业服务有限公司', industry: 'other', size: 'micro', place: '北山街道', street: '和平路45号' },
	// 临江县
	{ name: '安澜市白沙烟花爆竹有限公司', industry: 'fireworks', size: 'small', place: '白沙乡', street: '红星村六组' },
	{ name: '安澜市临江石化储运有限公司', industry: 'hazardous_chemicals', size: 'medium', place: '临江镇', street: '沿江路199号' },
	{ name: '安澜市临江铝业有限公司', industry: 'nonferrous', size: 'medium', place: '临江镇', street: '铝材路21号' },
	{ name: '安澜市白沙建筑工程有限公司', industry: 'construction', size: 'small', place: '白沙乡', street: '白沙街38号' },
	{ name: '安澜市临江烟叶复烤有限公司', industry: 'tobacco', size: 'medium', place: '临江镇', street: '烟草路7号' },
	// 安澜经济开发区
	{ name: '安澜市恒远化工有限公司', industry: 'hazardous_chemicals', size: 'large', place: PARK, street: '纬三路66号' },
	{ name: '安澜市华峰精密机械有限公司', industry: 'machinery', size: 'medium', place: PARK, street: '经二路15号' },
	{ name: '安澜市锦程铸造有限公司', industry: 'metal_smelting', size: 'medium', place: PARK, street: '经五路9号' },
	{ name: '安澜市瑞丰冷链物流有限公司', industry: 'commerce_trade', size: 'small', place: PARK, street: '纬一路120号' },
]

const HEADCOUNT: Record<EnterpriseSize, readonly [number, number]> = {
	large: [38, 45],
	medium: [20, 30],
	small: [12, 20],
	micro: [10, 12],
}

type Staffing = {
	principalDept: string
	safetyDept: string
	operatorDepts: readonly string[]
	otherDepts: readonly string[]
	workTypes: readonly SpecialWorkType[]
	/** Share of special operators among the staff. */
	specialShare: number
}

const MANUFACTURING: Staffing = {
	principalDept: '行政部',
	safetyDept: '安环部',
	operatorDepts: ['设备部', '生产部'],
	otherDepts: ['生产部', '生产部', '设备部', '仓储部', '行政部'],
	workTypes: ['electrical', 'welding_cutting'],
	specialShare: 0.12,
}

function staffingFor(industry: IndustryCode): Staffing {
	switch (industry) {
		case 'hazardous_chemicals':
			return {
				...MANUFACTURING,
				workTypes: ['hazardous_chemicals_safety', 'hazardous_chemicals_safety', 'electrical', 'welding_cutting'],
				specialShare: 0.25,
			}
		case 'fireworks':
			return {
				...MANUFACTURING,
				workTypes: ['fireworks_safety', 'fireworks_safety', 'electrical'],
				specialShare: 0.25,
			}
		case 'coal_mine':
			return {
				principalDept: '矿长办公室',
				safetyDept: '安全科',
				operatorDepts: ['机电科', '综采队'],
				otherDepts: ['综采队', '掘进队', '运输队', '通风科', '后勤部'],
				workTypes: ['coal_mine_safety', 'coal_mine_safety', 'electrical'],
				specialShare: 0.3,
			}
		case 'non_coal_mine':
			return {
				principalDept: '矿长办公室',
				safetyDept: '安全科',
				operatorDepts: ['机电科', '采矿车间'],
				otherDepts: ['采矿车间', '选矿车间', '运输队', '后勤部'],
				workTypes: ['metal_nonmetal_mine_safety', 'metal_nonmetal_mine_safety', 'electrical'],
				specialShare: 0.25,
			}
		case 'metal_smelting':
		case 'metallurgy':
		case 'nonferrous':
			return {
				...MANUFACTURING,
				operatorDepts: ['熔炼车间', '设备部'],
				otherDepts: ['熔炼车间', '轧制车间', '设备部', '仓储部', '行政部'],
				workTypes: ['metallurgy_nonferrous_safety', 'electrical', 'welding_cutting'],
				specialShare: industry === 'metal_smelting' ? 0.25 : 0.15,
			}
		case 'construction':
			return {
				principalDept: '经理办公室',
				safetyDept: '安全部',
				operatorDepts: ['项目部', '工程部'],
				otherDepts: ['项目部', '项目部', '工程部', '物资部', '行政部'],
				workTypes: ['work_at_height', 'work_at_height', 'electrical', 'welding_cutting'],
				specialShare: 0.2,
			}
		case 'road_transport':
			return {
				principalDept: '经理办公室',
				safetyDept: '安全科',
				operatorDepts: ['维修车间'],
				otherDepts: ['运输部', '车队', '车队', '维修车间', '行政部'],
				workTypes: ['electrical', 'welding_cutting'],
				specialShare: 0.08,
			}
		case 'commerce_trade':
			return {
				principalDept: '总经理办公室',
				safetyDept: '安全保卫部',
				operatorDepts: ['工程部'],
				otherDepts: ['营运部', '营运部', '仓储部', '工程部', '行政部'],
				workTypes: ['refrigeration_ac', 'electrical'],
				specialShare: 0.1,
			}
		case 'light_industry':
		case 'textiles':
		case 'tobacco':
			return { ...MANUFACTURING, workTypes: ['electrical', 'refrigeration_ac', 'welding_cutting'] }
		case 'other':
			return {
				principalDept: '总经理办公室',
				safetyDept: '安全部',
				operatorDepts: ['工程部'],
				otherDepts: ['客服部', '工程部', '保洁部', '行政部'],
				workTypes: ['electrical', 'work_at_height'],
				specialShare: 0.15,
			}
		default:
			return MANUFACTURING
	}
}

function workTypeLabel(code: SpecialWorkType) {
	const found = SPECIAL_WORK_TYPES.find((t) => t.code === code)
	if (!found) throw new Error(`unknown work type ${code}`)
	return found.label
}

// ---------------------------------------------------------------------------
// Names, phones, ID numbers

const SURNAMES = [
	...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤',
]
const MALE_CHARS = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林建国志文海峰东亮成晨阳兵彬振庆德永春江卫红山松柏']
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞燕玲桂秀英红梅琳雪婷慧莉萍倩洁颖琴云兰凤佳欣悦晶月婉玉珍莹丹']
/** Fictional birth-registration area codes: mostly local, a few from elsewhere. */
const BIRTH_AREAS = ['990102', '990102', '990103', '990103', '990121', '990121', '990100', '990223', '990381', '990425']

type Gender = 'male' | 'female'

// ---------------------------------------------------------------------------
// The plan: everything decided in memory before touching the database

type PersonPlan = { name: string; phone: string; idNumber: string }

type EventPlan = {
	kind: 'hire' | 'job_change' | 'leave' | 'left'
	effectiveOn: string
	endsOn?: string
	fromJobCategory?: JobCategory
	toJobCategory?: JobCategory
	fromWorkType?: string | null
	toWorkType?: string | null
	note?: string
}

type EmploymentPlan = {
	enterprise: number
	person: number
	jobCategory: JobCategory
	workType: string | null
	department: string
	hiredOn: string
	/** 上岗日期 of this year's new workers: a week or two after the hire, after their induction. */
	postedOn: string | null
	leftOn: string | null
	events: EventPlan[]
	/** One of the fixed learner people (never given random history). */
	demoLearner: boolean
}

type EnterprisePlan = EnterpriseSpec & {
	creditCode: string
	highRisk: boolean
	address: string
	contactName: string
	contactPhone: string
}

type DemoPlan = {
	enterprises: EnterprisePlan[]
	people: PersonPlan[]
	employments: EmploymentPlan[]
}

/** GB 11714 organisation code: 8 characters + its check character. */
function organisationCode(body8: string) {
	const weights = [3, 7, 9, 10, 5, 8, 4, 2]
	let sum = 0
	for (let i = 0; i < 8; i++) sum += Number.parseInt(body8.charAt(i), 36) * (weights[i] ?? 0)
	const c = 11 - (sum % 11)
	return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c))
}

function countyOf(place: string) {
	return COUNTIES.find((c) => c.townships.includes(place))
}

/** Decide the whole demo for a given "today" (YYYY-MM-DD, Beijing). Pure and deterministic. */
export function planDemo(today: string): DemoPlan {
	const rng = mulberry32(PRNG_SEED)
	const yearStart = `${today.slice(0, 4)}-01-01`
	const tenYearsAgo = addYears(today, -10)

	const usedNames = new Set<string>(DEMO_LEARNERS.map((l) => l.name))
	const usedPhones = new Set<string>(DEMO_LEARNERS.map((l) => l.phone))
	const usedIds = new Set<string>()
	const usedOrgCodes = new Set<string>()

	const randomName = (gender: Gender) => {
		for (;;) {
			const chars = gender === 'male' ? MALE_CHARS : FEMALE_CHARS
			const given = rng() < 0.35 ? pick(rng, chars) : pick(rng, chars) + pick(rng, chars)
			const name = pick(rng, SURNAMES) + given
			if (!usedNames.has(name)) {
				usedNames.add(name)
				return name
			}
		}
	}
	const randomPhone = () => {
		for (;;) {
			const phone = `139${String(randInt(rng, 10_000_000, 99_999_999))}`
			if (!usedPhones.has(phone)) {
				usedPhones.add(phone)
				return phone
			}
		}
	}
	const randomBirthDate = (minAge: number, maxAge: number) =>
		randomDate(rng, addDays(addYears(today, -(maxAge + 1)), 1), addYears(today, -minAge))
	const idNumberFor = (birthDate: string, gender: Gender) => {
		for (;;) {
			const area = pick(rng, BIRTH_AREAS)
			const seq = String(randInt(rng, 0, 99)).padStart(2, '0') + String(randInt(rng, 0, 4) * 2 + (gender === 'male' ? 1 : 0))
			const id = makeIdNumber(area + birthDate.replaceAll('-', '') + seq)
			if (!usedIds.has(id)) {
				usedIds.add(id)
				return id
			}
		}
	}

	// Headcounts, nudged so the total lands near 600.
	const headcounts = ENTERPRISE_SPECS.map((e) => randInt(rng, ...HEADCOUNT[e.size]))
	let total = headcounts.reduce((a, b) => a + b, 0)
	while (total < 585) {
		const i = randInt(rng, 0, headcounts.length - 1)
		if ((headcounts[i] ?? 45) < 45) {
			headcounts[i] = (headcounts[i] ?? 0) + 1
			total++
		}
	}
	while (total > 615) {
		const i = randInt(rng, 0, headcounts.length - 1)
		if ((headcounts[i] ?? 10) > 10) {
			headcounts[i] = (headcounts[i] ?? 0) - 1
			total--
		}
	}

	const plan: DemoPlan = { enterprises: [], people: [], employments: [] }

	const addPerson = (p: PersonPlan) => {
		plan.people.push(p)
		return plan.people.length - 1
	}

	ENTERPRISE_SPECS.forEach((spec, ei) => {
		const isEnt1 = spec.name === ENT1
		const staffing = staffingFor(spec.industry)
		const n = headcounts[ei] ?? 10
		const managers = n < 15 ? 1 : n < 30 ? randInt(rng, 1, 2) : randInt(rng, 2, 3)
		const specials = Math.max(1, Math.round(n * staffing.specialShare))
		const categories: JobCategory[] = [
			'principal',
			...Array<JobCategory>(managers).fill('safety_manager'),
			...Array<JobCategory>(specials).fill('special_operator'),
			...Array<JobCategory>(n - 1 - managers - specials).fill('other'),
		]
		const firstOfCategory = new Set<JobCategory>()
		let contact: PersonPlan | undefined

		for (const category of categories) {
			const first = !firstOfCategory.has(category)
			firstOfCategory.add(category)
			const learner = isEnt1 && first ? DEMO_LEARNERS.find((l) => l.category === category) : undefined

			const gender: Gender =
				learner?.name === '陈小燕' ? 'female' : learner ? 'male' : rng() < (category === 'other' ? 0.42 : 0.22) ? 'female' : 'male'
			const [minAge, maxAge] =
				category === 'principal' ? [36, 58] : category === 'safety_manager' ? [28, 55] : [20, 58]
			const birthDate = randomBirthDate(minAge, maxAge)
			const person: PersonPlan = {
				name: learner?.name ?? randomName(gender),
				phone: learner?.phone ?? randomPhone(),
				idNumber: idNumberFor(birthDate, gender),
			}
			const personIndex = addPerson(person)
			if (category === 'safety_manager' && !contact) contact = person

			// Hired at 18 at the earliest, within the last ten years, ~15% this year.
			const earliest = maxDate(tenYearsAgo, addYears(birthDate, 18))
			let hiredOn: string
			if (learner?.category === 'other') {
				hiredOn = maxDate(yearStart, addDays(today, -45))
			} else if (category !== 'principal' && rng() < 0.125) {
				hiredOn = randomDate(rng, maxDate(yearStart, earliest), today)
			} else {
				hiredOn = randomDate(rng, earliest, addDays(yearStart, -1))
			}

			const workTypeCode =
				category === 'special_operator'
					? learner
						? 'hazardous_chemicals_safety'
						: pick(rng, staffing.workTypes)
					: null
			const workType = workTypeCode ? workTypeLabel(workTypeCode) : null
			const department =
				category === 'principal'
					? staffing.principalDept
					: category === 'safety_manager'
						? staffing.safetyDept
						: category === 'special_operator'
							? pick(rng, staffing.operatorDepts)
							: pick(rng, staffing.otherDepts)

			plan.employments.push({
				enterprise: ei,
				person: personIndex,
				jobCategory: category,
				workType,
				department,
				hiredOn,
				postedOn: hiredOn >= yearStart && (category === 'other' || category === 'special_operator') ? addDays(hiredOn, 7 + (personIndex % 8)) : null,
				leftOn: null,
				events: [{ kind: 'hire', effectiveOn: hiredOn, toJobCategory: category, toWorkType: workType }],
				demoLearner: Boolean(learner),
			})
		}

		if (spec.formerPrincipal) {
			// The current principal took over on the day the former one left.
			const current = plan.employments.find((e) => e.enterprise === ei && e.jobCategory === 'principal')
			if (current) {
				const handover = randomDate(rng, addYears(today, -3), addYears(today, -1))
				current.hiredOn = handover
				current.events = [{ kind: 'hire', effectiveOn: handover, toJobCategory: 'principal', toWorkType: null }]
				const formerBirth = randomBirthDate(45, 58)
				const formerIndex = addPerson({
					name: randomName('male'),
					phone: randomPhone(),
					idNumber: idNumberFor(formerBirth, 'male'),
				})
				const formerHired = randomDate(rng, tenYearsAgo, addYears(handover, -2))
				plan.employments.push({
					enterprise: ei,
					person: formerIndex,
					jobCategory: 'principal',
					workType: null,
					department: staffing.principalDept,
					hiredOn: formerHired,
					postedOn: null,
					leftOn: handover,
					events: [
						{ kind: 'hire', effectiveOn: formerHired, toJobCategory: 'principal', toWorkType: null },
						{ kind: 'left', effectiveOn: handover, fromJobCategory: 'principal', note: '退休' },
					],
					demoLearner: false,
				})
			}
		}

		const county = countyOf(spec.place)
		const digits = county?.digits ?? PARK_DIGITS
		let orgCode: string
		do {
			orgCode = organisationCode(String(randInt(rng, 10_000_000, 99_999_999)))
		} while (usedOrgCodes.has(orgCode))
		usedOrgCodes.add(orgCode)
		const address = county ? `${DEMO_CITY}${county.name}${spec.place}${spec.street}` : `${DEMO_CITY}${PARK}${spec.street}`
		const contactPerson = contact ?? plan.people[plan.people.length - 1]
		plan.enterprises.push({
			...spec,
			creditCode: makeCreditCode(`91${digits}${orgCode}`),
			highRisk: industryFlags(spec.industry).highRiskTraining,
			address,
			contactName: contactPerson?.name ?? '',
			contactPhone: contactPerson?.phone ?? '',
		})
	})

	// Some history: job changes, long leaves, departures. Each employment gets at most one.
	const touched = new Set<EmploymentPlan>()
	const ent1Index = ENTERPRISE_SPECS.findIndex((e) => e.name === ENT1)
	const candidates = (ok: (e: EmploymentPlan) => boolean, preferEnt1: boolean) => {
		const pool = plan.employments.filter((e) => !e.demoLearner && e.leftOn === null && !touched.has(e) && ok(e))
		const ent1Pool = pool.filter((e) => e.enterprise === ent1Index)
		const chosenPool = preferEnt1 && ent1Pool.length > 0 ? ent1Pool : pool
		const chosen = pick(rng, chosenPool)
		touched.add(chosen)
		return chosen
	}
	const managersAt = (ei: number) =>
		plan.employments.filter((e) => e.enterprise === ei && e.leftOn === null && e.jobCategory === 'safety_manager').length

	// ~10 job changes (转岗), about half of them this year.
	const changeKinds = [
		'to_special',
		'to_safety',
		'to_special',
		'work_type',
		'to_special',
		'to_other',
		'to_special',
		'to_safety',
		'to_special',
		'work_type',
	] as const
	changeKinds.forEach((kind, i) => {
		const from: JobCategory = kind === 'work_type' || kind === 'to_other' ? 'special_operator' : 'other'
		const e = candidates(
			(c) =>
				c.jobCategory === from &&
				c.hiredOn <= addDays(today, -120) &&
				(kind !== 'to_safety' || managersAt(c.enterprise) < 3) &&
				(kind !== 'work_type' || staffingFor(ENTERPRISE_SPECS[c.enterprise]?.industry ?? 'other').workTypes.length > 1),
			i === 0,
		)
		const staffing = staffingFor(ENTERPRISE_SPECS[e.enterprise]?.industry ?? 'other')
		const fromWorkType = e.workType
		let toCategory: JobCategory = from
		let toWorkType: string | null = null
		if (kind === 'to_special') {
			toCategory = 'special_operator'
			toWorkType = workTypeLabel(pick(rng, staffing.workTypes))
		} else if (kind === 'to_safety') {
			toCategory = 'safety_manager'
		} else if (kind === 'to_other') {
			toCategory = 'other'
		} else {
			const others = staffing.workTypes.map(workTypeLabel).filter((w) => w !== fromWorkType)
			toWorkType = pick(rng, others.length > 0 ? others : [workTypeLabel('electrical')])
		}
		const effectiveOn =
			i % 2 === 0
				? randomDate(rng, maxDate(yearStart, addDays(e.hiredOn, 60)), today)
				: randomDate(rng, addDays(e.hiredOn, 60), addDays(today, -1))
		e.jobCategory = toCategory
		e.workType = toWorkType
		e.department =
			toCategory === 'safety_manager'
				? staffing.safetyDept
				: toCategory === 'special_operator'
					? pick(rng, staffing.operatorDepts)
					: pick(rng, staffing.otherDepts)
		e.events.push({
			kind: 'job_change',
			effectiveOn,
			fromJobCategory: from,
			toJobCategory: toCategory,
			fromWorkType,
			toWorkType,
			note: kind === 'work_type' ? '调整工种' : '调整工作岗位',
		})
	})

	// 5 leaves of a year or more (离岗一年以上), all ended.
	for (let i = 0; i < 5; i++) {
		const e = candidates((c) => c.jobCategory !== 'principal' && c.hiredOn <= addYears(today, -3), i === 0)
		const effectiveOn = randomDate(rng, addDays(e.hiredOn, 90), addDays(addYears(today, -1), -200))
		const endsOn = minDate(addDays(addYears(effectiveOn, 1), randInt(rng, 0, 170)), today)
		e.events.push({ kind: 'leave', effectiveOn, endsOn, note: pick(rng, ['病休', '产假及育儿假', '长期事假']) })
	}

	// 9 departures (plus the former principal above).
	for (let i = 0; i < 9; i++) {
		const e = candidates(
			(c) => (c.jobCategory === 'other' || c.jobCategory === 'special_operator') && c.hiredOn <= addDays(today, -120),
			i === 0,
		)
		const leftOn = randomDate(rng, addDays(e.hiredOn, 60), today)
		e.leftOn = leftOn
		e.events.push({ kind: 'left', effectiveOn: leftOn, fromJobCategory: e.jobCategory, note: pick(rng, ['辞职', '合同到期', '调离']) })
	}

	return plan
}

// ---------------------------------------------------------------------------
// Writing the plan

/**
 * Seed the demo when the database has no regions yet. Returns whether it seeded.
 * Hashing and encryption happen first; the inserts are one transaction.
 */
export async function seedDemoIfEmpty(): Promise<boolean> {
	if (await hasRegions()) return false

	const plan = planDemo(todayInShanghai())
	const passwordHash = await hashPassword(DEMO_PASSWORD)
	const protectedIds: Awaited<ReturnType<typeof protectIdNumber>>[] = []
	for (const p of plan.people) protectedIds.push(await protectIdNumber(p.idNumber, maskIdNumber))

	const seeded = await db.transaction(async (tx) => {
		// Two app instances starting on one empty database: the second waits, then sees data.
		await tx.execute(sql.raw(`select pg_advisory_xact_lock(${SEED_LOCK})`))
		const [existing] = await tx.select({ n: count() }).from(regions)
		if ((existing?.n ?? 0) > 0) return false

		// Regions: insert a level, then derive the paths from the ids it got.
		const [city] = await tx
			.insert(regions)
			.values({ name: DEMO_CITY, level: 'city', path: '', depth: 1 })
			.returning({ id: regions.id })
		if (!city) throw new Error('city insert returned nothing')
		const cityPath = `/${city.id}/`
		await tx.update(regions).set({ path: cityPath }).where(eq(regions.id, city.id))

		const second = await tx
			.insert(regions)
			.values([
				...COUNTIES.map((c) => ({ parentId: city.id, name: c.name, level: 'county', path: '', depth: 2 })),
				{ parentId: city.id, name: PARK, level: 'park', path: '', depth: 2 },
			])
			.returning({ id: regions.id, name: regions.name })
		await tx
			.update(regions)
			.set({ path: sql`${cityPath}::text || ${regions.id}::text || '/'` })
			.where(eq(regions.parentId, city.id))
		const regionByName = new Map<string, { id: number; path: string }>()
		for (const r of second) regionByName.set(r.name, { id: r.id, path: `${cityPath}${r.id}/` })
		regionByName.set(DEMO_CITY, { id: city.id, path: cityPath })

		const county = (name: string) => {
			const r = regionByName.get(name)
			if (!r) throw new Error(`region ${name} missing`)
			return r
		}
		const townships = await tx
			.insert(regions)
			.values(
				COUNTIES.flatMap((c) =>
					c.townships.map((t) => ({ parentId: county(c.name).id, name: t, level: 'township', path: '', depth: 3 })),
				),
			)
			.returning({ id: regions.id, name: regions.name, parentId: regions.parentId })
		for (const c of COUNTIES) {
			const parent = county(c.name)
			await tx
				.update(regions)
				.set({ path: sql`${parent.path}::text || ${regions.id}::text || '/'` })
				.where(eq(regions.parentId, parent.id))
		}
		for (const t of townships) {
			const parent = [...regionByName.values()].find((r) => r.id === t.parentId)
			if (!parent) throw new Error(`parent of ${t.name} missing`)
			regionByName.set(t.name, { id: t.id, path: `${parent.path}${t.id}/` })
		}

		// Enterprises.
		const enterpriseRows = await tx
			.insert(enterprises)
			.values(
				plan.enterprises.map((e) => {
					const region = county(e.place)
					return {
						name: e.name,
						creditCode: e.creditCode,
						regionId: region.id,
						regionPath: region.path,
						parkId: e.place === PARK ? region.id : null,
						industry: e.industry,
						size: e.size,
						highRisk: e.highRisk,
						address: e.address,
						contactName: e.contactName,
						contactPhone: e.contactPhone,
					}
				}),
			)
			.returning({ id: enterprises.id, creditCode: enterprises.creditCode })
		const enterpriseIdByCode = new Map(enterpriseRows.map((r) => [r.creditCode, r.id]))
		const enterpriseId = (index: number) => {
			const id = enterpriseIdByCode.get(plan.enterprises[index]?.creditCode ?? '')
			if (id === undefined) throw new Error(`enterprise #${index} missing`)
			return id
		}

		// People.
		const personRows = await tx
			.insert(people)
			.values(plan.people.map((p, i) => ({ name: p.name, phone: p.phone, ...protectedIds[i] })))
			.returning({ id: people.id, phone: people.phone })
		const personIdByPhone = new Map(personRows.map((r) => [r.phone, r.id]))
		const personId = (index: number) => {
			const id = personIdByPhone.get(plan.people[index]?.phone ?? '')
			if (id === undefined) throw new Error(`person #${index} missing`)
			return id
		}

		// Employments (one per person) and their history.
		const employmentRows = await tx
			.insert(employments)
			.values(
				plan.employments.map((e) => ({
					enterpriseId: enterpriseId(e.enterprise),
					personId: personId(e.person),
					jobCategory: e.jobCategory,
					workType: e.workType,
					department: e.department,
					hiredOn: e.hiredOn,
					postedOn: e.postedOn,
					leftOn: e.leftOn,
				})),
			)
			.returning({ id: employments.id, personId: employments.personId })
		const employmentIdByPerson = new Map(employmentRows.map((r) => [r.personId, r.id]))
		const eventRows = plan.employments.flatMap((e) => {
			const employmentId = employmentIdByPerson.get(personId(e.person))
			if (employmentId === undefined) throw new Error('employment missing')
			return e.events.map((ev) => ({
				enterpriseId: enterpriseId(e.enterprise),
				employmentId,
				kind: ev.kind,
				effectiveOn: ev.effectiveOn,
				endsOn: ev.endsOn ?? null,
				fromJobCategory: ev.fromJobCategory ?? null,
				toJobCategory: ev.toJobCategory ?? null,
				fromWorkType: ev.fromWorkType ?? null,
				toWorkType: ev.toWorkType ?? null,
				note: ev.note ?? null,
			}))
		})
		await tx.insert(employmentEvents).values(eventRows)

		// Accounts.
		const ent1 = enterpriseIdByCode.get(plan.enterprises.find((e) => e.name === ENT1)?.creditCode ?? '')
		const ent2 = enterpriseIdByCode.get(plan.enterprises.find((e) => e.name === ENT2)?.creditCode ?? '')
		if (ent1 === undefined || ent2 === undefined) throw new Error('demo enterprises missing')
		type GrantSpec = { role: Role; regionId?: number; enterpriseId?: number }
		const staff: { username: string; displayName: string; grant: GrantSpec }[] = [
			{ username: 'admin', displayName: '平台管理员', grant: { role: 'platform_admin' } },
			{ username: 'city', displayName: `${DEMO_CITY}应急管理局`, grant: { role: 'regulator', regionId: city.id } },
			{ username: 'qinghe', displayName: `${QINGHE}应急管理局`, grant: { role: 'regulator', regionId: county(QINGHE).id } },
			{ username: 'beishan', displayName: `${BEISHAN}应急管理局`, grant: { role: 'regulator', regionId: county(BEISHAN).id } },
			{ username: 'ent1', displayName: `${ENT1}管理员`, grant: { role: 'enterprise_admin', enterpriseId: ent1 } },
			{ username: 'ent2', displayName: `${ENT2}管理员`, grant: { role: 'enterprise_admin', enterpriseId: ent2 } },
		]
		const learners = DEMO_LEARNERS.map((l) => {
			const id = personIdByPhone.get(l.phone)
			if (id === undefined) throw new Error(`learner ${l.name} missing`)
			return { phone: l.phone, displayName: l.name, personId: id }
		})
		const userRows = await tx
			.insert(users)
			.values([
				...staff.map((s) => ({ username: s.username, displayName: s.displayName, passwordHash })),
				...learners.map((l) => ({ phone: l.phone, displayName: l.displayName, personId: l.personId, passwordHash })),
			])
			.returning({ id: users.id, username: users.username, phone: users.phone })
		const userId = (key: string) => {
			const row = userRows.find((u) => u.username === key || u.phone === key)
			if (!row) throw new Error(`user ${key} missing`)
			return row.id
		}
		await tx.insert(roleGrants).values([
			...staff.map((s) => ({
				userId: userId(s.username),
				role: s.grant.role,
				regionId: s.grant.regionId ?? null,
				enterpriseId: s.grant.enterpriseId ?? null,
			})),
			...learners.map((l) => ({ userId: userId(l.phone), role: 'learner' })),
		])
		return true
	})
	if (seeded) {
		await seedDemoExams()
		await seedDemoClass(passwordHash)
		const studied = await seedLearningHistory()
		await seedExamResults(studied)
		const year = Number(todayInShanghai().slice(0, 4))
		// On 1 January the study lies in last year: its coverage counts it.
		if (studied !== year) await rebuildCoverage(studied)
		await rebuildCoverage(year)
	}
	return seeded
}

/**
 * The year's study up to yesterday for the demo's employees (not the fixed learners, who start clean):
 * a few days each of 20–60 minutes on a platform lesson (not an accident case), in office hours, with the lessons
 * whose time is reached marked complete — so coverage, the archives and a correction have
 * history to show, on 1 January too (the study is then last year's, which can still be
 * corrected). Written straight to the ledger, as an import of past records would be.
 * Returns the year the study lies in.
 */
async function seedLearningHistory() {
	const yesterday = addDays(todayInShanghai(), -1)
	const year = Number(yesterday.slice(0, 4))
	const start = `${year}-01-01`
	const fixed = new Set<string>(DEMO_LEARNERS.map((l) => l.phone))
	const staff = (
		await db
			.select({ personId: employments.personId, enterpriseId: employments.enterpriseId, hiredOn: employments.hiredOn, phone: people.phone })
			.from(employments)
			.innerJoin(people, eq(people.id, employments.personId))
			.where(isNull(employments.leftOn))
			.orderBy(employments.personId)
	).filter((s) => !s.phone || !fixed.has(s.phone))
	const listLessons = () =>
		db
			.select({ id: lessons.id, versionId: lessons.versionId, minutes: lessons.minutes })
			.from(lessons)
			// Not the accident cases: those reach enterprises through warning pushes, whose reply
			// rates the demo starts from zero.
			.where(and(isNull(lessons.enterpriseId), isNotNull(lessons.versionId), ne(lessons.kind, 'case')))
			.orderBy(lessons.id)
	let platformLessons = await listLessons()
	// The seed may run on its own (`npm run db:reset`): record the lessons of content/ first.
	if (platformLessons.length === 0) {
		await syncContent(await loadContent())
		platformLessons = await listLessons()
	}
	if (platformLessons.length === 0) return year
	const rng = mulberry32(PRNG_SEED ^ 0x6c6e)
	const credits: (typeof learningCredits.$inferInsert)[] = []
	const done = new Map<string, { personId: number; enterpriseId: number; lessonId: number; versionId: number; seconds: number; minutes: number; lastDay: string }>()
	for (const s of staff) {
		const from = maxDate(s.hiredOn, start)
		if (from > yesterday) continue
		for (let n = randInt(rng, 0, 8); n > 0; n--) {
			const day = randomDate(rng, from, yesterday)
			const lesson = pick(rng, platformLessons)
			const seconds = randInt(rng, 20, 60) * 60
			credits.push({ personId: s.personId, enterpriseId: s.enterpriseId, lessonId: lesson.id, lessonVersionId: lesson.versionId!, day, seconds, creditedAt: new Date(`${day}T${String(randInt(rng, 9, 16)).padStart(2, '0')}:30:00+08:00`) })
			const key = `${s.personId}:${lesson.id}`
			const sofar = done.get(key) ?? { personId: s.personId, enterpriseId: s.enterpriseId, lessonId: lesson.id, versionId: lesson.versionId!, seconds: 0, minutes: lesson.minutes, lastDay: day }
			done.set(key, { ...sofar, seconds: sofar.seconds + seconds, lastDay: maxDate(sofar.lastDay, day) })
		}
	}
	for (let i = 0; i < credits.length; i += 1000) await db.insert(learningCredits).values(credits.slice(i, i + 1000))
	const completed = [...done.values()]
		.filter((d) => d.seconds >= d.minutes * 60)
		.map((d) => ({ personId: d.personId, lessonId: d.lessonId, enterpriseId: d.enterpriseId, completedAt: new Date(`${d.lastDay}T17:00:00+08:00`), completedVersionId: d.versionId, updatedAt: new Date(`${d.lastDay}T17:00:00+08:00`) }))
	for (let i = 0; i < completed.length; i += 1000) await db.insert(lessonProgress).values(completed.slice(i, i + 1000))
	return year
}

/**
 * A few of ENT1's employees (not the fixed learners) already passed this year's annual exam on
 * an earlier day, sat through the engine as anyone would: the demo then has results, their
 * certificates, and a pass an admin can declare void (成绩作废).
 */
async function seedExamResults(year: number) {
	const [exam] = await db.select({ id: exams.id }).from(exams).where(eq(exams.title, DEMO_EXAM_TITLE))
	const [ent1] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.name, ENT1))
	if (!exam || !ent1) return
	const fixed = new Set<string>(DEMO_LEARNERS.map((l) => l.phone))
	const yesterday = addDays(todayInShanghai(), -1)
	const takers = (
		await db
			.select({ personId: employments.personId, hiredOn: employments.hiredOn, phone: people.phone })
			.from(employments)
			.innerJoin(people, eq(people.id, employments.personId))
			.where(and(eq(employments.enterpriseId, ent1.id), isNull(employments.leftOn)))
			.orderBy(employments.personId)
	)
		.filter((t) => (!t.phone || !fixed.has(t.phone)) && t.hiredOn < `${year}-01-01`)
		.slice(0, 3)
	const rng = mulberry32(PRNG_SEED ^ 0x6578)
	for (const t of takers) {
		const day = randomDate(rng, `${year}-01-01`, yesterday < `${year}-12-31` ? yesterday : `${year}-12-31`)
		const at = new Date(`${day}T10:00:00+08:00`)
		const started = await startAttempt({ personId: t.personId }, exam.id, { ip: null, userAgent: null }, at)
		if (!started.ok) continue
		const paper = await db
			.select({ position: attemptQuestions.position, order: attemptQuestions.optionOrder, content: questionVersions.content })
			.from(attemptQuestions)
			.innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
			.where(eq(attemptQuestions.attemptId, started.attemptId))
		// Right on all but a few, as a prepared employee would be.
		for (const q of paper) {
			const right = (q.content.answer as number[]).map((a) => q.order.indexOf(a))
			const chosen = q.position % 13 === 5 ? [(right[0]! + 1) % q.order.length] : right
			await saveAnswer({ personId: t.personId }, { attemptId: started.attemptId, position: q.position, chosen, seq: q.position + 1 }, new Date(at.getTime() + (q.position + 1) * 30_000))
		}
		await finishAttempt(started.attemptId, 'learner', new Date(at.getTime() + 40 * 60_000))
	}
}

/** The annual refresher exam every demo employee can sit (drawn from the question banks). */
async function seedDemoExams() {
	// The seed may run on its own (`npm run db:seed`): make sure the banks are in the database.
	await prepareBanks()
	const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'))
	if (!admin) throw new Error('demo admin missing')
	const created = await createExam(
		{ userId: admin.id },
		{
			title: DEMO_EXAM_TITLE,
			paper: {
				kind: 'draw',
				banks: ['employee-safety', 'work-safety-law'],
				rules: [
					{ type: 'single', count: 30, points: 2 },
					{ type: 'multiple', count: 5, points: 4 },
					{ type: 'judge', count: 20, points: 1 },
				],
			},
			timeLimitMinutes: 60,
			passMark: 80,
			attemptsAllowed: 3,
			review: 'after_submit',
			scoring: 'all-or-nothing',
			certificateMonths: 12,
		},
	)
	if (!created.ok) throw new Error(`demo exam: ${created.problems.join('；')}`)
	const published = await publishExam({ userId: admin.id }, created.examId)
	if (!published.ok) throw new Error(`demo exam cannot be published: ${published.problems.join('；')}`)
}

/** Cadres of the demo class besides the demo cadre (fictional names and units). */
const DEMO_CLASS_CADRES = [
	['孙立平', `${QINGHE}应急管理局`, '局长'],
	['钱卫东', `${BEISHAN}人民政府`, '副区长'],
	['吴海英', `${LINJIANG}人民政府`, '副县长'],
	['郑国强', `${PARK}管委会`, '副主任'],
	['冯晓梅', `${DEMO_CITY}住房和城乡建设局`, '副局长'],
	['陈立新', `${DEMO_CITY}交通运输局`, '副局长'],
	['褚文华', `${QINGHE}清水镇人民政府`, '镇长'],
	['卫红军', `${BEISHAN}北岭街道办事处`, '主任'],
	['蒋志勇', `${DEMO_CITY}工业和信息化局`, '副局长'],
	['沈玉兰', `${LINJIANG}应急管理局`, '局长'],
	['韩建华', `${DEMO_CITY}市场监督管理局`, '副局长'],
] as const

/**
 * The demo 专题培训班, run by the city over three days around the seed date: yesterday's
 * sessions attended (one cadre on approved leave), a session open for check-in now, and the
 * assessment open all of today, so every part of a class can be tried at once.
 */
async function seedDemoClass(passwordHash: string) {
	const [organiser] = await db.select({ id: users.id, regionId: roleGrants.regionId, path: regions.path }).from(users).innerJoin(roleGrants, eq(roleGrants.userId, users.id)).innerJoin(regions, eq(regions.id, roleGrants.regionId)).where(eq(users.username, 'city'))
	if (!organiser) throw new Error('demo city regulator missing')
	const actor = { userId: organiser.id }
	const scope = { regionId: organiser.regionId!, regionPath: organiser.path }
	const today = todayInShanghai()
	const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`)
	const yesterday = addDays(today, -1)
	const classId = await createClass(actor, scope, { title: DEMO_CLASS_TITLE, organiser: `${DEMO_CITY}安全生产委员会办公室`, startsOn: yesterday, endsOn: addDays(today, 1), venue: `${DEMO_CITY}委党校报告厅`, requiredHours: null }, LEDGER_RULES.minutesPerCreditHour)
	const perHour = LEDGER_RULES.minutesPerCreditHour
	const [caseLesson] = await db.select({ id: lessons.id }).from(lessons).innerJoin(courses, eq(courses.id, lessons.courseId)).where(and(eq(lessons.kind, 'case'), isNull(lessons.enterpriseId))).orderBy(courses.position, lessons.position).limit(1)
	// A session open for check-in from the top of the current hour, for two hours (within today).
	const nowHour = at(today, `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(11, 13)}:00`)
	const endOfToday = at(today, '23:59')
	const base = { speaker: null, lessonId: null, paper: null }
	const plan: (SessionValues & { minutes: number })[] = [
		{ ...base, kind: 'lecture', delivery: 'onsite', title: '《安全生产法》与党政领导干部安全生产责任制', speaker: '市委党校 李教授', startsAt: at(yesterday, '09:00'), endsAt: at(yesterday, '11:30'), minutes: 3 * perHour },
		caseLesson
			? { ...base, kind: 'case_study', delivery: 'online', title: '典型事故案例剖析（线上学习）', startsAt: at(yesterday, '14:00'), endsAt: at(yesterday, '16:00'), minutes: 2 * perHour, lessonId: caseLesson.id }
			: { ...base, kind: 'case_study', delivery: 'onsite', title: '典型事故案例剖析', startsAt: at(yesterday, '14:00'), endsAt: at(yesterday, '16:00'), minutes: 2 * perHour },
		{ ...base, kind: 'film', delivery: 'onsite', title: '观看警示教育片', startsAt: at(yesterday, '16:15'), endsAt: at(yesterday, '17:30'), minutes: 1.5 * perHour },
		{ ...base, kind: 'expert_talk', delivery: 'onsite', title: '重大事故隐患判定与治理（专家辅导）', speaker: '省安全生产专家 王高工', startsAt: nowHour, endsAt: new Date(Math.min(nowHour.getTime() + 2 * 3600_000, endOfToday.getTime())), minutes: 2 * perHour },
		{ ...base, kind: 'assessment', delivery: 'onsite', title: '结业考核', startsAt: at(today, '00:00'), endsAt: endOfToday, minutes: 1 * perHour, paper: { banks: ['cadre-safety'], single: 15, judge: 10, multiple: 0, passMark: 80, timeLimitMinutes: 30, attempts: 2 } },
	]
	const sessionIds: number[] = []
	for (const s of plan) {
		const added = await addSession(actor, { regionPath: scope.regionPath }, classId, { ...s, minutes: Math.round(s.minutes) })
		if (!added.ok) throw new Error(`demo class session: ${Object.values(added.errors).join('；')}`)
		sessionIds.push(added.id)
	}
	const roster = [[DEMO_CADRE.name, DEMO_CADRE.unit, DEMO_CADRE.post, DEMO_CADRE.phone], ...DEMO_CLASS_CADRES.map(([name, unit, post], i) => [name, unit, post, `139000001${String(i + 2).padStart(2, '0')}`])] as const
	await db.transaction(async (tx) => {
		const added = await tx.insert(people).values(roster.map(([name, , , phone]) => ({ name, phone }))).returning({ id: people.id, phone: people.phone })
		const accounts = await tx.insert(users).values(added.map((p, i) => ({ phone: p.phone, displayName: roster[i]![0], personId: p.id, passwordHash }))).returning({ id: users.id, personId: users.personId })
		await tx.insert(roleGrants).values(accounts.map((u) => ({ userId: u.id, role: 'learner' })))
		await tx.insert(classMembers).values(added.map((p, i) => ({ classId, personId: p.id, unit: roster[i]![1], post: roster[i]![2], addedBy: actor.userId })))
		// Yesterday's onsite sessions: everyone checked in a few minutes early, except one on approved leave.
		const onsite = [0, 2].map((i) => ({ id: sessionIds[i]!, startsAt: plan[i]!.startsAt }))
		const rows = onsite.flatMap((s) =>
			added.map((p, i) =>
				i === roster.length - 1
					? { classId, sessionId: s.id, personId: p.id, status: 'excused', method: 'organiser', reason: '参加市政府常务会议，经主办方批准请假', recordedBy: actor.userId, at: s.startsAt }
					: { classId, sessionId: s.id, personId: p.id, status: 'present', method: i % 3 === 0 ? 'qr' : 'code', recordedBy: accounts[i]!.id, at: new Date(s.startsAt.getTime() - (5 + i) * 60_000) },
			),
		)
		await tx.insert(classAttendance).values(rows)
	})
}

async function hasRegions() {
	const rows = await db.select({ id: regions.id }).from(regions).limit(1)
	return rows.length > 0
}

/** Row counts of the demo tables, for the scripts' summaries. */
export async function demoRowCounts() {
	const n = async (table: typeof regions | typeof enterprises | typeof people | typeof employments | typeof employmentEvents | typeof users) => {
		const [row] = await db.select({ n: count() }).from(table)
		return row?.n ?? 0
	}
	return {
		regions: await n(regions),
		enterprises: await n(enterprises),
		people: await n(people),
		employments: await n(employments),
		employmentEvents: await n(employmentEvents),
		users: await n(users),
	}
}

/** Chinese lines describing the seeded demo and its accounts. */
export async function describeDemo() {
	const c = await demoRowCounts()
	const lines = [
		`区域 ${c.regions} 个，企业 ${c.enterprises} 家，人员 ${c.people} 人，任职 ${c.employments} 条，任职变动 ${c.employmentEvents} 条，账号 ${c.users} 个`,
		`演示账号（密码均为 ${DEMO_PASSWORD}）：`,
		...DEMO_ACCOUNTS.map((a) => `  ${a.login.padEnd(12)} ${a.role}  ${a.who}`),
	]
	return lines.join('\n')
}

const invokedDirectly =
	process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename
if (invokedDirectly) {
	let started = 0
	runMigrations()
		.then(() => {
			started = performance.now()
			return seedDemoIfEmpty()
		})
		.then(async (seeded) => {
			if (seeded) {
				console.log(`已写入演示数据（用时 ${Math.round(performance.now() - started)} 毫秒）`)
				console.log(await describeDemo())
			} else {
				console.log('数据库中已有区域数据，未写入演示数据（如需重建请运行 npm run db:reset）')
			}
		})
		.catch((error: unknown) => {
			console.error(error)
			process.exitCode = 1
		})
		.finally(() => closeDb())
}
