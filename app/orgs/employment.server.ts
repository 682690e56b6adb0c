import { refreshCoverageFor, refreshCoverageSince } from '#app/coverage/coverage.server.ts'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { addMonths, todayInShanghai } from '#app/utils/time.ts'
import { employmentEvents, employments } from '#db/schema/index.ts'
import { audit } from './audit.server.ts'
import { leavePeriods, onLeave } from './employment.ts'
import { type JobCategory } from './industries.ts'

export type EmploymentChangeResult = { ok: true } | { ok: false; message: string }

type Scope = { enterpriseId: number; actorUserId: number }

async function openEmployment(scope: Scope, employmentId: number) {
	const [row] = await db
		.select({
			id: employments.id,
			personId: employments.personId,
			hiredOn: employments.hiredOn,
			postedOn: employments.postedOn,
			leftOn: employments.leftOn,
			jobCategory: employments.jobCategory,
			workType: employments.workType,
		})
		.from(employments)
		.where(and(eq(employments.id, employmentId), eq(employments.enterpriseId, scope.enterpriseId)))
	return row ?? null
}

async function eventsOf(scope: Scope, employmentId: number) {
	return db
		.select({ kind: employmentEvents.kind, effectiveOn: employmentEvents.effectiveOn, endsOn: employmentEvents.endsOn })
		.from(employmentEvents)
		.where(and(eq(employmentEvents.employmentId, employmentId), eq(employmentEvents.enterpriseId, scope.enterpriseId)))
		.orderBy(asc(employmentEvents.effectiveOn))
}

function dateProblem(date: string, hiredOn: string, label: string) {
	if (date < hiredOn) return `${label}${date}早于入职日期${hiredOn}，请核对`
	if (date > todayInShanghai()) return `${label}${date}晚于今天，请在发生后登记`
	return null
}

/**
 * A 上岗日期 (the day work at the post starts) lies between the hire or change it follows and a
 * year after it; it may be ahead of today (training is planned before it).
 */
function postingProblem(postedOn: string, from: string, fromLabel: string) {
	if (postedOn < from) return `上岗日期${postedOn}早于${fromLabel}${from}，请核对`
	if (postedOn > addMonths(from, 12)) return `上岗日期${postedOn}比${fromLabel}${from}晚一年以上，请核对`
	return null
}

/**
 * 上岗日期: the day the person starts work at the post they were hired for. 岗前培训 is due before
 * it (法 第二十八条: no one works untrained). Recorded or corrected with an audit entry that
 * keeps the previous date.
 */
export async function recordPosting(scope: Scope, input: { employmentId: number; postedOn: string; note: string | null }): Promise<EmploymentChangeResult> {
	const current = await openEmployment(scope, input.employmentId)
	if (!current) return { ok: false, message: '找不到该人员的任职记录' }
	if (current.leftOn) return { ok: false, message: `该人员已于${current.leftOn}离职` }
	const problem = postingProblem(input.postedOn, current.hiredOn, '入职日期')
	if (problem) return { ok: false, message: problem }
	if (current.postedOn === input.postedOn) return { ok: false, message: `上岗日期已是${input.postedOn}` }
	await db.transaction(async (tx) => {
		await tx
			.update(employments)
			.set({ postedOn: input.postedOn, updatedAt: new Date() })
			.where(and(eq(employments.id, input.employmentId), eq(employments.enterpriseId, scope.enterpriseId), isNull(employments.leftOn)))
		await audit(tx, {
			actorUserId: scope.actorUserId,
			action: 'employment.posting',
			entityType: 'employment',
			entityId: input.employmentId,
			enterpriseId: scope.enterpriseId,
			detail: { from: current.postedOn, to: input.postedOn, note: input.note },
		})
	})
	await refreshCoverageSince([current.personId], current.hiredOn)
	return { ok: true }
}

/** 调岗: a new job category / work type from a date; history is appended, never rewritten. */
export async function recordJobChange(
	scope: Scope,
	input: { employmentId: number; effectiveOn: string; postedOn?: string | null; jobCategory: JobCategory; workType: string | null; department: string | null; note: string | null },
): Promise<EmploymentChangeResult> {
	const current = await openEmployment(scope, input.employmentId)
	if (!current) return { ok: false, message: '找不到该人员的任职记录' }
	if (current.leftOn) return { ok: false, message: `该人员已于${current.leftOn}离职，不能调岗` }
	const problem = dateProblem(input.effectiveOn, current.hiredOn, '调岗日期') ?? (input.postedOn ? postingProblem(input.postedOn, input.effectiveOn, '调岗日期') : null)
	if (problem) return { ok: false, message: problem }
	if (input.jobCategory === 'special_operator' && !input.workType) {
		return { ok: false, message: '调整为特种作业人员时须填写工种' }
	}
	if (current.jobCategory === input.jobCategory && (current.workType ?? null) === (input.workType ?? null)) {
		return { ok: false, message: '岗位类别和工种都没有变化' }
	}
	await db.transaction(async (tx) => {
		await tx
			.update(employments)
			.set({
				jobCategory: input.jobCategory,
				workType: input.workType,
				...(input.department ? { department: input.department } : {}),
				updatedAt: new Date(),
			})
			.where(and(eq(employments.id, input.employmentId), eq(employments.enterpriseId, scope.enterpriseId), isNull(employments.leftOn)))
		await tx.insert(employmentEvents).values({
			enterpriseId: scope.enterpriseId,
			employmentId: input.employmentId,
			kind: 'job_change',
			effectiveOn: input.effectiveOn,
			postedOn: input.postedOn ?? null,
			fromJobCategory: current.jobCategory,
			toJobCategory: input.jobCategory,
			fromWorkType: current.workType,
			toWorkType: input.workType,
			note: input.note,
			actorUserId: scope.actorUserId,
		})
		await audit(tx, {
			actorUserId: scope.actorUserId,
			action: 'employment.job_change',
			entityType: 'employment',
			entityId: input.employmentId,
			enterpriseId: scope.enterpriseId,
			detail: { from: current.jobCategory, to: input.jobCategory, fromWorkType: current.workType, toWorkType: input.workType, effectiveOn: input.effectiveOn, postedOn: input.postedOn ?? null },
		})
	})
	await refreshCoverageSince([current.personId], input.effectiveOn)
	return { ok: true }
}

/** 离岗: the start of a leave (and its end when already known). */
export async function recordLeave(
	scope: Scope,
	input: { employmentId: number; from: string; to: string | null; note: string | null },
): Promise<EmploymentChangeResult> {
	const current = await openEmployment(scope, input.employmentId)
	if (!current) return { ok: false, message: '找不到该人员的任职记录' }
	if (current.leftOn) return { ok: false, message: `该人员已于${current.leftOn}离职` }
	const problem = dateProblem(input.from, current.hiredOn, '离岗日期') ?? (input.to ? dateProblem(input.to, current.hiredOn, '返岗日期') : null)
	if (problem) return { ok: false, message: problem }
	if (input.to && input.to <= input.from) return { ok: false, message: '返岗日期应晚于离岗日期' }
	const events = await eventsOf(scope, input.employmentId)
	if (onLeave(events)) return { ok: false, message: '该人员目前处于离岗状态，请先登记返岗' }
	const overlaps = leavePeriods(events).some((p) => p.to !== null && input.from < p.to && (input.to ?? '9999-12-31') > p.from)
	if (overlaps) return { ok: false, message: '与已登记的离岗期间重叠，请核对日期' }
	await db.transaction(async (tx) => {
		await tx.insert(employmentEvents).values({
			enterpriseId: scope.enterpriseId,
			employmentId: input.employmentId,
			kind: 'leave',
			effectiveOn: input.from,
			endsOn: input.to,
			note: input.note,
			actorUserId: scope.actorUserId,
		})
		await audit(tx, {
			actorUserId: scope.actorUserId,
			action: 'employment.leave',
			entityType: 'employment',
			entityId: input.employmentId,
			enterpriseId: scope.enterpriseId,
			detail: { from: input.from, to: input.to },
		})
	})
	await refreshCoverageSince([current.personId], input.from)
	return { ok: true }
}

/** 返岗: closes the open leave with a `return` event. */
export async function recordReturn(
	scope: Scope,
	input: { employmentId: number; on: string; note: string | null },
): Promise<EmploymentChangeResult> {
	const current = await openEmployment(scope, input.employmentId)
	if (!current) return { ok: false, message: '找不到该人员的任职记录' }
	const events = await eventsOf(scope, input.employmentId)
	const open = leavePeriods(events).find((p) => p.to === null)
	if (!open) return { ok: false, message: '该人员目前没有未结束的离岗记录' }
	if (input.on <= open.from) return { ok: false, message: `返岗日期应晚于离岗日期${open.from}` }
	if (input.on > todayInShanghai()) return { ok: false, message: '返岗日期不能晚于今天' }
	await db.transaction(async (tx) => {
		await tx.insert(employmentEvents).values({
			enterpriseId: scope.enterpriseId,
			employmentId: input.employmentId,
			kind: 'return',
			effectiveOn: input.on,
			note: input.note,
			actorUserId: scope.actorUserId,
		})
		await audit(tx, {
			actorUserId: scope.actorUserId,
			action: 'employment.return',
			entityType: 'employment',
			entityId: input.employmentId,
			enterpriseId: scope.enterpriseId,
			detail: { leaveFrom: open.from, returnedOn: input.on },
		})
	})
	await refreshCoverageSince([current.personId], input.on)
	return { ok: true }
}

/**
 * 特种作业操作证复审: the date the person's certificate is due for review. The obligation engine
 * asks for the 复审 training before it. A later entry for the same date is refused; a corrected
 * date is a new entry (the audit log keeps both).
 */
export async function recordSpecialReview(scope: Scope, input: { employmentId: number; reviewOn: string; note: string | null }): Promise<EmploymentChangeResult> {
	const current = await openEmployment(scope, input.employmentId)
	if (!current) return { ok: false, message: '找不到该人员的任职记录' }
	if (current.leftOn) return { ok: false, message: `该人员已于${current.leftOn}离职` }
	if (current.jobCategory !== 'special_operator') return { ok: false, message: '只有特种作业人员需要登记操作证复审日期' }
	const today = todayInShanghai()
	const latest = `${Number(today.slice(0, 4)) + 6}-12-31`
	if (input.reviewOn < current.hiredOn) return { ok: false, message: `复审日期${input.reviewOn}早于入职日期${current.hiredOn}，请核对` }
	if (input.reviewOn > latest) return { ok: false, message: `复审日期${input.reviewOn}太远：操作证每 3 年复审一次（最长 6 年），请核对` }
	const events = await eventsOf(scope, input.employmentId)
	if (events.some((e) => e.kind === 'special_review' && e.effectiveOn === input.reviewOn)) return { ok: false, message: `已登记过${input.reviewOn}的复审` }
	await db.transaction(async (tx) => {
		await tx.insert(employmentEvents).values({
			enterpriseId: scope.enterpriseId,
			employmentId: input.employmentId,
			kind: 'special_review',
			effectiveOn: input.reviewOn,
			note: input.note,
			actorUserId: scope.actorUserId,
		})
		await audit(tx, {
			actorUserId: scope.actorUserId,
			action: 'employment.special_review',
			entityType: 'employment',
			entityId: input.employmentId,
			enterpriseId: scope.enterpriseId,
			detail: { reviewOn: input.reviewOn },
		})
	})
	await refreshCoverageFor([current.personId], Number(input.reviewOn.slice(0, 4)))
	return { ok: true }
}
