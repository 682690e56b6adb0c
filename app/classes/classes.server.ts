import { randomInt } from 'node:crypto'
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, like, lt, or, sql } from 'drizzle-orm'
import { hashPassword } from '#app/auth/password.server.ts'
import { publishProblems } from '#app/exams/attempts.server.ts'
import { createExam, publishExam } from '#app/exams/exams.server.ts'
import { contestRules } from '#app/contests/contest-form.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db } from '#app/utils/db.server.ts'
import { getAppSecret } from '#app/utils/secrets.server.ts'
import { attempts, classAttendance, classMembers, classSessions, courses, exams, lessonProgress, lessons, people, roleGrants, trainingClasses, users } from '#db/schema/index.ts'
import {
	type AttendanceStatus,
	type CadreFacts,
	cadreProgress,
	type CadreRow,
	checkCadreRows,
	checkInRefusal,
	CHECK_IN_MESSAGES,
	codeMatches,
	type ClassValues,
	currentCode,
	initialPassword,
	type RowProblem,
	scanToken,
	type SessionValues,
} from './classes.ts'
import { readCadreFile } from './cadre-file.server.ts'

const k = trainingClasses
const s = classSessions
const m = classMembers
const a = classAttendance

type RegionScope = { regionPath: string }
const within = (scope: RegionScope) => like(k.regionPath, `${likeEscape(scope.regionPath)}%`)

/** The key the rotating check-in codes are derived from (the platform secret). */
async function codeKey() {
	return new TextEncoder().encode(`check-in:${await getAppSecret()}`)
}

export async function createClass(actor: { userId: number }, scope: { regionId: number; regionPath: string }, v: ClassValues, minutesPerCreditHour: number) {
	const [row] = await db
		.insert(k)
		.values({
			regionId: scope.regionId,
			regionPath: scope.regionPath,
			title: v.title,
			organiser: v.organiser,
			startsOn: v.startsOn,
			endsOn: v.endsOn,
			venue: v.venue,
			requiredMinutes: v.requiredHours === null ? null : Math.round(v.requiredHours * minutesPerCreditHour),
			createdBy: actor.userId,
		})
		.returning({ id: k.id })
	await audit(db, { actorUserId: actor.userId, action: 'class.create', entityType: 'training_class', entityId: row!.id, detail: v })
	return row!.id
}

/** Classes held in the region's subtree, newest first, with their size. */
export async function listClasses(scope: RegionScope) {
	return db
		.select({
			id: k.id,
			title: k.title,
			organiser: k.organiser,
			startsOn: k.startsOn,
			endsOn: k.endsOn,
			venue: k.venue,
			// Qualified by hand: in a one-table select drizzle leaves column names bare, and a bare "id"
			// inside the subquery would be the session's own.
			members: sql<number>`(select count(*)::int from class_members cm where cm.class_id = training_classes.id)`,
			sessions: sql<number>`(select count(*)::int from class_sessions cs where cs.class_id = training_classes.id and cs.withdrawn_at is null)`,
		})
		.from(k)
		.where(within(scope))
		.orderBy(desc(k.startsOn), desc(k.id))
}

const classColumns = { id: k.id, title: k.title, organiser: k.organiser, startsOn: k.startsOn, endsOn: k.endsOn, venue: k.venue, requiredMinutes: k.requiredMinutes, regionId: k.regionId }

async function findClass(scope: RegionScope, classId: number) {
	const [row] = await db.select(classColumns).from(k).where(and(eq(k.id, classId), within(scope)))
	return row ?? null
}

async function agenda(classId: number) {
	return db
		.select({
			id: s.id,
			kind: s.kind,
			delivery: s.delivery,
			title: s.title,
			speaker: s.speaker,
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			minutes: s.minutes,
			lessonId: s.lessonId,
			lessonTitle: lessons.title,
			courseSlug: courses.slug,
			lessonSlug: lessons.slug,
			examId: s.examId,
			examTitle: exams.title,
			withdrawnAt: s.withdrawnAt,
		})
		.from(s)
		.leftJoin(lessons, eq(lessons.id, s.lessonId))
		.leftJoin(courses, eq(courses.id, lessons.courseId))
		.leftJoin(exams, eq(exams.id, s.examId))
		.where(eq(s.classId, classId))
		.orderBy(asc(s.startsAt), asc(s.id))
}

async function roster(classId: number) {
	return db
		.select({ personId: m.personId, name: people.name, phone: people.phone, unit: m.unit, post: m.post })
		.from(m)
		.innerJoin(people, eq(people.id, m.personId))
		.where(eq(m.classId, classId))
		.orderBy(asc(m.addedAt), asc(people.id))
}

/** The organiser's view: the class, its agenda and its roster. */
export async function classOverview(scope: RegionScope, classId: number) {
	const klass = await findClass(scope, classId)
	if (!klass) return null
	const [sessions, members] = await Promise.all([agenda(classId), roster(classId)])
	return { klass, sessions, members }
}

/** Lessons an online session may link (platform content, active). */
export async function linkableLessons() {
	return db
		.select({ id: lessons.id, title: lessons.title, kind: lessons.kind, courseTitle: courses.title })
		.from(lessons)
		.innerJoin(courses, eq(courses.id, lessons.courseId))
		.where(and(isNull(lessons.enterpriseId), eq(lessons.active, true), eq(courses.active, true)))
		.orderBy(asc(courses.position), asc(lessons.position))
}

/**
 * Add an agenda item. The assessment is an exam drawn from the banks, open during its session
 * and limited to the roster; the banks are checked first so a paper that cannot be drawn
 * leaves nothing behind. A class has one assessment.
 */
export async function addSession(actor: { userId: number }, scope: RegionScope, classId: number, v: SessionValues): Promise<{ ok: true; id: number } | { ok: false; errors: Record<string, string> }> {
	const klass = await findClass(scope, classId)
	if (!klass) return { ok: false, errors: { form: '培训班不存在' } }
	if (v.lessonId !== null) {
		const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(and(eq(lessons.id, v.lessonId), isNull(lessons.enterpriseId), eq(lessons.active, true)))
		if (!lesson) return { ok: false, errors: { lessonId: '这节课程不存在或已下线' } }
	}
	let examId: number | null = null
	if (v.kind === 'assessment' && v.paper) {
		const [existing] = await db.select({ id: s.id }).from(s).where(and(eq(s.classId, classId), eq(s.kind, 'assessment'), isNull(s.withdrawnAt)))
		if (existing) return { ok: false, errors: { kind: '本期培训班已有结业考核；如需更改，请先取消原考核环节' } }
		const paper = { kind: 'draw' as const, banks: v.paper.banks, rules: contestRules(v.paper) }
		const shortfall = await publishProblems({ paper })
		if (shortfall.length > 0) return { ok: false, errors: { banks: `题库不够抽题：${shortfall.join('；')}` } }
		const created = await createExam(actor, {
			title: `${klass.title} · ${v.title}`,
			paper,
			timeLimitMinutes: v.paper.timeLimitMinutes,
			passMark: v.paper.passMark,
			attemptsAllowed: v.paper.attempts,
			opensAt: v.startsAt,
			closesAt: v.endsAt,
			review: 'after_close',
			audience: { classId },
		})
		if (!created.ok) return { ok: false, errors: { form: created.problems.join('；') } }
		const published = await publishExam(actor, created.examId)
		if (!published.ok) return { ok: false, errors: { banks: `题库不够抽题：${published.problems.join('；')}` } }
		examId = created.examId
	}
	const [row] = await db
		.insert(s)
		.values({ classId, kind: v.kind, delivery: v.delivery, title: v.title, speaker: v.speaker, startsAt: v.startsAt, endsAt: v.endsAt, minutes: v.minutes, lessonId: v.lessonId, examId })
		.returning({ id: s.id })
	await audit(db, { actorUserId: actor.userId, action: 'class.session.add', entityType: 'class_session', entityId: row!.id, detail: { classId, ...v, examId } })
	return { ok: true, id: row!.id }
}

/** Take an item off the agenda; kept with its attendance. A withdrawn assessment's exam closes. */
export async function withdrawSession(actor: { userId: number }, scope: RegionScope, classId: number, sessionId: number) {
	const klass = await findClass(scope, classId)
	if (!klass) return false
	const [row] = await db
		.update(s)
		.set({ withdrawnAt: new Date() })
		.where(and(eq(s.id, sessionId), eq(s.classId, classId), isNull(s.withdrawnAt)))
		.returning({ id: s.id, examId: s.examId })
	if (!row) return false
	if (row.examId !== null) await db.update(exams).set({ status: 'closed' }).where(eq(exams.id, row.examId))
	await audit(db, { actorUserId: actor.userId, action: 'class.session.withdraw', entityType: 'class_session', entityId: sessionId, detail: { classId } })
	return true
}

export type CadreImportResult =
	| { ok: true; added: number; alreadyOn: number; accounts: { name: string; phone: string; password: string }[]; skipped: RowProblem[] }
	| { ok: false; message: string; problems: RowProblem[] }

/**
 * Put the cadres of a file on the roster. A cadre known by phone keeps their person and account;
 * anyone new gets both, with a first password shown once to the organiser. A file with a bad
 * row adds nobody unless the organiser chose to skip bad rows; all or nothing either way.
 */
export async function importCadres(actor: { userId: number }, scope: RegionScope, classId: number, file: { bytes: Uint8Array; filename: string }, options: { skipInvalid: boolean }): Promise<CadreImportResult> {
	const klass = await findClass(scope, classId)
	if (!klass) return { ok: false, message: '培训班不存在', problems: [] }
	const read = await readCadreFile(file.bytes, file.filename)
	if (!read.ok) return { ok: false, message: read.message, problems: [] }
	const checked = checkCadreRows(read.rows)
	const phones = checked.good.map((r) => r.phone)
	const [known, accounts] = await Promise.all([
		phones.length ? db.select({ id: people.id, name: people.name, phone: people.phone }).from(people).where(inArray(people.phone, phones)) : [],
		phones.length ? db.select({ id: users.id, phone: users.phone, personId: users.personId }).from(users).where(inArray(users.phone, phones)) : [],
	])
	const problems = [...checked.problems]
	const rows: CadreRow[] = []
	for (const r of checked.good) {
		const person = known.find((p) => p.phone === r.phone)
		const account = accounts.find((u) => u.phone === r.phone)
		if (person && person.name !== r.name) problems.push({ where: `第 ${r.rowNumber} 行`, message: `手机号：${r.phone} 已登记为“${person.name}”，与姓名“${r.name}”不符，请核对` })
		else if (account && account.personId !== (person?.id ?? null)) problems.push({ where: `第 ${r.rowNumber} 行`, message: `手机号：${r.phone} 已被工作人员账号使用，请换一个号码或联系平台管理员` })
		else rows.push(r)
	}
	problems.sort((x, y) => Number(/\d+/.exec(x.where)?.[0]) - Number(/\d+/.exec(y.where)?.[0]))
	if (problems.length > 0 && !options.skipInvalid) return { ok: false, message: `名单中有 ${problems.length} 处问题，未导入任何人。请改正后重新上传，或勾选“跳过有问题的行”。`, problems }
	if (rows.length === 0) return { ok: false, message: '没有可以导入的学员', problems }
	// New accounts: the passwords are hashed before the transaction (argon2 is slow on purpose).
	const personIdsWithUser = new Set((await userPersonIds(known.map((p) => p.id))).map((u) => u.personId))
	const needAccount = rows.filter((r) => {
		const person = known.find((p) => p.phone === r.phone)
		return !person || !personIdsWithUser.has(person.id)
	})
	// A few at a time: argon2 is memory-hard, and a 2,000-name roster must not starve logins.
	const fresh: { phone: string; name: string; password: string; hash: string }[] = []
	for (let i = 0; i < needAccount.length; i += 2) {
		fresh.push(
			...(await Promise.all(
				needAccount.slice(i, i + 2).map(async (r) => {
					const password = initialPassword((n) => randomInt(n))
					return { phone: r.phone, name: r.name, password, hash: await hashPassword(password) }
				}),
			)),
		)
	}
	// A handful of statements for the whole roster, not a few per cadre (at most CADRE_FILE_MAX_ROWS
	// rows: five parameters a row stay far under the protocol's 65,535).
	const result = await db.transaction(async (tx) => {
		const personByPhone = new Map(known.map((p) => [p.phone, p.id]))
		const newPeople = rows.filter((r) => !personByPhone.has(r.phone))
		if (newPeople.length > 0) {
			const inserted = await tx
				.insert(people)
				.values(newPeople.map((r) => ({ name: r.name, phone: r.phone })))
				.returning({ id: people.id, phone: people.phone })
			for (const p of inserted) personByPhone.set(p.phone!, p.id)
		}
		const freshPhones = new Set(fresh.map((f) => f.phone))
		const newUsers = fresh.length
			? await tx
					.insert(users)
					.values(fresh.map((f) => ({ phone: f.phone, displayName: f.name, personId: personByPhone.get(f.phone)!, passwordHash: f.hash })))
					.returning({ id: users.id })
			: []
		// Cadres who already had an account get the learner role if they lacked it.
		const existingPersonIds = rows.filter((r) => !freshPhones.has(r.phone)).map((r) => personByPhone.get(r.phone)!)
		const existingUsers = existingPersonIds.length ? await tx.select({ id: users.id }).from(users).where(inArray(users.personId, existingPersonIds)) : []
		const learners = existingUsers.length
			? new Set((await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(and(inArray(roleGrants.userId, existingUsers.map((u) => u.id)), eq(roleGrants.role, 'learner')))).map((g) => g.userId))
			: new Set<number>()
		const grants = [...newUsers, ...existingUsers.filter((u) => !learners.has(u.id))].map((u) => ({ userId: u.id, role: 'learner' as const }))
		if (grants.length > 0) await tx.insert(roleGrants).values(grants)
		const inserted = await tx
			.insert(m)
			.values(rows.map((r) => ({ classId, personId: personByPhone.get(r.phone)!, unit: r.unit, post: r.post, addedBy: actor.userId })))
			.onConflictDoNothing()
			.returning({ personId: m.personId })
		const added = inserted.length
		await audit(tx, { actorUserId: actor.userId, action: 'class.roster.import', entityType: 'training_class', entityId: classId, detail: { file: file.filename, rows: rows.length, added, newAccounts: fresh.length, skipped: problems } })
		return { added }
	})
	return { ok: true, added: result.added, alreadyOn: rows.length - result.added, accounts: fresh.map(({ name, phone, password }) => ({ name, phone, password })), skipped: problems }
}

async function userPersonIds(personIds: number[]) {
	if (personIds.length === 0) return []
	return db.select({ personId: users.personId }).from(users).where(inArray(users.personId, personIds))
}

// ---------------------------------------------------------------------------
// Attendance and progress

/** The standing attendance (newest row) of a class, optionally for one person. */
async function standingAttendance(classId: number, personId?: number) {
	return db
		.selectDistinctOn([a.sessionId, a.personId], { sessionId: a.sessionId, personId: a.personId, status: a.status, method: a.method, reason: a.reason, at: a.at })
		.from(a)
		.where(and(eq(a.classId, classId), personId === undefined ? undefined : eq(a.personId, personId)))
		.orderBy(a.sessionId, a.personId, desc(a.id))
}

/** Everything progress is computed from, for the roster or one cadre: one query per kind of fact. */
async function classFacts(klass: { id: number; startsOn: string; endsOn: string }, personId?: number) {
	const classStart = new Date(`${klass.startsOn}T00:00:00+08:00`)
	const classEnd = new Date(new Date(`${klass.endsOn}T00:00:00+08:00`).getTime() + 86_400_000)
	const onePerson = personId === undefined ? undefined : eq(m.personId, personId)
	const [attendance, studied, sat] = await Promise.all([
		standingAttendance(klass.id, personId),
		db
			.select({ sessionId: s.id, personId: m.personId })
			.from(s)
			.innerJoin(m, eq(m.classId, s.classId))
			.innerJoin(lessonProgress, and(eq(lessonProgress.lessonId, s.lessonId), eq(lessonProgress.personId, m.personId)))
			.where(
				and(
					eq(s.classId, klass.id),
					eq(s.delivery, 'online'),
					isNotNull(lessonProgress.completedAt),
					lt(lessonProgress.completedAt, classEnd),
					// Studied for this class: completed during it, or (completed before) studied again during it.
					or(
						gte(lessonProgress.completedAt, classStart),
						sql`exists (select 1 from learning_credits lc where lc.person_id = ${m.personId} and lc.lesson_id = ${s.lessonId} and lc.day between ${klass.startsOn}::date and ${klass.endsOn}::date)`,
					),
					onePerson,
				),
			),
		db
			.select({
				sessionId: s.id,
				personId: attempts.personId,
				sat: sql<boolean>`bool_or(${attempts.annulledAt} is null)`,
				passed: sql<boolean>`bool_or(coalesce(${attempts.passed}, false) and ${attempts.annulledAt} is null)`,
				best: sql<number>`round((max(${attempts.score} / nullif(${attempts.maxScore}, 0) * 100) filter (where ${attempts.annulledAt} is null))::numeric, 1)::float`,
			})
			.from(s)
			.innerJoin(attempts, eq(attempts.examId, s.examId))
			.where(and(eq(s.classId, klass.id), isNotNull(attempts.finishedAt), personId === undefined ? undefined : eq(attempts.personId, personId)))
			.groupBy(s.id, attempts.personId),
	])
	return (pid: number): CadreFacts => ({
		attendance: new Map(attendance.filter((r) => r.personId === pid).map((r) => [r.sessionId, r.status as AttendanceStatus])),
		lessonsDone: new Set(studied.filter((r) => r.personId === pid).map((r) => r.sessionId)),
		assessments: new Map(sat.filter((r) => r.personId === pid && r.sat).map((r) => [r.sessionId, { passed: r.passed, best: r.best }])),
		voided: new Set(sat.filter((r) => r.personId === pid && !r.sat).map((r) => r.sessionId)),
	})
}

function sessionFacts(sessions: Awaited<ReturnType<typeof agenda>>) {
	return sessions.map((x) => ({ id: x.id, kind: x.kind, delivery: x.delivery, minutes: x.minutes, withdrawn: x.withdrawnAt !== null }))
}

/** A session for its organiser: the check-in code now, and the roster's attendance. */
export async function sessionAttendance(scope: RegionScope, classId: number, sessionId: number, now = new Date()) {
	const klass = await findClass(scope, classId)
	if (!klass) return null
	const [session] = (await agenda(classId)).filter((x) => x.id === sessionId)
	if (!session) return null
	const [members, standing, history] = await Promise.all([
		roster(classId),
		standingAttendance(classId),
		db
			.select({ personId: a.personId, status: a.status, method: a.method, reason: a.reason, at: a.at, name: people.name, recordedBy: users.displayName })
			.from(a)
			.innerJoin(people, eq(people.id, a.personId))
			.innerJoin(users, eq(users.id, a.recordedBy))
			.where(and(eq(a.sessionId, sessionId), eq(a.method, 'organiser')))
			.orderBy(desc(a.id)),
	])
	const mine = standing.filter((r) => r.sessionId === sessionId)
	return {
		klass,
		session,
		code: session.delivery === 'onsite' && session.kind !== 'assessment' && !session.withdrawnAt ? currentCode(await codeKey(), sessionId, now) : null,
		members: members.map((p) => ({ ...p, record: mine.find((r) => r.personId === p.personId) ?? null })),
		exceptions: history,
	}
}

/** An organiser's record for one cadre and session (present / excused / absent), with a reason; appended and audited. */
export async function recordException(actor: { userId: number }, scope: RegionScope, classId: number, sessionId: number, v: { personId: number; status: AttendanceStatus; reason: string }) {
	const klass = await findClass(scope, classId)
	if (!klass) return { ok: false as const, message: '培训班不存在' }
	const [[session], [member]] = await Promise.all([
		db.select({ id: s.id }).from(s).where(and(eq(s.id, sessionId), eq(s.classId, classId), isNull(s.withdrawnAt))),
		db.select({ personId: m.personId }).from(m).where(and(eq(m.classId, classId), eq(m.personId, v.personId))),
	])
	if (!session) return { ok: false as const, message: '这个环节不存在或已取消' }
	if (!member) return { ok: false as const, message: '此人不在本期学员名单上' }
	await db.transaction(async (tx) => {
		await tx.insert(a).values({ classId, sessionId, personId: v.personId, status: v.status, method: 'organiser', reason: v.reason, recordedBy: actor.userId })
		await audit(tx, { actorUserId: actor.userId, action: 'class.attendance.exception', entityType: 'class_session', entityId: sessionId, detail: { classId, ...v } })
	})
	return { ok: true as const }
}

/**
 * A cadre checks in: on the roster, to an onsite session, within its window, with the code now
 * on the screen, signed in as themself. A second check-in is harmless.
 */
export async function checkIn(
	who: { userId: number; personId: number; ip: string | null },
	classId: number,
	input: { sessionId: number; code: string; via: 'code' } | { sessionId: number; scan: string; via: 'qr' },
	now = new Date(),
): Promise<{ ok: true; already: boolean; title: string } | { ok: false; message: string }> {
	if (!Number.isSafeInteger(input.sessionId) || input.sessionId <= 0) return { ok: false, message: '没有这个签到环节' }
	const [[session], [member]] = await Promise.all([
		db.select({ id: s.id, kind: s.kind, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, delivery: s.delivery, withdrawnAt: s.withdrawnAt }).from(s).where(and(eq(s.id, input.sessionId), eq(s.classId, classId))),
		db.select({ personId: m.personId }).from(m).where(and(eq(m.classId, classId), eq(m.personId, who.personId))),
	])
	if (!session) return { ok: false, message: '没有这个签到环节' }
	const proof = input.via === 'qr' ? { scan: input.scan } : { code: input.code }
	const refusal = checkInRefusal({ onRoster: Boolean(member), session, ...proof, key: await codeKey(), now })
	if (refusal) return { ok: false, message: CHECK_IN_MESSAGES[refusal] }
	const inserted = await db
		.insert(a)
		.values({ classId, sessionId: session.id, personId: who.personId, status: 'present', method: input.via, recordedBy: who.userId, at: now, ip: who.ip })
		.onConflictDoNothing()
		.returning({ id: a.id })
	return { ok: true, already: inserted.length === 0, title: session.title }
}

/**
 * A scanned QR's code turned into a token that outlives the sign-in on a phone (null when the
 * code is not the current one): the scan, not the confirmation, has to be on time.
 */
export async function scanOf(sessionId: number, code: string, now = new Date()) {
	const key = await codeKey()
	return codeMatches(key, sessionId, code, now) ? scanToken(key, sessionId, now) : null
}

/** A cadre's own view of a class: the agenda with their outcome per item, hours and completion. Null when not on the roster. */
export async function cadreClass(personId: number, classId: number) {
	const [member] = await db.select({ unit: m.unit, post: m.post }).from(m).where(and(eq(m.classId, classId), eq(m.personId, personId)))
	if (!member) return null
	const [klass] = await db.select(classColumns).from(k).where(eq(k.id, classId))
	if (!klass) return null
	const [sessions, factsOf] = await Promise.all([agenda(classId), classFacts(klass, personId)])
	const progress = cadreProgress(sessionFacts(sessions), factsOf(personId), klass.requiredMinutes)
	return { klass, member, sessions: sessions.filter((x) => !x.withdrawnAt), progress }
}

/** The classes a person is on, with their hours and result: for 我的学习档案 and 一人一档. */
export async function classesOfPerson(personId: number) {
	const mine = await db
		.select({ ...classColumns, unit: m.unit, post: m.post })
		.from(m)
		.innerJoin(k, eq(k.id, m.classId))
		.where(eq(m.personId, personId))
		.orderBy(desc(k.startsOn))
	return Promise.all(
		mine.map(async (klass) => {
			const [sessions, factsOf] = await Promise.all([agenda(klass.id), classFacts(klass, personId)])
			const p = cadreProgress(sessionFacts(sessions), factsOf(personId), klass.requiredMinutes)
			return { id: klass.id, title: klass.title, organiser: klass.organiser, startsOn: klass.startsOn, endsOn: klass.endsOn, credited: p.credited, required: p.required, passed: p.passed, best: p.best, voided: p.voided, completed: p.completed }
		}),
	)
}

/**
 * The class report (一期一档): the agenda with attendance per session, and each cadre's
 * outcome per session, hours, assessment result and completion.
 */
export async function classReport(scope: RegionScope, classId: number) {
	const klass = await findClass(scope, classId)
	if (!klass) return null
	const [sessions, members, factsOf] = await Promise.all([agenda(classId), roster(classId), classFacts(klass)])
	const live = sessions.filter((x) => !x.withdrawnAt)
	const facts = sessionFacts(sessions)
	const cadres = members.map((p) => {
		const progress = cadreProgress(facts, factsOf(p.personId), klass.requiredMinutes)
		return { ...p, outcomes: live.map((x) => progress.outcomes.get(x.id) ?? 'pending'), credited: progress.credited, required: progress.required, passed: progress.passed, best: progress.best, voided: progress.voided, completed: progress.completed }
	})
	const perSession = live.map((x, i) => ({
		...x,
		present: cadres.filter((c) => ['attended', 'studied', 'sat'].includes(c.outcomes[i]!)).length,
		excused: cadres.filter((c) => c.outcomes[i] === 'excused').length,
	}))
	return {
		klass,
		sessions: perSession,
		cadres,
		summary: { members: cadres.length, completed: cadres.filter((c) => c.completed).length, passed: cadres.filter((c) => c.passed).length, total: live.reduce((n, x) => n + x.minutes, 0) },
	}
}

export async function isOnRoster(personId: number, classId: number) {
	const [row] = await db.select({ personId: m.personId }).from(m).where(and(eq(m.classId, classId), eq(m.personId, personId)))
	return Boolean(row)
}
