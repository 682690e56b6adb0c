// npm run bench:roster
//
// Generates a 50,000-row .xlsx roster, then imports it (check + apply, then the same file
// again) on PGlite and, when a server is reachable, on PostgreSQL. Each driver runs in its
// own child process (the database module reads its environment once), so the memory
// figures are that import's alone. Prints figures and conditions; asserts nothing.
//
// Environment: BENCH_ROWS (default 50000), BENCH_ADMIN_URL (default postgres://127.0.0.1:5432/test).

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { makeRosterXlsx, rosterRows } from '#tests/fixtures/roster.ts'

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000)
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://127.0.0.1:5432/test'
const MB = 1024 * 1024

function mb(bytes: number) {
	return `${(bytes / MB).toFixed(0)} MB`
}

function seconds(ms: number) {
	return `${(ms / 1000).toFixed(2)} s`
}

// ---------------------------------------------------------------------------
// Worker: one driver, one process

type PhaseResult = {
	name: string
	ms: number
	rows: number
	startRss: number
	peakRss: number
	peakHeap: number
	/** Heap used (after a full GC) when the phase had processed this many rows. */
	heapAt: Map<number, number>
	outcome: string
}

async function worker(driver: string, file: string) {
	// The environment is set by the parent before this process imports the database module.
	const { runMigrations } = await import('#db/migrate.ts')
	const { closeDb, db, dbDriver } = await import('#app/utils/db.server.ts')
	const { enterprises, regions, users } = await import('#db/schema/index.ts')
	const { applyRosterImport, checkRosterImport, startRosterImport } = await import('#app/orgs/roster.server.ts')
	const { eq } = await import('drizzle-orm')
	const gc = (globalThis as { gc?: () => void }).gc

	if (dbDriver() !== driver) throw new Error(`expected the ${driver} driver, got ${dbDriver()}`)
	await runMigrations()
	const [region] = await db.insert(regions).values({ name: '基准区', level: 'county', path: '/', depth: 1 }).returning()
	await db.update(regions).set({ path: `/${region!.id}/` }).where(eq(regions.id, region!.id))
	const [enterprise] = await db
		.insert(enterprises)
		.values({
			name: '基准测试机械有限公司',
			creditCode: '91110105MA00BENCH0',
			regionId: region!.id,
			regionPath: `/${region!.id}/`,
			industry: 'machinery',
			size: 'small',
			highRisk: false,
		})
		.returning({ id: enterprises.id })
	const [user] = await db.insert(users).values({ displayName: '基准', passwordHash: 'x' }).returning({ id: users.id })
	const scope = { enterpriseId: enterprise!.id }
	const actorUserId = user!.id
	const bytes = new Uint8Array(readFileSync(file))

	async function measure(name: string, run: (onProgress: (p: { rowsProcessed: number }) => void) => Promise<string>) {
		gc?.()
		const heapAt = new Map<number, number>()
		const startRss = process.memoryUsage.rss()
		let peakRss = startRss
		let peakHeap = process.memoryUsage().heapUsed
		const sampler = setInterval(() => {
			const m = process.memoryUsage()
			peakRss = Math.max(peakRss, m.rss)
			peakHeap = Math.max(peakHeap, m.heapUsed)
		}, 50)
		let rows = 0
		const onProgress = ({ rowsProcessed }: { rowsProcessed: number }) => {
			rows = Math.max(rows, rowsProcessed)
			if ((rowsProcessed === 10_000 || rowsProcessed === ROWS) && !heapAt.has(rowsProcessed)) {
				gc?.()
				heapAt.set(rowsProcessed, process.memoryUsage().heapUsed)
			}
		}
		const started = performance.now()
		const outcome = await run(onProgress)
		const ms = performance.now() - started
		clearInterval(sampler)
		const m = process.memoryUsage()
		return { name, ms, rows, startRss, peakRss: Math.max(peakRss, m.rss), peakHeap: Math.max(peakHeap, m.heapUsed), heapAt, outcome }
	}

	gc?.()
	const baseline = process.memoryUsage()
	const results: PhaseResult[] = []
	for (const round of ['first import', 're-import (same file)']) {
		const importId = await startRosterImport({ ...scope, actorUserId, filename: 'roster-50k.xlsx', bytes })
		results.push(
			await measure(`${round}: check`, async (onProgress) => {
				const r = await checkRosterImport(importId, scope, { onProgress })
				return `${r.status}, problems ${r.problemCount}, planned created ${r.created} updated ${r.updated} unchanged ${r.unchanged}`
			}),
		)
		results.push(
			await measure(`${round}: apply`, async (onProgress) => {
				const r = await applyRosterImport(importId, { ...scope, actorUserId }, { onProgress })
				return `${r.status}${r.error ? ` (${r.error})` : ''}, created ${r.created} updated ${r.updated} unchanged ${r.unchanged}`
			}),
		)
	}

	console.log(`\n== ${dbDriver()} ==`)
	console.log(`after migrations, before the import: RSS ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)}`)
	for (const r of results) {
		const heap = [...r.heapAt].map(([n, h]) => `${n / 1000}k rows ${mb(h)}`).join(', ')
		console.log(
			`${r.name.padEnd(30)} ${seconds(r.ms).padStart(8)}  ${String(Math.round(r.rows / (r.ms / 1000))).padStart(6)} rows/s` +
				`  RSS ${mb(r.startRss)} → peak ${mb(r.peakRss)}, peak heap ${mb(r.peakHeap)}${heap ? `; heap after GC at ${heap}` : ''}`,
		)
		console.log(`${''.padEnd(30)} → ${r.outcome}`)
	}
	const total = (results[0]?.ms ?? 0) + (results[1]?.ms ?? 0)
	console.log(`first import check + apply: ${seconds(total)} for ${ROWS} rows (${Math.round(ROWS / (total / 1000))} rows/s)`)
	console.log(`process max RSS (getrusage): ${mb(process.resourceUsage().maxRSS * 1024)}`)
	await closeDb()
}

// ---------------------------------------------------------------------------
// Parent: make the file, run each driver in a child process

function runWorker(driver: 'pglite' | 'postgres', file: string, env: NodeJS.ProcessEnv) {
	const script = path.resolve(import.meta.dirname, 'roster-import.bench.ts')
	return new Promise<number>((resolve, reject) => {
		const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', script, '--worker', driver, file], {
			env,
			stdio: 'inherit',
		})
		child.on('error', reject)
		child.on('exit', (code) => resolve(code ?? 1))
	})
}

async function parent() {
	const cpus = os.cpus()
	console.log('roster import benchmark')
	console.log(
		`conditions: node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} CPU (${cpus[0]?.model.trim() ?? '?'}), ` +
			`${mb(os.totalmem())} RAM, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (a shared machine: other work skews times)`,
	)
	const dir = mkdtempSync(path.join(os.tmpdir(), 'anxun-bench-'))
	try {
		const file = path.join(dir, 'roster-50k.xlsx')
		const started = performance.now()
		const bytes = await makeRosterXlsx(rosterRows(ROWS))
		writeFileSync(file, bytes)
		console.log(`file: ${ROWS} rows, ${mb(bytes.length)} .xlsx (dates as date cells, shared strings), generated in ${seconds(performance.now() - started)}`)

		const base: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', SEED_DEMO: '0' }
		delete base.DATABASE_URL
		delete base.APP_SECRET
		let failed = (await runWorker('pglite', file, { ...base, DATA_DIR: path.join(dir, 'pglite') })) !== 0

		const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 })
		const reachable = await admin`select version()`.then(
			(rows) => String(rows[0]?.version ?? '').split(' on ')[0],
			() => null,
		)
		if (!reachable) {
			console.log(`\n== postgres ==\nskipped: no server at ${ADMIN_URL}`)
		} else {
			const name = `anxun_bench_${process.pid}`
			await admin.unsafe(`create database "${name}"`)
			try {
				const url = new URL(ADMIN_URL)
				url.pathname = `/${name}`
				console.log(`\n(${reachable}, throw-away database ${name})`)
				failed = (await runWorker('postgres', file, { ...base, DATABASE_URL: url.toString() })) !== 0 || failed
			} finally {
				await admin.unsafe(`drop database if exists "${name}" with (force)`)
			}
		}
		await admin.end({ timeout: 5 })
		if (failed) process.exitCode = 1
	} finally {
		rmSync(dir, { recursive: true, force: true })
	}
}

const workerIndex = process.argv.indexOf('--worker')
if (workerIndex >= 0) {
	await worker(process.argv[workerIndex + 1] ?? '?', process.argv[workerIndex + 2] ?? '')
} else {
	await parent()
}
