// The HTTP server: Express in front of the Remix request handler. Plain JavaScript so that
// `npm start` runs it with node alone; everything domain-related lives in the Remix build.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'
import { originAllowed } from './origin.mjs'

/**
 * One line of the request log. Written straight to stdout: console.log's formatting cost
 * showed in the answer-save profile (thousands of lines a second at an exam's deadline).
 * @param {string} line
 */
function logRequest(line) {
	process.stdout.write(`${line}\n`)
}

const ANSWER_PATH = /^\/exams\/attempts\/([^/?]+)\/answer(?:\?.*)?$/
const ANSWER_BODY_LIMIT = 4096
const ANSWER_HEADERS = {
	'Content-Type': 'application/json; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
	'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
}

/**
 * The request body as text; null when it is longer than `limit` bytes, undefined when the
 * client went away before sending all of it.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<string | null | undefined>}
 */
function readBody(req, limit) {
	return new Promise((resolve) => {
		/** @type {Buffer[]} */
		const chunks = []
		let size = 0
		req.on('data', (chunk) => {
			size += chunk.length
			if (size <= limit) chunks.push(chunk)
		})
		req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')))
		req.on('close', () => resolve(undefined))
		req.on('error', () => resolve(undefined))
	})
}

/** @param {{ dev: boolean, port: number }} options */
export async function createServer({ dev, port }) {
	const app = express()
	app.disable('x-powered-by')
	app.set('trust proxy', 'loopback, linklocal, uniquelocal')
	// Our JSON answers (heartbeats, exam answer saves) are a few bytes, streamed without a length:
	// gzipping them costs a deflate stream per request and saves nothing.
	app.use(
		compression({
			filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('application/json') && compression.filter(req, res),
		}),
	)

	app.use((req, res, next) => {
		const started = process.hrtime.bigint()
		res.on('finish', () => {
			const ms = Number(process.hrtime.bigint() - started) / 1e6
			if (req.path.startsWith('/assets/') && res.statusCode < 400) return
			logRequest(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms`)
		})
		next()
	})

	app.use((req, res, next) => {
		const nonce = randomBytes(16).toString('base64')
		// Lesson pages turn compiled MDX into components with `new Function` (docs/decisions/0005).
		const evalForMdx = req.path === '/learn' || req.path.startsWith('/learn/') ? " 'unsafe-eval'" : ''
		res.locals.cspNonce = nonce
		res.setHeader('X-Content-Type-Options', 'nosniff')
		res.setHeader('X-Frame-Options', 'DENY')
		res.setHeader('Referrer-Policy', 'same-origin')
		res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()')
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
		if (!dev) {
			res.setHeader(
				'Content-Security-Policy',
				[
					"default-src 'self'",
					`script-src 'self' 'nonce-${nonce}'${evalForMdx}`,
					"style-src 'self' 'unsafe-inline'",
					"img-src 'self' data: blob:",
					"media-src 'self' blob:",
					"connect-src 'self'",
					"font-src 'self'",
					"object-src 'none'",
					"base-uri 'self'",
					"form-action 'self'",
					"frame-ancestors 'none'",
				].join('; '),
			)
		}
		next()
	})

	const allowedOrigins = (process.env.ALLOWED_ORIGINS ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
	app.use((req, res, next) => {
		if (originAllowed({ method: req.method, origin: req.get('origin'), host: req.get('host'), allowedOrigins })) {
			return next()
		}
		res.status(403).type('text/plain; charset=utf-8').send('请求来源不被允许（跨站请求已拒绝）')
	})

	let ready = false
	app.use((_req, res, next) => {
		if (ready) return next()
		res.status(503).set('Retry-After', '2').type('text/plain; charset=utf-8').send('安训正在启动，请稍候刷新')
	})

	/** @type {() => Promise<any>} */
	let getBuild
	/** @type {import('vite').ViteDevServer | undefined} */
	let vite
	if (dev) {
		const { createServer: createVite } = await import('vite')
		vite = await createVite({ server: { middlewareMode: true } })
		app.use(vite.middlewares)
		getBuild = () => vite.ssrLoadModule('virtual:remix/server-build')
	} else {
		const buildUrl = pathToFileURL(path.resolve('build/server/index.js')).href
		const build = await import(buildUrl)
		getBuild = async () => build
		app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
		app.use(express.static('build/client', { maxAge: '1h' }))
	}

	/**
	 * The exam answer endpoint (app/exams/answer-endpoint.server.ts), served ahead of Express and
	 * the Remix router: every click of every examinee comes here, so it does only what it needs
	 * (docs/decisions/0006). It keeps the checks every request gets — start-up, origin, the
	 * request log — and answers JSON only.
	 * @param {http.IncomingMessage} req
	 * @param {http.ServerResponse} res
	 * @param {string} attemptId
	 */
	async function serveAnswer(req, res, attemptId) {
		const started = process.hrtime.bigint()
		res.on('finish', () => {
			logRequest(`POST ${req.url} ${res.statusCode} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}ms`)
		})
		/** @param {number} status @param {Record<string, unknown>} body @param {string} [setCookie] */
		const reply = (status, body, setCookie) => {
			// A string body with its length goes out with the headers in one write.
			const json = JSON.stringify(body)
			res.writeHead(status, { ...ANSWER_HEADERS, 'Content-Length': Buffer.byteLength(json), ...(setCookie ? { 'Set-Cookie': setCookie } : {}) })
			res.end(json)
		}
		try {
			if (!ready) return reply(503, { reason: 'starting', message: '安训正在启动，请稍候' })
			if (!originAllowed({ method: 'POST', origin: req.headers.origin, host: req.headers.host, allowedOrigins })) {
				return reply(403, { reason: 'origin', message: '请求来源不被允许（跨站请求已拒绝）' })
			}
			const body = await readBody(req, ANSWER_BODY_LIMIT)
			if (body === undefined) return
			if (body === null) return reply(413, { reason: 'invalid', message: '答案内容过大' })
			const { answerEndpoint } = (await getBuild()).entry.module
			const result = await answerEndpoint({ attemptId, cookie: req.headers.cookie, body })
			reply(result.status, result.body, result.setCookie)
		} catch (error) {
			// The page keeps the answer and sends it again (it treats 5xx like being offline).
			console.error('保存答案失败', error)
			if (!res.headersSent) reply(500, { reason: 'error', message: '答案暂未保存，稍后自动重试' })
		}
	}

	// Listen first: a port already taken must stop us before we open the database (an
	// embedded PGlite folder must never have two processes on it). Requests wait for start-up.
	const server = await new Promise((resolve, reject) => {
		const s = http.createServer((req, res) => {
			const answer = req.method === 'POST' ? ANSWER_PATH.exec(req.url ?? '') : null
			// The id is passed as it came (ids are digits; anything else is "not found"): decoding a
			// malformed %-escape here would throw outside any handler and take the process down.
			if (answer) void serveAnswer(req, res, answer[1] ?? '')
			else app(req, res)
		})
		s.listen(port)
		s.once('listening', () => resolve(s))
		s.once('error', reject)
	}).catch((error) => {
		if (error?.code === 'EADDRINUSE') {
			console.error(`端口 ${port} 已被占用：请先停止占用该端口的程序，或用 PORT=其他端口 启动`)
			process.exit(1)
		}
		throw error
	})

	const entry = (await getBuild()).entry.module
	await entry.startup()

	app.all(
		'*',
		createRequestHandler({
			build: dev ? getBuild : await getBuild(),
			getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? '' }),
		}),
	)
	ready = true
	console.log(`安训 Anxun 已启动: http://localhost:${port}`)

	let closing = false
	async function shutdown(signal) {
		if (closing) return
		closing = true
		console.log(`${signal}: 停止接收新请求，等待进行中的请求完成…`)
		const force = setTimeout(() => {
			console.error('仍有请求未完成，强制退出')
			process.exit(1)
		}, 15_000)
		force.unref()
		server.close(async () => {
			try {
				await vite?.close()
				await entry.shutdown()
				console.log('数据库已关闭，退出')
				process.exit(0)
			} catch (error) {
				console.error(error)
				process.exit(1)
			}
		})
		server.closeIdleConnections()
	}
	process.on('SIGTERM', () => void shutdown('SIGTERM'))
	process.on('SIGINT', () => void shutdown('SIGINT'))
	return server
}
