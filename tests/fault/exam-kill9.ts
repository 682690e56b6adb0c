// `npm run fault:exam`: the exam fault drill. Start the production server on a fresh embedded
// database, start the demo exam as a learner, save answers through the real endpoint, kill -9
// the server mid-exam, start it again, and check that every acknowledged answer is there and
// the deadline has not moved. Prints what it checked; exit code 1 on any loss.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { waitForOk } from '../support/wait-for.ts'

const PORT = Number(process.env.FAULT_PORT ?? 3297)
const BASE = `http://127.0.0.1:${PORT}`
const data = mkdtempSync(path.join(os.tmpdir(), 'anxun-fault-'))
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), NODE_ENV: 'production', DATA_DIR: path.join(data, 'db'), MEDIA_DIR: path.join(data, 'media'), SEED_DEMO: '1' }
delete env.DATABASE_URL
// With --postgres, the same drill on a throw-away database on TEST_DATABASE_URL's server
// (a kill -9 there leaves PostgreSQL up: what must survive is what it committed).
const onPostgres = process.argv.includes('--postgres')
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test'
const dbName = `anxun_fault_${randomBytes(4).toString('hex')}`
if (onPostgres) {
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`create database "${dbName}"`)
	await admin.end()
	env.DATABASE_URL = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()
}
console.log(`fault drill on ${onPostgres ? `PostgreSQL (${dbName})` : 'the embedded database (PGlite)'}`)

function start() {
	const child = spawn('node', ['app/server/start.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
	return child
}

const headers = (cookie: string, extra: Record<string, string> = {}) => ({ Cookie: cookie, Origin: BASE, ...extra })

async function login() {
	const res = await fetch(`${BASE}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'identifier=13900000002&password=anxun2026',
	})
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
	if (!cookie) throw new Error(`login failed: ${res.status}`)
	return cookie
}

/** The paper as the server renders it: the checked option of each question, and the deadline. */
async function paper(cookie: string, attemptUrl: string) {
	const html = await (await fetch(`${BASE}${attemptUrl}`, { headers: headers(cookie) })).text()
	const checked = new Map<number, number[]>()
	for (const [tag] of html.matchAll(/<input [^>]*>/g)) {
		const name = /name="q(\d+)"/.exec(tag)?.[1]
		const value = /value="(\d+)"/.exec(tag)?.[1]
		if (name === undefined || value === undefined || !/\schecked(=""|\s|\/|>)/.test(tag)) continue
		checked.set(Number(name), [...(checked.get(Number(name)) ?? []), Number(value)])
	}
	// The deadline to the millisecond, as the page states it for machines.
	const tag = [...html.matchAll(/<time [^>]*>/g)].map((m) => m[0]).find((t) => t.includes('data-testid="deadline"')) ?? ''
	const deadline = /datetime="([^"]+)"/i.exec(tag)?.[1] ?? null
	const questions = new Set([...html.matchAll(/name="q(\d+)"/g)].map((m) => Number(m[1]))).size
	return { checked, deadline, questions }
}

let server: ChildProcess | null = null
let failed = false
try {
	server = start()
	await waitForOk(`${BASE}/healthcheck`, 600)
	let cookie = await login()
	const exams = await (await fetch(`${BASE}/exams`, { headers: headers(cookie) })).text()
	const examUrl = /href="(\/exams\/\d+)"/.exec(exams)?.[1]
	if (!examUrl) throw new Error('demo exam not found')
	const started = await fetch(`${BASE}${examUrl}`, { method: 'POST', redirect: 'manual', headers: headers(cookie, { 'Content-Type': 'application/x-www-form-urlencoded' }), body: '' })
	const attemptUrl = started.headers.get('location')
	if (!attemptUrl) throw new Error(`could not start the exam: ${started.status}`)
	const before = await paper(cookie, attemptUrl)
	console.log(`exam started: ${attemptUrl}, ${before.questions} questions, deadline ${before.deadline}`)

	// Save an answer for 30 questions; remember only the acknowledged ones.
	const acknowledged = new Map<number, number[]>()
	for (let position = 0; position < 30; position++) {
		const chosen = [position % 2]
		const res = await fetch(`${BASE}${attemptUrl}/answer`, {
			method: 'POST',
			headers: headers(cookie, { 'Content-Type': 'application/json' }),
			body: JSON.stringify({ position, chosen, seq: position + 1 }),
		})
		if (res.ok) acknowledged.set(position, chosen)
	}
	console.log(`answers acknowledged by the server: ${acknowledged.size}`)
	const saved = await paper(cookie, attemptUrl)
	console.log(`answers on the paper before the crash: ${saved.checked.size}`)

	// Then twenty saves at once, and the kill while they are under way: whatever the server
	// acknowledged before it died must be there after the restart.
	const running = server
	let firstAck: () => void = () => {}
	const acked = new Promise<void>((resolve) => (firstAck = resolve))
	let batchAcked = 0
	const inFlight = Array.from({ length: 20 }, (_, i) => {
		const position = 30 + i
		const chosen = [position % 2]
		return fetch(`${BASE}${attemptUrl}/answer`, { method: 'POST', headers: headers(cookie, { 'Content-Type': 'application/json' }), body: JSON.stringify({ position, chosen, seq: position + 1 }) })
			.then((res) => {
				if (!res.ok) return
				acknowledged.set(position, chosen)
				batchAcked++
				firstAck()
			})
			.catch(() => {})
	})
	const exited = new Promise((resolve) => running.once('exit', resolve))
	// The kill as soon as the first of them is acknowledged, the rest still on their way.
	await Promise.race([acked, sleep(3000)])
	running.kill('SIGKILL')
	await Promise.all(inFlight)
	await exited
	console.log(`of twenty saves sent at once, ${batchAcked} acknowledged before the kill; ${acknowledged.size} acknowledged in all`)
	if (batchAcked === 0) throw new Error('no save of the concurrent batch was acknowledged before the kill')
	console.log('server killed with SIGKILL; restarting on the same data folder')
	server = start()
	await waitForOk(`${BASE}/healthcheck`, 600)
	cookie = await login()
	const after = await paper(cookie, attemptUrl)
	let lost = 0
	for (const [position, chosen] of acknowledged) {
		if ((after.checked.get(position) ?? []).join() !== chosen.join()) {
			lost++
			console.error(`  question ${position + 1}: acknowledged ${chosen.join()} but found ${(after.checked.get(position) ?? []).join() || 'nothing'}`)
		}
	}
	console.log(`after restart: ${acknowledged.size - lost}/${acknowledged.size} acknowledged answers present; deadline ${after.deadline} (before: ${before.deadline})`)
	if (lost > 0 || before.deadline === null || after.deadline !== before.deadline || acknowledged.size === 0) failed = true
	console.log(failed ? 'FAULT DRILL FAILED' : 'fault drill passed: nothing acknowledged was lost, the deadline did not move')
} catch (error) {
	failed = true
	console.error(error)
} finally {
	server?.kill('SIGKILL')
	await sleep(300)
	rmSync(data, { recursive: true, force: true })
	if (onPostgres) {
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
		await admin.unsafe(`drop database if exists "${dbName}" with (force)`)
		await admin.end()
	}
}
process.exitCode = failed ? 1 : 0
