// `npm run bench:exam`: the exam engine under load, on PostgreSQL (a throw-away database on
// TEST_DATABASE_URL's server). Prints, asserts nothing:
//   1. a start burst: hundreds of learners pressing 开始考试 at once — goodput and the slowest start;
//   2. answer saves per second through the full HTTP action (session check, ownership check,
//      sequenced upsert) beside pgbench running the same SQL on the same server — the ratio;
//   3. the exam page's JavaScript, gzipped.
// Run `npm run build` first. With BENCH_SPLIT_CORES=1 (Linux, root, PostgreSQL on this machine)
// PostgreSQL is pinned to the first core and the server, wrk and pgbench to the others, for
// both measurements: the ratio then compares the app with the database on equal terms, as on
// a deployment where the app has its own machine. Affinity is restored at the end.
import { execFileSync, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import postgres from 'postgres'
import { waitForOk } from '../support/wait-for.ts'

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 300)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const PORT = 3295
const BASE = `http://127.0.0.1:${PORT}`
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const dbName = `anxun_bench_${randomBytes(4).toString('hex')}`
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0

console.log('exam engine benchmark')
console.log(`conditions: ${process.env.WEB_CONCURRENCY ?? 1} server process(es); node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model}), load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}; PostgreSQL at ${new URL(adminUrl).host}; app and clients on the same machine`)

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
await admin.unsafe(`create database "${dbName}"`)
const SPLIT = Boolean(process.env.BENCH_SPLIT_CORES) && os.cpus().length > 1
const appCores = `1-${os.cpus().length - 1}`
/** Prefix a command with taskset when the cores are split. */
const onAppCores = (command: string, args: string[]): [string, string[]] => (SPLIT ? ['taskset', ['-c', appCores, command, ...args]] : [command, args])
function pinPostgres(cores: string) {
	// The postmaster first (new backends inherit its affinity), then every running process.
	const pids = execFileSync('pgrep', ['-u', 'postgres'], { encoding: 'utf8' }).split('\n').filter(Boolean)
	for (const pid of pids) execFileSync('taskset', ['-a', '-cp', cores, pid], { stdio: 'ignore' })
}
if (SPLIT) {
	process.once('SIGINT', () => {
		pinPostgres(`0-${os.cpus().length - 1}`)
		process.exit(130)
	})
	pinPostgres('0')
	console.log(`cores split: PostgreSQL on core 0; server, wrk and pgbench on cores ${appCores}`)
}
const app = spawn(...onAppCores('node', [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), 'app/server/start.mjs']), { env: { ...process.env, PORT: String(PORT), NODE_ENV: 'production', DATABASE_URL: dbUrl, WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1' }, stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'] })
const sql = postgres(dbUrl, { max: 4, onnotice: () => {} })
try {
	await waitForOk(`${BASE}/healthcheck`)

	// Learners with sessions, made directly in the database (logging in hundreds of people
	// through argon2 would measure the password hash, not the exam).
	const [ent] = await sql`select id from enterprises order by id limit 1`
	const [exam] = await sql`select id from exams where status = 'published' order by id limit 1`
	const cookies: string[] = []
	for (let i = 0; i < LEARNERS; i++) {
		const phone = `177${String(i).padStart(8, '0')}`
		const [p] = await sql`insert into people (name, phone) values (${`压测学员${i}`}, ${phone}) returning id`
		await sql`insert into employments (enterprise_id, person_id, job_category, hired_on) values (${ent!.id}, ${p!.id}, 'other', '2024-01-01')`
		const [u] = await sql`insert into users (phone, display_name, password_hash, person_id) values (${phone}, ${`压测学员${i}`}, 'x', ${p!.id}) returning id`
		await sql`insert into role_grants (user_id, role) values (${u!.id}, 'learner')`
		const token = randomBytes(20).toString('hex')
		const id = createHash('sha256').update(token).digest('hex')
		await sql`insert into sessions (id, user_id, expires_at) values (${id}, ${u!.id}, now() + interval '30 days')`
		cookies.push(`anxun_session=${token}`)
	}

	// 1. The start burst.
	const startTimes: number[] = []
	const attemptUrls: string[] = []
	const owners: string[] = []
	let startErrors = 0
	const burstStarted = performance.now()
	await Promise.all(
		cookies.map(async (cookie) => {
			const t = performance.now()
			const res = await fetch(`${BASE}/exams/${exam!.id}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' })
			startTimes.push(performance.now() - t)
			const location = res.headers.get('location')
			if (res.status === 302 && location?.startsWith('/exams/attempts/')) {
				attemptUrls.push(location)
				owners.push(cookie)
			}
			else startErrors++
		}),
	)
	const burstSeconds = (performance.now() - burstStarted) / 1000
	startTimes.sort((a, b) => a - b)
	console.log(
		`start burst: ${LEARNERS} learners at once → ${attemptUrls.length} papers drawn in ${burstSeconds.toFixed(2)} s (goodput ${(attemptUrls.length / burstSeconds).toFixed(0)} starts/s), p50 ${pct(startTimes, 0.5).toFixed(0)} ms, slowest ${startTimes.at(-1)!.toFixed(0)} ms, ${startErrors} errors`,
	)

	// 2. Answer saves through HTTP. The load comes from wrk when it is installed (a C client,
	// light on the CPU it shares with the server and PostgreSQL, like pgbench on the other
	// side), otherwise from fetch in this process. Each attempt's answers go in sequence.
	const clients = Math.min(CONCURRENCY, attemptUrls.length)
	const cpuBefore = processCpuSeconds(app.pid)
	const saves = hasWrk() && !process.env.BENCH_FETCH ? savesWithWrk(attemptUrls.slice(0, clients), owners.slice(0, clients)) : await savesWithFetch(attemptUrls.slice(0, clients), owners.slice(0, clients))
	const cpuAfter = processCpuSeconds(app.pid)
	const httpRate = saves.count / SECONDS
	for (const [kind, n] of saves.errorKinds) console.log(`  error ${kind}: ${n}`)
	console.log(`answer saves over HTTP (${saves.client}): ${httpRate.toFixed(0)} saves/s, p50 ${saves.p50.toFixed(1)} ms, p95 ${saves.p95.toFixed(1)} ms (${saves.count} saves, ${saves.errors} errors, ${clients} clients)`)
	if (cpuBefore !== null && cpuAfter !== null) console.log(`server CPU per save: ${(((cpuAfter - cpuBefore) * 1000) / saves.count).toFixed(2)} ms`)

	// The same SQL through pgbench, prepared as the app prepares it: the one statement that reads
	// the session, the learner role and the attempt's question and stores the answer when they
	// allow it. One script per attempt, naming its owner's session (as each learner's request
	// does), so every transaction really writes; the sequence number comes from the clock, so
	// every write replaces the answer held, as the learners' rising numbers do over HTTP.
	const pgbenchScripts = attemptUrls.slice(0, clients).map((url, i) => {
		const attemptId = Number(/\/exams\/attempts\/(\d+)/.exec(url)![1])
		const sessionId = createHash('sha256').update(owners[i]!.split('=')[1]!).digest('hex')
		const file = path.join(os.tmpdir(), `anxun-bench-${dbName}-${i}.sql`)
		writeFileSync(
			file,
			[
				'\\set p random(0, 54)',
				'\\set c random(0, 1)',
				`with "context" as (select "sessions"."expires_at", "users"."person_id", exists (select 1 from "role_grants" where "role_grants"."user_id" = "users"."id" and "role_grants"."role" = 'learner') as "learner", "attempts"."deadline_at", "attempts"."finished_at", "attempt_questions"."option_order", "question_versions"."content"->>'type' as "type", (select "attempt_answers"."seq" from "attempt_answers" where "attempt_answers"."attempt_id" = "attempts"."id" and "attempt_answers"."position" = "attempt_questions"."position") as "held_seq" from "sessions" inner join "users" on ("users"."id" = "sessions"."user_id" and "users"."active" = true) left join "attempts" on ("attempts"."id" = ${attemptId}::integer and "attempts"."person_id" = "users"."person_id") left join "attempt_questions" on ("attempt_questions"."attempt_id" = "attempts"."id" and "attempt_questions"."position" = :p::integer) left join "question_versions" on "question_versions"."id" = "attempt_questions"."question_version_id" where "sessions"."id" = '${sessionId}'), "saved" as (insert into "attempt_answers" ("attempt_id", "position", "chosen", "seq", "saved_at", "seconds_spent") select ${attemptId}::integer as "attempt_id", :p::integer as "position", coalesce((select array_agg("option_order"[d + 1] order by "option_order"[d + 1]) from unnest(array[:c]::integer[]) as d), '{}') as "chosen", (extract(epoch from clock_timestamp()) * 1000)::bigint % 2000000000 as "seq", now() as "saved_at", 0 as "seconds_spent" from "context" where "context"."expires_at" > now() and "learner" and "context"."person_id" is not null and "context"."option_order" is not null and "context"."finished_at" is null and "context"."deadline_at" >= now() - interval '30 seconds' and :c::integer < cardinality("context"."option_order") and (1 <= 1 or "type" = 'multiple') on conflict ("attempt_id","position") do update set "chosen" = excluded.chosen, "seq" = excluded.seq, "saved_at" = excluded.saved_at, "seconds_spent" = "attempt_answers"."seconds_spent" + excluded.seconds_spent where "attempt_answers"."seq" < excluded.seq returning "seq") select "expires_at", "person_id", "learner", "deadline_at", "finished_at", "option_order", "type", "held_seq", (select "seq" from "saved") from "context";`,
			].join('\n'),
		)
		return file
	})
	try {
		if (process.env.BENCH_NO_PGBENCH) throw new Error('skipped (BENCH_NO_PGBENCH)')
		// pgbench at a few client counts, the best one counting: the app's pool (10 connections)
		// funnels its clients into few backends, so pgbench gets the same chance.
		let best = { tps: 0, clients: 0, latency: '' }
		for (const pgClients of [...new Set([4, 10, CONCURRENCY])]) {
			const out = execFileSync(...onAppCores('pgbench', ['-n', '-M', 'prepared', ...pgbenchScripts.flatMap((f) => ['-f', f]), '-c', String(pgClients), '-j', '2', '-T', String(SECONDS), dbUrl]), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
			const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? 0)
			const latency = /latency average = ([\d.]+) ms/.exec(out)?.[1] ?? '?'
			console.log(`pgbench, same SQL, same server, ${pgClients} clients: ${tps.toFixed(0)} tps (latency average ${latency} ms)`)
			if (tps > best.tps) best = { tps, clients: pgClients, latency }
		}
		console.log(`ratio HTTP / best pgbench (${best.clients} clients): ${(httpRate / best.tps).toFixed(2)} (aim ≥ 0.7, with p95 ≤ 200 ms)`)
	} catch (error) {
		console.log(`pgbench not available or failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
	}

	// 3. The exam page's JavaScript.
	// Pooled connections idled past the server's keep-alive timeout during pgbench: the first
	// try may land on one the server has closed, so try again on a fresh one.
	const page = () => fetch(`${BASE}${attemptUrls[0]}`, { headers: { Cookie: owners[0]! } })
	const html = await (await page().catch(page)).text()
	const scripts = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))]
	let raw = 0
	let gz = 0
	for (const s of scripts) {
		const bytes = readFileSync(path.join('build/client', s))
		raw += bytes.length
		gz += gzipSync(bytes).length
	}
	console.log(`exam page JavaScript: ${scripts.length} files, ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped (aim ≤ 100 KB)`)
} finally {
	if (SPLIT) pinPostgres(`0-${os.cpus().length - 1}`)
	app.kill('SIGTERM')
	await new Promise((resolve) => app.once('exit', resolve))
	await sql.end({ timeout: 5 })
	await admin.unsafe(`drop database if exists "${dbName}" with (force)`)
	await admin.end({ timeout: 5 })
}

function hasWrk() {
	try {
		execFileSync('wrk', ['--version'], { stdio: 'ignore' })
		return true
	} catch (error) {
		// wrk prints its version and exits 1.
		return (error as { status?: number }).status === 1
	}
}

/** User + system CPU seconds of a process so far (Linux), or null elsewhere. */
function processCpuSeconds(pid: number | undefined) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
		return (Number(fields[11]) + Number(fields[12])) / 100
	} catch {
		return null
	}
}

type SaveRun = { client: string; count: number; errors: number; errorKinds: Map<string, number>; p50: number; p95: number }

async function savesWithFetch(urls: string[], cookies: string[]): Promise<SaveRun> {
	const latencies: number[] = []
	let errors = 0
	const errorKinds = new Map<string, number>()
	const end = Date.now() + SECONDS * 1000
	await Promise.all(
		urls.map(async (attemptUrl, c) => {
			const url = `${BASE}${attemptUrl}/answer`
			let seq = 0
			while (Date.now() < end) {
				seq++
				const t = performance.now()
				try {
					const res = await fetch(url, { method: 'POST', headers: { Cookie: cookies[c]!, Origin: BASE, 'Content-Type': 'application/json' }, body: JSON.stringify({ position: seq % 55, chosen: [seq % 2], seq }) })
					const body = await res.text()
					if (!res.ok) {
						errors++
						const kind = `${res.status} ${body.slice(0, 80)}`
						errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1)
					}
				} catch (error) {
					errors++
					const kind = error instanceof Error ? error.message : String(error)
					errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1)
				}
				latencies.push(performance.now() - t)
			}
		}),
	)
	latencies.sort((a, b) => a - b)
	return { client: 'fetch', count: latencies.length, errors, errorKinds, p50: pct(latencies, 0.5), p95: pct(latencies, 0.95) }
}

function savesWithWrk(urls: string[], cookies: string[]): SaveRun {
	const THREADS = 2
	// Each wrk thread owns the attempts whose index ≡ its number (mod THREADS), so no two
	// threads send the same sequence numbers to one attempt.
	const targets = urls.map((u, i) => `{ path = "${u}/answer", cookie = "${cookies[i]}" }`).join(',\n')
	const script = path.join(os.tmpdir(), `anxun-bench-${dbName}.lua`)
	writeFileSync(
		script,
		`local targets = {
${targets}
}
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
local mine, seqs, turn = {}, {}, 0
failures = 0
function init(args)
  for i = 1, #targets do
    if (i - 1) % ${THREADS} == tid then table.insert(mine, targets[i]) end
  end
end
function request()
  turn = turn + 1
  local i = (turn % #mine) + 1
  seqs[i] = (seqs[i] or 0) + 1
  local s = seqs[i]
  local body = string.format('{"position":%d,"chosen":[%d],"seq":%d}', s % 55, s % 2, s)
  return wrk.format("POST", mine[i].path, { ["Cookie"] = mine[i].cookie, ["Origin"] = "${BASE}", ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  if status ~= 200 then
    if failures == 0 then io.write("FIRST FAILURE " .. status .. " " .. string.sub(body, 1, 200) .. "\\n") end
    failures = failures + 1
  end
end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("RESULT %d %d %f %f\\n", summary.requests, failed + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
`,
	)
	const out = execFileSync(...onAppCores('wrk', ['-t', String(THREADS), '-c', String(urls.length), '-d', `${SECONDS}s`, '-s', script, BASE]), { encoding: 'utf8' })
	const m = /RESULT (\d+) (\d+) ([\d.]+) ([\d.]+)/.exec(out)
	if (!m) throw new Error(`wrk printed no result:\n${out}`)
	const failure = /FIRST FAILURE (.*)/.exec(out)?.[1]
	return { client: 'wrk', count: Number(m[1]), errors: Number(m[2]), errorKinds: new Map(failure ? [[`first: ${failure}`, 1]] : []), p50: Number(m[3]), p95: Number(m[4]) }
}
