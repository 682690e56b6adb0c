// `npm run bench:heartbeat`: the learning heartbeat's write path on PostgreSQL (a throw-away
// database on TEST_DATABASE_URL's server), called in process: many learners at once, each
// beating every 15 s of simulated time, so every heartbeat credits time (ledger row, coverage
// increment under the person's shared coverage lock, progress upsert) and each learner's first
// one notes where the stretch of learning started. Prints heartbeats per second and latency
// percentiles; asserts nothing.
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import postgres from 'postgres'

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200)
const BEATS = Number(process.env.BENCH_BEATS ?? 20)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const dbName = `anxun_bench_${randomBytes(4).toString('hex')}`
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0

console.log('heartbeat benchmark')
console.log(`conditions: in process, ${LEARNERS} learners × ${BEATS} heartbeats, ${CONCURRENCY} at once; node ${process.version}, ${os.cpus().length} CPU, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}; PostgreSQL at ${new URL(adminUrl).host}`)
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
await admin.unsafe(`create database "${dbName}"`)
process.env.DATABASE_URL = dbUrl
try {
	const { runMigrations } = await import('#db/migrate.ts')
	const { prepareContent } = await import('#app/courses/sync.server.ts')
	const { recordHeartbeat } = await import('#app/learning/ledger.server.ts')
	const { db, closeDb } = await import('#app/utils/db.server.ts')
	const { employments, enterprises, lessons, people, regions } = await import('#db/schema/index.ts')
	const { isNull } = await import('drizzle-orm')
	await runMigrations()
	await prepareContent()
	const [region] = await db.insert(regions).values({ name: '压测县', level: 'county', path: '/1/', depth: 1 }).returning()
	const [ent] = await db.insert(enterprises).values({ name: '压测企业', creditCode: '9'.repeat(18), regionId: region!.id, regionPath: '/1/', industry: 'machinery', size: 'large', highRisk: false }).returning()
	const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(isNull(lessons.enterpriseId)).limit(1)
	const ids: number[] = []
	for (let i = 0; i < LEARNERS; i++) {
		const [p] = await db.insert(people).values({ name: `压测学员${i}`, phone: `177${String(i).padStart(8, '0')}` }).returning()
		await db.insert(employments).values({ enterpriseId: ent!.id, personId: p!.id, jobCategory: 'other', hiredOn: '2024-01-01' })
		ids.push(p!.id)
	}
	const t0 = Date.now() - 6 * 3600_000
	const latencies: number[] = []
	let credited = 0
	const queue = [...ids]
	const started = performance.now()
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			for (let personId = queue.shift(); personId !== undefined; personId = queue.shift()) {
				for (let beat = 0; beat < BEATS; beat++) {
					const t = performance.now()
					const result = await recordHeartbeat(
						{ personId, sessionId: `bench-${personId}` },
						{ lessonId: lesson!.id, tabId: `tab-${personId}-bench`, visible: true, input: true },
						new Date(t0 + beat * 15_000),
						{ ip: '10.0.0.1', userAgent: 'bench', deviceId: null },
					)
					latencies.push(performance.now() - t)
					if (result && result.creditedSeconds > 0) credited++
				}
			}
		}),
	)
	const seconds = (performance.now() - started) / 1000
	latencies.sort((a, b) => a - b)
	console.log(`heartbeats: ${latencies.length} in ${seconds.toFixed(1)} s → ${(latencies.length / seconds).toFixed(0)}/s (${credited} credited time); p50 ${pct(latencies, 0.5).toFixed(1)} ms, p95 ${pct(latencies, 0.95).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms`)
	await closeDb()
} finally {
	await admin.unsafe(`drop database if exists "${dbName}" with (force)`)
	await admin.end()
}
