import { and, asc, eq, exists, getTableColumns, isNull, or, sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { coveragePersonYear, employments, learningCredits, learningPresence, learningSessions, lessonProgress, lessons } from '#db/schema/index.ts'
import { addCreditedSeconds, refreshPeopleIn, sharedCoverageLock } from '#app/coverage/coverage.server.ts'
import { ledgerRules } from './rules.server.ts'
import { advanceVideo, evaluateHeartbeat, type HeartbeatOutcome, lessonComplete } from './ledger.ts'

export type HeartbeatInput = {
	lessonId: number
	tabId: string
	visible: boolean
	input: boolean
	/** Where the learner is: scroll per-mille (text) or seconds (video). */
	position?: number
	video?: { position: number; ended: boolean }
}

export type HeartbeatResult = {
	reason: HeartbeatOutcome['reason']
	locked: boolean
	creditedSeconds: number
	lessonSeconds: number
	requiredSeconds: number
	videoFurthest: number
	complete: boolean
}

/**
 * The employer a learner's time and records go to (the tenant key of the ledger), null for none:
 * the enterprise whose own lesson (a video it added) it is; otherwise, of the current employers,
 * one whose training of the year is still short by category, the nearest deadline first — with
 * two employers, the second's categories fill once the first's are met — and else the earliest
 * hired. One indexed read: the kept coverage rows by their key.
 */
async function creditEnterprise(personId: number, day: string, lessonEnterpriseId: number | null = null) {
	if (lessonEnterpriseId !== null) return lessonEnterpriseId
	const current = and(eq(employments.personId, personId), isNull(employments.leftOn))
	// Nearly everyone has one employer: that answers it without reading their coverage.
	const employers = await db.select({ id: employments.enterpriseId }).from(employments).where(current).orderBy(asc(employments.hiredOn), asc(employments.id)).limit(2)
	if (employers.length < 2) return employers[0]?.id ?? null
	const [row] = await db
		.select({ id: employments.enterpriseId })
		.from(employments)
		.leftJoin(coveragePersonYear, and(eq(coveragePersonYear.personId, employments.personId), eq(coveragePersonYear.enterpriseId, employments.enterpriseId), eq(coveragePersonYear.year, Number(day.slice(0, 4)))))
		.where(current)
		.orderBy(sql`case when ${coveragePersonYear.categoryShortSeconds} > 0 then 0 else 1 end`, sql`${coveragePersonYear.dueBy} asc nulls last`, asc(employments.hiredOn), asc(employments.id))
		.limit(1)
	return row?.id ?? null
}

/**
 * A lesson this person may study now: active, and either from content/ or a video added by
 * an enterprise that employs them. Anything else is treated as not existing.
 */
function learnable(personId: number, lessonId: number) {
	return and(
		eq(lessons.id, lessonId),
		eq(lessons.active, true),
		or(
			isNull(lessons.enterpriseId),
			exists(
				db
					.select({ one: sql`1` })
					.from(employments)
					.where(and(eq(employments.personId, personId), eq(employments.enterpriseId, lessons.enterpriseId), isNull(employments.leftOn))),
			),
		),
	)
}

/**
 * Apply one heartbeat: measure it against the person's presence with the server clock, append
 * the credit, move the video's furthest point at no more than real time, mark completion once.
 */
export async function recordHeartbeat(
	scope: { personId: number; sessionId: string },
	input: HeartbeatInput,
	now = new Date(),
	client: { ip: string | null; userAgent: string | null; deviceId: string | null } = { ip: null, userAgent: null, deviceId: null },
): Promise<HeartbeatResult | null> {
	const [lesson] = await db
		.select({ id: lessons.id, enterpriseId: lessons.enterpriseId, minutes: lessons.minutes, kind: lessons.kind, videoSeconds: lessons.videoSeconds, checkIds: lessons.checkIds, versionId: lessons.versionId })
		.from(lessons)
		.where(learnable(scope.personId, input.lessonId))
	if (!lesson || !lesson.versionId) return null
	const day = todayInShanghai(now)
	const enterpriseId = await creditEnterprise(scope.personId, day, lesson.enterpriseId)

	return db.transaction(async (tx) => {
		// One heartbeat of a person at a time: lock their presence row.
		// The presence row, locked, and the person's shared coverage lock in the same statement: a
		// recomputation of their coverage cannot miss the time this heartbeat credits.
		const [prev] = await tx
			.select({ ...getTableColumns(learningPresence), coverageLock: sharedCoverageLock(learningPresence.personId) })
			.from(learningPresence)
			.where(eq(learningPresence.personId, scope.personId))
			.for('update')
		const [today] = await tx
			.select({ s: sql<number>`coalesce(sum(${learningCredits.seconds}), 0)::int` })
			.from(learningCredits)
			.where(and(eq(learningCredits.personId, scope.personId), eq(learningCredits.day, day)))
		const outcome = evaluateHeartbeat(prev ?? null, { at: now, lessonId: lesson.id, tabId: input.tabId, sessionId: scope.sessionId, visible: input.visible, input: input.input }, today?.s ?? 0, ledgerRules())
		// A stretch of learning starts (first heartbeat, another login session, a new day): note
		// where and on what, once per session and day (a 走过场 signal; not on every heartbeat).
		if (outcome.reason !== 'other-window' && (!prev || prev.sessionId !== scope.sessionId || todayInShanghai(prev.lastBeatAt) !== day)) {
			await tx
				.insert(learningSessions)
				.values({ sessionId: scope.sessionId, day, personId: scope.personId, enterpriseId, deviceId: client.deviceId, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null, firstAt: now })
				.onConflictDoNothing()
		}
		if (outcome.reason !== 'other-window') {
			await tx
				.insert(learningPresence)
				.values({ personId: scope.personId, ...outcome.presence })
				.onConflictDoUpdate({ target: learningPresence.personId, set: outcome.presence })
		}
		if (outcome.creditSeconds > 0) {
			await tx.insert(learningCredits).values({
				personId: scope.personId,
				enterpriseId,
				lessonId: lesson.id,
				lessonVersionId: lesson.versionId!,
				day,
				seconds: outcome.creditSeconds,
				creditedAt: now,
			})
			await addCreditedSeconds(tx, { personId: scope.personId, enterpriseId, day, seconds: outcome.creditSeconds })
		}
		const [progress] = await tx
			.select()
			.from(lessonProgress)
			.where(and(eq(lessonProgress.personId, scope.personId), eq(lessonProgress.lessonId, lesson.id)))
		let videoFurthest = progress?.videoFurthest ?? 0
		let videoEnded = progress?.videoEnded ?? false
		if (lesson.kind === 'video' && input.video && lesson.videoSeconds && outcome.reason === 'credited') {
			const elapsed = prev ? (now.getTime() - prev.lastBeatAt.getTime()) / 1000 : 0
			videoFurthest = Math.floor(advanceVideo(videoFurthest, input.video.position, elapsed, lesson.videoSeconds))
			videoEnded = videoEnded || (input.video.ended && videoFurthest >= lesson.videoSeconds - 2)
		}
		const [sum] = await tx
			.select({ s: sql<number>`coalesce(sum(${learningCredits.seconds}), 0)::int` })
			.from(learningCredits)
			.where(and(eq(learningCredits.personId, scope.personId), eq(learningCredits.lessonId, lesson.id)))
		const lessonSeconds = sum?.s ?? 0
		const complete = lessonComplete({
			creditedSeconds: lessonSeconds,
			requiredMinutes: lesson.minutes,
			kind: lesson.kind,
			videoEnded,
			checkIds: lesson.checkIds,
			answeredChecks: progress?.checks ?? {},
		})
		const position = input.position ?? input.video?.position ?? progress?.position ?? 0
		const values = {
			position: Math.max(0, Math.floor(position)),
			videoFurthest,
			videoEnded,
			enterpriseId,
			updatedAt: now,
			...(complete && !progress?.completedAt ? { completedAt: now, completedVersionId: lesson.versionId } : {}),
		}
		if (outcome.reason !== 'other-window') {
			await tx
				.insert(lessonProgress)
				.values({ personId: scope.personId, lessonId: lesson.id, ...values })
				.onConflictDoUpdate({ target: [lessonProgress.personId, lessonProgress.lessonId], set: values })
			// A lesson completed for the first time may complete an assigned course.
			if ('completedAt' in values) await refreshPeopleIn(tx, [scope.personId], Number(day.slice(0, 4)))
		}
		return {
			reason: outcome.reason,
			locked: outcome.locked,
			creditedSeconds: outcome.creditSeconds,
			lessonSeconds,
			requiredSeconds: lesson.minutes * 60,
			videoFurthest,
			complete: complete || Boolean(progress?.completedAt),
		}
	})
}

/** Record an answer to an inline <Check> (ungraded; it counts toward completion). */
export async function recordCheckAnswer(scope: { personId: number }, input: { lessonId: number; checkId: string; choice: number }) {
	const [lesson] = await db.select({ id: lessons.id, enterpriseId: lessons.enterpriseId, checkIds: lessons.checkIds }).from(lessons).where(learnable(scope.personId, input.lessonId))
	if (!lesson || !lesson.checkIds.includes(input.checkId)) return false
	const enterpriseId = await creditEnterprise(scope.personId, todayInShanghai(), lesson.enterpriseId)
	await db
		.insert(lessonProgress)
		.values({ personId: scope.personId, lessonId: lesson.id, enterpriseId, checks: { [input.checkId]: input.choice } })
		.onConflictDoUpdate({
			target: [lessonProgress.personId, lessonProgress.lessonId],
			set: { checks: sql`${lessonProgress.checks} || ${JSON.stringify({ [input.checkId]: input.choice })}::jsonb`, updatedAt: new Date() },
		})
	return true
}

/** Save a learner's 对照检视 answers for one checklist. */
export async function recordSelfCheck(scope: { personId: number }, input: { lessonId: number; checkId: string; answers: Record<string, string> }) {
	const [lesson] = await db.select({ id: lessons.id, enterpriseId: lessons.enterpriseId }).from(lessons).where(learnable(scope.personId, input.lessonId))
	if (!lesson) return false
	const enterpriseId = await creditEnterprise(scope.personId, todayInShanghai(), lesson.enterpriseId)
	const patch = JSON.stringify({ [input.checkId]: input.answers })
	await db
		.insert(lessonProgress)
		.values({ personId: scope.personId, lessonId: input.lessonId, enterpriseId, selfChecks: { [input.checkId]: input.answers } })
		.onConflictDoUpdate({
			target: [lessonProgress.personId, lessonProgress.lessonId],
			set: { selfChecks: sql`${lessonProgress.selfChecks} || ${patch}::jsonb`, updatedAt: new Date() },
		})
	return true
}
