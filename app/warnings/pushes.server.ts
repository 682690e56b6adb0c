import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm'
import { assignmentCounts } from '#app/coverage/assignments.server.ts'
import { refreshCoverageFor } from '#app/coverage/coverage.server.ts'
import { audit } from '#app/orgs/audit.server.ts'
import { likeEscape } from '#app/orgs/scope.server.ts'
import { db } from '#app/utils/db.server.ts'
import { accidentCases, assignments, courses, employments, enterprises, lessons, selfInspectionReplies, warningPushEnterprises, warningPushes } from '#db/schema/index.ts'
import { type ChecklistItem, checklistFromCaseSource, type ReplyItem } from './checklist.ts'

const p = warningPushes
const pe = warningPushEnterprises
const r = selfInspectionReplies

/** Accident cases that have a case lesson to study, for the push form (or the one asked for). */
export async function pushableCases(caseId?: number) {
	return db
		.select({ id: accidentCases.id, slug: accidentCases.slug, title: accidentCases.title, shortName: accidentCases.shortName, industry: accidentCases.industry, lessonId: lessons.id })
		.from(accidentCases)
		.innerJoin(lessons, and(eq(lessons.caseSlug, accidentCases.slug), isNull(lessons.enterpriseId), eq(lessons.active, true)))
		.where(caseId === undefined ? undefined : eq(accidentCases.id, caseId))
		.orderBy(desc(accidentCases.occurredOn))
}

/** The case's own 对照检视 questions, read from its MDX in content/ (the start of a push's checklist). */
export async function caseChecklist(slug: string): Promise<ChecklistItem[]> {
	if (!/^[a-z0-9-]+$/.test(slug)) return []
	const file = path.join(process.env.CONTENT_DIR ?? 'content', 'cases', `${slug}.mdx`)
	const source = await readFile(file, 'utf8').catch(() => '')
	return checklistFromCaseSource(source)
}

export type PushInput = {
	caseId: number
	title: string
	note: string
	regionPath: string
	industries: string[]
	sizes: string[]
	highRiskOnly: boolean
	dueOn: string
	checklist: ChecklistItem[]
}

/**
 * Publish a push: the enterprises it reaches (open ones in the audience region with the chosen
 * industries, sizes and high-risk flag) are fixed now, in the same transaction; audited.
 */
export async function publishPush(actor: { userId: number }, scope: { regionPath: string }, input: PushInput) {
	if (!input.regionPath.startsWith(scope.regionPath)) return { ok: false as const, message: '推送范围不在您的辖区内' }
	const [c] = await pushableCases(input.caseId)
	if (!c) return { ok: false as const, message: '没有这个事故案例，或它没有可学习的案例课' }
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(p)
			.values({ ...input, lessonId: c.lessonId, createdBy: actor.userId })
			.returning({ id: p.id })
		const reached = await tx
			.insert(pe)
			.select(
				tx
					.select({ pushId: sql<number>`${row!.id}::int`.as('push_id'), enterpriseId: enterprises.id, regionPath: enterprises.regionPath, industry: enterprises.industry, assignmentId: sql<number | null>`null::int`.as('assignment_id') })
					.from(enterprises)
					.where(
						and(
							like(enterprises.regionPath, `${likeEscape(input.regionPath)}%`),
							isNull(enterprises.closedAt),
							input.industries.length ? inArray(enterprises.industry, input.industries) : undefined,
							input.sizes.length ? inArray(enterprises.size, input.sizes) : undefined,
							input.highRiskOnly ? eq(enterprises.highRisk, true) : undefined,
						),
					),
			)
			.returning({ enterpriseId: pe.enterpriseId })
		await audit(tx, { actorUserId: actor.userId, action: 'warning_push.publish', entityType: 'warning_push', entityId: row!.id, detail: { ...input, checklist: input.checklist.length, enterprises: reached.length } })
		return { ok: true as const, id: row!.id, enterprises: reached.length }
	})
}

/** The pushes a regulator sees: issued in their subtree, or from above and covering it. */
function visibleTo(regionPath: string) {
	return sql`(${p.regionPath} like ${`${likeEscape(regionPath)}%`} or ${regionPath} like ${p.regionPath} || '%')`
}

/** Latest submitted reply per enterprise of these pushes (a correction supersedes the earlier version). */
function latestSubmitted(pushIds: number[], enterpriseScope?: string) {
	return db
		.selectDistinctOn([r.pushId, r.enterpriseId], { pushId: r.pushId, enterpriseId: r.enterpriseId, version: r.version, items: r.items, submittedAt: r.submittedAt })
		.from(r)
		.innerJoin(pe, and(eq(pe.pushId, r.pushId), eq(pe.enterpriseId, r.enterpriseId)))
		.where(and(inArray(r.pushId, pushIds), eq(r.status, 'submitted'), enterpriseScope ? like(pe.regionPath, `${likeEscape(enterpriseScope)}%`) : undefined))
		.orderBy(r.pushId, r.enterpriseId, desc(r.version))
}

/**
 * A regulator's pushes with their rates within the regulator's region: enterprises reached,
 * replies submitted, enterprises that assigned the study, people assigned and people done.
 */
export async function listPushes(scope: { regionPath: string }) {
	const pushes = await db
		.select({ id: p.id, title: p.title, dueOn: p.dueOn, regionPath: p.regionPath, createdAt: p.createdAt, caseTitle: accidentCases.shortName })
		.from(p)
		.innerJoin(accidentCases, eq(accidentCases.id, p.caseId))
		.where(visibleTo(scope.regionPath))
		.orderBy(desc(p.createdAt))
	if (pushes.length === 0) return []
	const ids = pushes.map((x) => x.id)
	const within = like(pe.regionPath, `${likeEscape(scope.regionPath)}%`)
	const [reach, replies, assigned] = await Promise.all([
		db
			.select({ pushId: pe.pushId, enterprises: sql<number>`count(*)::int`, assigned: sql<number>`count(${pe.assignmentId})::int` })
			.from(pe)
			.where(and(inArray(pe.pushId, ids), within))
			.groupBy(pe.pushId),
		db
			.select({ pushId: r.pushId, replied: sql<number>`count(distinct ${r.enterpriseId})::int` })
			.from(r)
			.innerJoin(pe, and(eq(pe.pushId, r.pushId), eq(pe.enterpriseId, r.enterpriseId)))
			.where(and(inArray(r.pushId, ids), eq(r.status, 'submitted'), within))
			.groupBy(r.pushId),
		db.select({ pushId: pe.pushId, assignmentId: pe.assignmentId }).from(pe).where(and(inArray(pe.pushId, ids), within, sql`${pe.assignmentId} is not null`)),
	])
	const counts = await assignmentCounts(assigned.map((x) => x.assignmentId!))
	return pushes.map((x) => {
		const mine = assigned.filter((a) => a.pushId === x.id).map((a) => counts.get(a.assignmentId!) ?? { reached: 0, done: 0 })
		return {
			...x,
			enterprises: reach.find((e) => e.pushId === x.id)?.enterprises ?? 0,
			assigned: reach.find((e) => e.pushId === x.id)?.assigned ?? 0,
			replied: replies.find((e) => e.pushId === x.id)?.replied ?? 0,
			people: mine.reduce((n, m) => n + m.reached, 0),
			studied: mine.reduce((n, m) => n + m.done, 0),
		}
	})
}

/**
 * One push for a regulator: every enterprise reached in their region with its assignment,
 * study and reply; the overdue list; and the hazards found — items answered 不符合 across the
 * latest submitted replies, by item, with the enterprises and their findings.
 */
export async function pushDetail(scope: { regionPath: string }, pushId: number, today: string) {
	const [push] = await db
		.select({ id: p.id, title: p.title, note: p.note, dueOn: p.dueOn, regionPath: p.regionPath, industries: p.industries, sizes: p.sizes, highRiskOnly: p.highRiskOnly, checklist: p.checklist, caseTitle: accidentCases.title, createdAt: p.createdAt })
		.from(p)
		.innerJoin(accidentCases, eq(accidentCases.id, p.caseId))
		.where(and(eq(p.id, pushId), visibleTo(scope.regionPath)))
	if (!push) return null
	const [rows, latest] = await Promise.all([
		db
			.select({ enterpriseId: pe.enterpriseId, name: enterprises.name, industry: pe.industry, assignmentId: pe.assignmentId })
			.from(pe)
			.innerJoin(enterprises, eq(enterprises.id, pe.enterpriseId))
			.where(and(eq(pe.pushId, pushId), like(pe.regionPath, `${likeEscape(scope.regionPath)}%`)))
			.orderBy(asc(enterprises.name)),
		latestSubmitted([pushId], scope.regionPath),
	])
	const counts = await assignmentCounts(rows.flatMap((x) => (x.assignmentId ? [x.assignmentId] : [])))
	const replyOf = new Map(latest.map((x) => [x.enterpriseId, x]))
	const list = rows.map((x) => {
		const reply = replyOf.get(x.enterpriseId)
		const study = x.assignmentId ? (counts.get(x.assignmentId) ?? { reached: 0, done: 0 }) : null
		return {
			...x,
			people: study?.reached ?? null,
			studied: study?.done ?? null,
			repliedAt: reply?.submittedAt ?? null,
			version: reply?.version ?? null,
			nonCompliant: reply ? reply.items.filter((i) => i.answer === '不符合').length : null,
			overdue: !reply && today > push.dueOn,
		}
	})
	const hazards = push.checklist
		.map((item) => {
			const found = latest.flatMap((reply) => {
				const answer = reply.items.find((i) => i.itemId === item.id)
				if (answer?.answer !== '不符合') return []
				return [{ enterprise: rows.find((x) => x.enterpriseId === reply.enterpriseId)?.name ?? '', finding: answer.finding, measure: answer.measure, responsible: answer.responsible, dueOn: answer.dueOn }]
			})
			return { itemId: item.id, text: item.text, basis: item.basis, count: found.length, found }
		})
		.filter((h) => h.count > 0)
		.sort((a, b) => b.count - a.count)
	return { push, enterprises: list, hazards }
}

/** The pushes reaching an enterprise, newest first, with its reply state (its home page). */
export async function enterprisePushes(scope: { enterpriseId: number }) {
	const rows = await db
		.select({ id: p.id, title: p.title, dueOn: p.dueOn, assignmentId: pe.assignmentId, caseTitle: accidentCases.shortName })
		.from(pe)
		.innerJoin(p, eq(p.id, pe.pushId))
		.innerJoin(accidentCases, eq(accidentCases.id, p.caseId))
		.where(eq(pe.enterpriseId, scope.enterpriseId))
		.orderBy(desc(p.createdAt))
	if (rows.length === 0) return []
	const submitted = await db
		.selectDistinct({ pushId: r.pushId })
		.from(r)
		.where(and(eq(r.enterpriseId, scope.enterpriseId), eq(r.status, 'submitted'), inArray(r.pushId, rows.map((x) => x.id))))
	return rows.map((x) => ({ ...x, replied: submitted.some((s) => s.pushId === x.id) }))
}

/** One push as its enterprise sees it: the case lesson, its study assignment, every reply version. */
export async function enterprisePush(scope: { enterpriseId: number }, pushId: number) {
	const [row] = await db
		.select({
			id: p.id,
			title: p.title,
			note: p.note,
			dueOn: p.dueOn,
			checklist: p.checklist,
			caseTitle: accidentCases.title,
			lessonSlug: lessons.slug,
			courseSlug: courses.slug,
			assignmentId: pe.assignmentId,
			assignmentWithdrawn: assignments.withdrawnAt,
		})
		.from(pe)
		.innerJoin(p, eq(p.id, pe.pushId))
		.innerJoin(accidentCases, eq(accidentCases.id, p.caseId))
		.innerJoin(lessons, eq(lessons.id, p.lessonId))
		.innerJoin(courses, eq(courses.id, lessons.courseId))
		.leftJoin(assignments, eq(assignments.id, pe.assignmentId))
		.where(and(eq(pe.pushId, pushId), eq(pe.enterpriseId, scope.enterpriseId)))
	if (!row) return null
	const [versions, counts] = await Promise.all([
		db
			.select({ version: r.version, status: r.status, items: r.items, reason: r.reason, savedAt: r.savedAt, submittedAt: r.submittedAt })
			.from(r)
			.where(and(eq(r.pushId, pushId), eq(r.enterpriseId, scope.enterpriseId)))
			.orderBy(desc(r.version)),
		row.assignmentId ? assignmentCounts([row.assignmentId]) : new Map<number, { reached: number; done: number }>(),
	])
	const study = row.assignmentId ? counts.get(row.assignmentId) : undefined
	return { ...row, assigned: Boolean(row.assignmentId && !row.assignmentWithdrawn), people: study?.reached ?? 0, studied: study?.done ?? 0, versions }
}

/** A push as it reached this enterprise: what assigning and replying need, in one small query. */
async function reachedPush(scope: { enterpriseId: number }, pushId: number) {
	const [row] = await db
		.select({ title: p.title, dueOn: p.dueOn, lessonId: p.lessonId, assignmentId: pe.assignmentId, withdrawnAt: assignments.withdrawnAt })
		.from(pe)
		.innerJoin(p, eq(p.id, pe.pushId))
		.leftJoin(assignments, eq(assignments.id, pe.assignmentId))
		.where(and(eq(pe.pushId, pushId), eq(pe.enterpriseId, scope.enterpriseId)))
	return row ?? null
}

/**
 * The enterprise admin assigns the case lesson to all its people, or some departments or job
 * categories: a study assignment (the plans machinery), counted in coverage and shown to them.
 */
export async function assignPush(actor: { userId: number }, scope: { enterpriseId: number; regionPath: string }, pushId: number, targets: { departments: string[]; jobCategories: string[] }, today: string) {
	const push = await reachedPush(scope, pushId)
	if (!push) return { ok: false as const, message: '没有这项警示教育推送' }
	if (push.assignmentId && !push.withdrawnAt) return { ok: false as const, message: '已经布置过；如需更改对象，请先在培训计划中撤回' }
	const dueOn = push.dueOn < today ? today : push.dueOn
	const id = await db.transaction(async (tx) => {
		const [created] = await tx
			.insert(assignments)
			.values({
				year: Number(dueOn.slice(0, 4)),
				issuer: 'enterprise',
				kind: 'warning',
				enterpriseId: scope.enterpriseId,
				regionPath: scope.regionPath,
				title: `警示教育：${push.title}`,
				reason: `监管部门推送的事故案例，请在 ${push.dueOn} 前学习，并对照检查本岗位`,
				lessonId: push.lessonId,
				departments: targets.departments,
				jobCategories: targets.jobCategories,
				dueOn,
				createdBy: actor.userId,
			})
			.returning({ id: assignments.id })
		await tx.update(pe).set({ assignmentId: created!.id }).where(and(eq(pe.pushId, pushId), eq(pe.enterpriseId, scope.enterpriseId)))
		await audit(tx, { actorUserId: actor.userId, action: 'warning_push.assign', entityType: 'warning_push', entityId: pushId, enterpriseId: scope.enterpriseId, detail: { assignmentId: created!.id, ...targets } })
		return created!.id
	})
	const staff = await db.selectDistinct({ personId: employments.personId }).from(employments).where(eq(employments.enterpriseId, scope.enterpriseId))
	await refreshCoverageFor(staff.map((s) => s.personId), Number(dueOn.slice(0, 4)))
	return { ok: true as const, assignmentId: id }
}

export type ReplyResult = { ok: true; version: number } | { ok: false; message: string }

/**
 * Save the reply as a draft, or submit it. Only the latest version, and only while it is a
 * draft, can change; a submitted version is final (a correction is a new version).
 */
export async function saveReply(actor: { userId: number }, scope: { enterpriseId: number }, pushId: number, items: ReplyItem[], mode: 'draft' | 'submit'): Promise<ReplyResult> {
	if (!(await reachedPush(scope, pushId))) return { ok: false, message: '没有这项警示教育推送' }
	return db.transaction(async (tx) => {
		const [latest] = await tx
			.select({ id: r.id, version: r.version, status: r.status })
			.from(r)
			.where(and(eq(r.pushId, pushId), eq(r.enterpriseId, scope.enterpriseId)))
			.orderBy(desc(r.version))
			.limit(1)
			.for('update')
		if (latest?.status === 'submitted') return { ok: false as const, message: `第 ${latest.version} 版回复已提交，不能再修改；如需更正，请点“更正回复”提交新版本` }
		const submitted = mode === 'submit' ? { status: 'submitted', submittedBy: actor.userId, submittedAt: new Date() } : { status: 'draft' }
		let version = latest?.version ?? 1
		if (latest) await tx.update(r).set({ items, savedBy: actor.userId, savedAt: new Date(), ...submitted }).where(eq(r.id, latest.id))
		else {
			const [row] = await tx.insert(r).values({ pushId, enterpriseId: scope.enterpriseId, version: 1, items, savedBy: actor.userId, ...submitted }).returning({ version: r.version })
			version = row!.version
		}
		if (mode === 'submit') await audit(tx, { actorUserId: actor.userId, action: 'self_inspection.submit', entityType: 'warning_push', entityId: pushId, enterpriseId: scope.enterpriseId, detail: { version, nonCompliant: items.filter((i) => i.answer === '不符合').length } })
		return { ok: true as const, version }
	})
}

/** Start a correction: a new draft version copied from the submitted one, with the reason. */
export async function startCorrection(actor: { userId: number }, scope: { enterpriseId: number }, pushId: number, reason: string): Promise<ReplyResult> {
	if (reason.trim().length < 2) return { ok: false, message: '请写明更正原因' }
	return db.transaction(async (tx) => {
		const [latest] = await tx
			.select({ version: r.version, status: r.status, items: r.items })
			.from(r)
			.where(and(eq(r.pushId, pushId), eq(r.enterpriseId, scope.enterpriseId)))
			.orderBy(desc(r.version))
			.limit(1)
			.for('update')
		if (!latest || latest.status !== 'submitted') return { ok: false as const, message: '只有已提交的回复可以更正' }
		const version = latest.version + 1
		await tx.insert(r).values({ pushId, enterpriseId: scope.enterpriseId, version, status: 'draft', items: latest.items, reason: reason.trim(), savedBy: actor.userId })
		await audit(tx, { actorUserId: actor.userId, action: 'self_inspection.correct', entityType: 'warning_push', entityId: pushId, enterpriseId: scope.enterpriseId, detail: { version, reason: reason.trim() } })
		return { ok: true as const, version }
	})
}
