// `npm run bench:lesson`: lesson-page requests per second through the production server
// (session check, queries, cached MDX, React SSR) beside a bare node:http hello on the same
// machine, and the full content build time. Prints figures; asserts nothing.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { waitForOk } from '../support/wait-for.ts'

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const LESSON = '/learn/work-safety-law/enterprise-safeguards'

async function load(url: string, headers: Record<string, string>) {
	const latencies: number[] = []
	let errors = 0
	const end = Date.now() + DURATION_MS
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (Date.now() < end) {
				const t = performance.now()
				try {
					const res = await fetch(url, { headers })
					await res.arrayBuffer()
					if (res.status !== 200) errors++
				} catch {
					errors++
				}
				latencies.push(performance.now() - t)
			}
		}),
	)
	latencies.sort((a, b) => a - b)
	const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(1)
	return { rps: (latencies.length / (DURATION_MS / 1000)).toFixed(0), p50: pct(0.5), p95: pct(0.95), requests: latencies.length, errors }
}

console.log('lesson page benchmark')
console.log(`conditions: node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model}), load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}, ${CONCURRENCY} concurrent clients for ${DURATION_MS / 1000} s each, client in the same machine`)

// 1. Full content build, from an empty cache.
const cache = mkdtempSync(path.join(os.tmpdir(), 'anxun-bench-mdx-'))
const t0 = performance.now()
execFileSync('npx', ['tsx', 'app/courses/build-content.ts'], { env: { ...process.env, CONTENT_CACHE_DIR: cache }, stdio: 'pipe' })
console.log(`full content build (validate + compile every MDX file, one at a time): ${((performance.now() - t0) / 1000).toFixed(2)} s`)
rmSync(cache, { recursive: true, force: true })

// 2. Bare node:http hello.
const hello = spawn('node', ['-e', "require('http').createServer((q,s)=>s.end('hello')).listen(3298)"], { stdio: 'ignore' })
await waitForOk('http://127.0.0.1:3298/')
const bare = await load('http://127.0.0.1:3298/', {})
hello.kill()

// 3. The app (production build; run `npm run build` first), embedded database, demo data.
const data = mkdtempSync(path.join(os.tmpdir(), 'anxun-bench-db-'))
const app = spawn('node', ['app/server/start.mjs'], { env: { ...process.env, PORT: '3299', NODE_ENV: 'production', DATA_DIR: path.join(data, 'db') }, stdio: 'ignore' })
try {
	await waitForOk('http://127.0.0.1:3299/healthcheck')
	const login = await fetch('http://127.0.0.1:3299/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { Origin: 'http://127.0.0.1:3299', 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'identifier=13900000002&password=anxun2026',
	})
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
	const page = await load(`http://127.0.0.1:3299${LESSON}`, { Cookie: cookie })
	console.log(`bare node:http hello        ${bare.rps.padStart(6)} req/s  p50 ${bare.p50} ms  p95 ${bare.p95} ms  (${bare.requests} requests, ${bare.errors} errors)`)
	console.log(`lesson page (${LESSON})  ${page.rps.padStart(6)} req/s  p50 ${page.p50} ms  p95 ${page.p95} ms  (${page.requests} requests, ${page.errors} errors)`)
	console.log(`ratio lesson/hello: ${(Number(page.rps) / Number(bare.rps)).toFixed(3)}  (PGlite, single process, logged-in learner, compression on)`)
} finally {
	app.kill('SIGTERM')
	await sleep(1500)
	rmSync(data, { recursive: true, force: true })
}
