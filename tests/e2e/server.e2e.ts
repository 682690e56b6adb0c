import { type ChildProcess, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import net from 'node:net'
import { expect, test } from '@playwright/test'

// The production server itself: headers, compression, the request log, graceful shutdown.
const PORT = 3297
const BASE = `http://localhost:${PORT}`
const DATA_DIR = 'tests/.tmp/e2e-server-db'

const started: ChildProcess[] = []

// A failed check must not leave a server holding the port (the fault drill uses it next).
test.afterEach(() => {
	for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function startServer() {
	const child = spawn('node', ['app/server/start.mjs'], {
		env: { ...process.env, PORT: String(PORT), NODE_ENV: 'production', DATA_DIR, SEED_DEMO: '0' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	started.push(child)
	let output = ''
	child.stdout!.on('data', (d) => (output += String(d)))
	child.stderr!.on('data', (d) => (output += String(d)))
	return { child, output: () => output }
}

async function waitForHealth() {
	for (let i = 0; i < 100; i++) {
		try {
			const res = await fetch(`${BASE}/healthcheck`)
			if (res.ok) return
		} catch {}
		await new Promise((r) => setTimeout(r, 200))
	}
	throw new Error('server did not become healthy')
}

function exited(child: ChildProcess) {
	return new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
}

test.describe.configure({ mode: 'serial' })

test('serves with security headers, compression and a timed request log; SIGTERM finishes the request in flight and closes the database', async () => {
	rmSync(DATA_DIR, { recursive: true, force: true })
	const server = startServer()
	await waitForHealth()

	const page = await fetch(`${BASE}/login`, { headers: { 'Accept-Encoding': 'gzip' } })
	expect(page.status).toBe(200)
	expect(page.headers.get('content-encoding')).toBe('gzip')
	expect(page.headers.get('x-content-type-options')).toBe('nosniff')
	expect(page.headers.get('x-frame-options')).toBe('DENY')
	const csp = page.headers.get('content-security-policy') ?? ''
	expect(csp).toContain("frame-ancestors 'none'")
	const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
	expect(nonce).toBeTruthy()
	expect(await page.text()).toContain(`nonce="${nonce}"`)
	// The line is written when the response has finished, through a pipe: it may arrive just after the body.
	await expect.poll(() => server.output(), { timeout: 5_000 }).toMatch(/GET \/login 200 \d+\.\dms/)

	// The answer endpoint, served ahead of the router, answers JSON with the same checks: a
	// signed-out save is 401, another site's 403, a malformed id 404 — and the server stays up.
	const save = (path: string, origin = BASE) => fetch(`${BASE}${path}`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: '{"position":0,"chosen":[0],"seq":1}' })
	const signedOut = await save('/exams/attempts/1/answer')
	expect(signedOut.status).toBe(401)
	expect(signedOut.headers.get('content-type')).toMatch(/^application\/json/)
	expect(signedOut.headers.get('x-content-type-options')).toBe('nosniff')
	expect((await save('/exams/attempts/1/answer', 'https://evil.example')).status).toBe(403)
	expect((await save('/exams/attempts/%E0%A4%A/answer')).status).toBe(401)
	expect((await fetch(`${BASE}/healthcheck`)).status).toBe(200)
	await expect.poll(() => server.output(), { timeout: 5_000 }).toMatch(/POST \/exams\/attempts\/1\/answer 401 \d+\.\dms/)

	// A request whose body is still arriving when SIGTERM comes must still be answered.
	const body = 'identifier=nobody&password=nothing12'
	const socket = net.connect(PORT, 'localhost')
	await new Promise((r) => socket.once('connect', r))
	let response = ''
	socket.on('data', (d) => (response += String(d)))
	socket.write(
		`POST /login HTTP/1.1\r\nHost: localhost:${PORT}\r\nOrigin: ${BASE}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
	)
	await new Promise((r) => setTimeout(r, 300))
	const exit = exited(server.child)
	server.child.kill('SIGTERM')
	await new Promise((r) => setTimeout(r, 300))
	// New connections are refused while the old request finishes.
	await expect(fetch(`${BASE}/healthcheck`)).rejects.toThrow()
	socket.write(body.slice(10))
	await new Promise((r) => socket.once('close', r))
	expect(response).toMatch(/^HTTP\/1\.1 400/)
	expect(await exit).toBe(0)
	expect(server.output()).toContain('数据库已关闭')

	// The embedded database was closed cleanly: it opens again.
	const again = startServer()
	await waitForHealth()
	const exitAgain = exited(again.child)
	again.child.kill('SIGTERM')
	expect(await exitAgain).toBe(0)
})
