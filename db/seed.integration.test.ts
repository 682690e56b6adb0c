import { and, count, eq, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { verifyPassword } from '#app/auth/password.server.ts'
import { checkCreditCode } from '#app/orgs/credit-code.ts'
import { decryptIdNumber } from '#app/orgs/id-crypto.server.ts'
import { checkIdNumber } from '#app/orgs/id-number.ts'
import { industryFlags, isIndustryCode, SPECIAL_WORK_TYPES } from '#app/orgs/industries.ts'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import {
	attempts,
	certificates,
	coveragePersonYear,
	employmentEvents,
	learningCredits,
	employments,
	enterprises,
	people,
	regions,
	roleGrants,
	users,
	classMembers,
	trainingClasses,
} from '#db/schema/index.ts'
import { DEMO_CADRE, DEMO_CLASS_TITLE } from '#db/demo-accounts.ts'
import { DEMO_ACCOUNTS, demoHomeRegExp, demoRowCounts, seedDemoIfEmpty } from '#db/seed.ts'

test('seeding an empty database creates the whole demo', async () => {
	const started = performance.now()
	expect(await seedDemoIfEmpty()).toBe(true)
	const elapsed = performance.now() - started
	expect(elapsed).toBeLessThan(30_000)

	// Regions.
	const regionRows = await db.select().from(regions)
	const byLevel = (level: string) => regionRows.filter((r) => r.level === level)
	expect(byLevel('city')).toHaveLength(1)
	expect(byLevel('county')).toHaveLength(3)
	expect(byLevel('park')).toHaveLength(1)
	expect(byLevel('township')).toHaveLength(8)
	const city = byLevel('city')[0]!
	expect(city.path).toBe(`/${city.id}/`)
	expect(city.depth).toBe(1)
	const regionById = new Map(regionRows.map((r) => [r.id, r]))
	for (const r of regionRows) {
		expect(r.code).toBeNull()
		if (r.parentId === null) continue
		const parent = regionById.get(r.parentId)!
		expect(r.path).toBe(`${parent.path}${r.id}/`)
		expect(r.depth).toBe(parent.depth + 1)
	}
	expect(byLevel('park')[0]!.parentId).toBe(city.id)
	const townshipsPerCounty = byLevel('county')
		.map((c) => byLevel('township').filter((t) => t.parentId === c.id).length)
		.sort()
	expect(townshipsPerCounty).toEqual([2, 3, 3])

	// Enterprises.
	const enterpriseRows = await db.select().from(enterprises)
	expect(enterpriseRows).toHaveLength(24)
	expect(enterpriseRows.filter((e) => e.highRisk).length).toBeGreaterThanOrEqual(6)
	expect(new Set(enterpriseRows.map((e) => e.creditCode)).size).toBe(24)
	let inPark = 0
	for (const e of enterpriseRows) {
		const region = regionById.get(e.regionId)!
		expect(e.regionPath).toBe(region.path)
		expect(checkCreditCode(e.creditCode)).toEqual({ ok: true, code: e.creditCode })
		expect(isIndustryCode(e.industry)).toBe(true)
		if (isIndustryCode(e.industry)) expect(e.highRisk).toBe(industryFlags(e.industry).highRiskTraining)
		if (region.level === 'park') {
			inPark++
			expect(e.parkId).toBe(e.regionId)
		} else {
			expect(region.level).toBe('township')
			expect(e.parkId).toBeNull()
		}
	}
	expect(inPark).toBeGreaterThanOrEqual(3)

	// People and employments.
	const [peopleCount] = await db.select({ n: count() }).from(people)
	expect(peopleCount!.n).toBeGreaterThanOrEqual(550)
	expect(peopleCount!.n).toBeLessThanOrEqual(650)
	const [someone] = await db.select().from(people).limit(1)
	const idNumber = await decryptIdNumber(someone!.idNumberEnc!)
	expect(checkIdNumber(idNumber).ok).toBe(true)
	expect(someone!.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/)

	const principals = await db
		.select({ enterpriseId: employments.enterpriseId, n: count() })
		.from(employments)
		.where(and(eq(employments.jobCategory, 'principal'), isNull(employments.leftOn)))
		.groupBy(employments.enterpriseId)
	expect(principals).toHaveLength(24)
	for (const p of principals) expect(p.n).toBe(1)

	const managers = await db
		.select({ enterpriseId: employments.enterpriseId, n: count() })
		.from(employments)
		.where(and(eq(employments.jobCategory, 'safety_manager'), isNull(employments.leftOn)))
		.groupBy(employments.enterpriseId)
	expect(managers).toHaveLength(24)
	for (const m of managers) expect(m.n).toBeGreaterThanOrEqual(1)
	for (const m of managers) expect(m.n).toBeLessThanOrEqual(3)

	const labels = new Set<string>(SPECIAL_WORK_TYPES.map((t) => t.label))
	const specials = await db
		.select({ workType: employments.workType })
		.from(employments)
		.where(eq(employments.jobCategory, 'special_operator'))
	expect(specials.length).toBeGreaterThan(24)
	for (const s of specials) expect(labels.has(s.workType ?? '')).toBe(true)

	// History.
	const events = await db
		.select({ kind: employmentEvents.kind, n: count() })
		.from(employmentEvents)
		.groupBy(employmentEvents.kind)
	const eventCount = (kind: string) => events.find((e) => e.kind === kind)?.n ?? 0
	const [employmentCount] = await db.select({ n: count() }).from(employments)
	expect(eventCount('hire')).toBe(employmentCount!.n)
	expect(eventCount('job_change')).toBeGreaterThanOrEqual(8)
	expect(eventCount('leave')).toBeGreaterThanOrEqual(3)
	const [leavers] = await db
		.select({ n: count() })
		.from(employments)
		.where(sql`${employments.leftOn} is not null`)
	expect(leavers!.n).toBeGreaterThanOrEqual(8)
	expect(eventCount('left')).toBe(leavers!.n)
	const leaves = await db
		.select({ effectiveOn: employmentEvents.effectiveOn, endsOn: employmentEvents.endsOn })
		.from(employmentEvents)
		.where(eq(employmentEvents.kind, 'leave'))
	for (const l of leaves) {
		const oneYearLater = `${Number(l.effectiveOn.slice(0, 4)) + 1}${l.effectiveOn.slice(4)}`
		expect(l.endsOn! >= oneYearLater).toBe(true)
	}
	const thisYear = `${todayInShanghai().slice(0, 4)}-01-01`
	const [newHires] = await db
		.select({ n: count() })
		.from(employments)
		.where(sql`${employments.hiredOn} >= ${thisYear}`)
	expect(newHires!.n / employmentCount!.n).toBeGreaterThan(0.08)
	expect(newHires!.n / employmentCount!.n).toBeLessThan(0.25)
	// This year's new workers have a 上岗日期 a week or two after the hire; no one else has one.
	const postings = await db.select({ hiredOn: employments.hiredOn, postedOn: employments.postedOn, jobCategory: employments.jobCategory }).from(employments).where(isNotNull(employments.postedOn))
	expect(postings.length).toBeGreaterThan(0)
	for (const p of postings) {
		expect(p.hiredOn >= thisYear && (p.jobCategory === 'other' || p.jobCategory === 'special_operator')).toBe(true)
		expect(p.postedOn! > p.hiredOn).toBe(true)
	}

	// Accounts.
	for (const account of DEMO_ACCOUNTS) {
		const [user] = await db
			.select()
			.from(users)
			.where(or(eq(users.username, account.login), eq(users.phone, account.login)))
		expect(user, account.login).toBeDefined()
		expect(await verifyPassword(user!.passwordHash, account.password)).toBe(true)
		expect(demoHomeRegExp(account.home).test(account.home.replace(/:\w+/g, '7'))).toBe(true)
		const grants = await db.select().from(roleGrants).where(eq(roleGrants.userId, user!.id))
		expect(grants.map((g) => g.role)).toEqual([account.roleCode])
		const grant = grants[0]!
		if (account.roleCode === 'regulator') {
			expect(grant.regionId).not.toBeNull()
			const region = regionById.get(grant.regionId!)!
			expect(account.who).toContain(region.name)
			expect(user!.personId).toBeNull()
		} else if (account.roleCode === 'enterprise_admin') {
			const enterprise = enterpriseRows.find((e) => e.id === grant.enterpriseId)!
			expect(account.who).toContain(enterprise.name)
			expect(user!.personId).toBeNull()
		} else if (account.login === DEMO_CADRE.phone) {
			// The demo cadre has no employer: they are on the demo class's roster.
			const [member] = await db.select({ title: trainingClasses.title, unit: classMembers.unit }).from(classMembers).innerJoin(trainingClasses, eq(trainingClasses.id, classMembers.classId)).where(eq(classMembers.personId, user!.personId!))
			expect(member).toEqual({ title: DEMO_CLASS_TITLE, unit: DEMO_CADRE.unit })
		} else if (account.roleCode === 'learner') {
			expect(user!.personId).not.toBeNull()
			const [person] = await db.select().from(people).where(eq(people.id, user!.personId!))
			expect(person!.phone).toBe(account.login)
			expect(user!.phone).toBe(account.login)
			const [job] = await db
				.select({ enterpriseId: employments.enterpriseId })
				.from(employments)
				.where(and(eq(employments.personId, person!.id), isNull(employments.leftOn)))
			const ent1 = await db
				.select({ enterpriseId: roleGrants.enterpriseId })
				.from(roleGrants)
				.innerJoin(users, eq(users.id, roleGrants.userId))
				.where(eq(users.username, 'ent1'))
			expect(job!.enterpriseId).toBe(ent1[0]!.enterpriseId)
		} else {
			expect(user!.personId).toBeNull()
		}
	}
	const learnerCategories = await db
		.select({ category: employments.jobCategory })
		.from(users)
		.innerJoin(employments, eq(employments.personId, users.personId))
	expect(learnerCategories.map((c) => c.category).sort()).toEqual(
		['other', 'principal', 'safety_manager', 'special_operator'],
	)

	// The year's study up to yesterday (last year's on 1 January): employees have some, the fixed
	// learners start clean, every day lies between the hire and yesterday, and coverage counts it.
	const today = todayInShanghai()
	const credits = await db
		.select({ personId: learningCredits.personId, day: learningCredits.day, hiredOn: employments.hiredOn, seconds: learningCredits.seconds })
		.from(learningCredits)
		.innerJoin(employments, and(eq(employments.personId, learningCredits.personId), eq(employments.enterpriseId, learningCredits.enterpriseId)))
	expect(credits.length).toBeGreaterThan(100)
	const learnerPeople = new Set((await db.select({ id: users.personId }).from(users).where(isNotNull(users.personId))).map((u) => u.id))
	for (const c of credits) {
		expect(learnerPeople.has(c.personId)).toBe(false)
		expect(c.day >= c.hiredOn && c.day < today).toBe(true)
	}
	const [covered] = await db.select({ s: sql<number>`coalesce(sum(${coveragePersonYear.creditedSeconds}), 0)::int` }).from(coveragePersonYear)
	expect(covered!.s).toBe(credits.reduce((n, c) => n + c.seconds, 0))

	// Three of ENT1's employees passed the annual exam on an earlier day, each with a certificate,
	// and coverage knows it.
	const papers = await db.select({ personId: attempts.personId, passed: attempts.passed, finishedAt: attempts.finishedAt }).from(attempts).where(isNotNull(attempts.finishedAt))
	expect(papers).toHaveLength(3)
	for (const p of papers) {
		expect(p.passed).toBe(true)
		expect(learnerPeople.has(p.personId)).toBe(false)
		expect(todayInShanghai(p.finishedAt!) < today).toBe(true)
	}
	expect((await db.select({ n: count() }).from(certificates))[0]!.n).toBe(3)
	const passedRows = await db.select({ personId: coveragePersonYear.personId }).from(coveragePersonYear).where(eq(coveragePersonYear.examPassed, true))
	expect(passedRows.map((r) => r.personId).sort()).toEqual(papers.map((p) => p.personId).sort())
})

test('a second seed does nothing', async () => {
	expect(await seedDemoIfEmpty()).toBe(true)
	const before = await demoRowCounts()
	expect(await seedDemoIfEmpty()).toBe(false)
	expect(await demoRowCounts()).toEqual(before)
})
