// Coverage rebuilds in the background: a change of the rules in force changes what everyone
// owes, and at a province's size the rebuild takes longer than a request should. The request
// queues a rebuild and returns; this instance runs the queue one rebuild at a time and writes
// its progress, which the rules page shows. A rebuild can always be run again, so one cut off
// by a crash is simply queued again at the next start-up.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, silentHeartbeat } from '#app/utils/db.server.ts'
import { coverageRebuilds } from '#db/schema/index.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { rebuildCoverage } from './coverage.server.ts'
import { refreshCoverageRollups } from './rollups.server.ts'

const r = coverageRebuilds

/** Queue a rebuild of a year's coverage and start the queue; returns the rebuild's id. */
export async function requestCoverageRebuild(actor: { userId: number } | null, year: number, reason: string) {
	const [job] = await db.insert(r).values({ year, reason, requestedBy: actor?.userId ?? null, status: 'queued' }).returning({ id: r.id })
	void runQueuedRebuilds()
	return job!.id
}

let draining: Promise<void> | null = null
let requestedAgain = false

/**
 * Run the queued rebuilds, oldest first, one at a time in this instance. Never throws; returns
 * when the queue is empty (tests and start-up may wait for it).
 */
export function runQueuedRebuilds(): Promise<void> {
	if (draining) {
		requestedAgain = true
		return draining
	}
	draining = (async () => {
		try {
			do {
				requestedAgain = false
				for (let job = await claimNext(); job; job = await claimNext()) await run(job)
			} while (requestedAgain)
		} catch (error) {
			console.error('覆盖率重算队列出错', error)
		} finally {
			draining = null
		}
	})()
	return draining
}

/** Take the oldest queued rebuild; another instance taking it first makes this return nothing. */
async function claimNext() {
	const oldest = db.select({ id: r.id }).from(r).where(eq(r.status, 'queued')).orderBy(asc(r.createdAt), asc(r.id)).limit(1)
	const [job] = await db
		.update(r)
		.set({ status: 'running', startedAt: new Date(), heartbeatAt: new Date() })
		.where(and(inArray(r.id, oldest), eq(r.status, 'queued')))
		.returning({ id: r.id, year: r.year })
	return job
}

async function run(job: { id: number; year: number }) {
	// Progress goes out at most once a second, in order, and is all written before the end.
	let written = Promise.resolve()
	let lastWrite = 0
	const progress = (done: number, total: number) => {
		const now = Date.now()
		if (now - lastWrite < 1000 && done < total) return
		lastWrite = now
		written = written.then(async () => {
			await db.update(r).set({ peopleDone: done, peopleTotal: total, heartbeatAt: new Date() }).where(eq(r.id, job.id))
		})
	}
	try {
		const result = await rebuildCoverage(job.year, { onProgress: progress })
		await written
		// The regulator dashboard reads rollups: bring them to the new rules now, not at the next sweep.
		const today = todayInShanghai()
		if (today.startsWith(String(job.year))) await refreshCoverageRollups(job.year, today)
		await db.update(r).set({ status: 'done', rows: result.rows, differenceCount: result.differenceCount, finishedAt: new Date(), heartbeatAt: new Date() }).where(eq(r.id, job.id))
	} catch (error) {
		console.error(`覆盖率重算 #${job.id} 失败`, error)
		await written.catch(() => {})
		await db
			.update(r)
			.set({ status: 'failed', error: `重算中断：${error instanceof Error ? error.message : String(error)}`.slice(0, 500), finishedAt: new Date() })
			.where(eq(r.id, job.id))
			.catch(() => {})
	}
}

/**
 * At start-up: rebuilds left running by an instance that died go back in the queue, and the
 * queue starts (in the background). On PGlite whatever was running died with the process; on
 * PostgreSQL only rebuilds without a sign of life for two minutes count as cut off.
 */
export async function resumeCoverageRebuilds() {
	const requeued = await db.update(r).set({ status: 'queued', peopleDone: 0 }).where(and(eq(r.status, 'running'), silentHeartbeat(r.heartbeatAt))).returning({ id: r.id })
	const [waiting] = await db.select({ n: sql<number>`count(*)::int` }).from(r).where(eq(r.status, 'queued'))
	if ((waiting?.n ?? 0) > 0) void runQueuedRebuilds()
	return requeued.length
}

/** The latest rebuild of a year, for the page that caused it. */
export async function latestCoverageRebuild(year: number) {
	const [job] = await db
		.select({ id: r.id, status: r.status, reason: r.reason, peopleDone: r.peopleDone, peopleTotal: r.peopleTotal, rows: r.rows, differenceCount: r.differenceCount, error: r.error, createdAt: r.createdAt, finishedAt: r.finishedAt })
		.from(r)
		.where(eq(r.year, year))
		.orderBy(desc(r.createdAt), desc(r.id))
		.limit(1)
	return job ?? null
}
