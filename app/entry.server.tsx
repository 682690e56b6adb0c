import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { runMigrations } from '#db/migrate.ts'
import { seedDemoIfEmpty } from '#db/seed.ts'
import { prepareContent } from '#app/courses/sync.server.ts'
import { sweepIncoming } from '#app/courses/videos.server.ts'
import { sweepYears } from '#app/coverage/coverage.ts'
import { detectFlags } from '#app/coverage/integrity.server.ts'
import { resumeCoverageRebuilds } from '#app/coverage/rebuild-jobs.server.ts'
import { refreshCoverageRollups } from '#app/coverage/rollups.server.ts'
import { finishOverdueAttempts } from '#app/exams/attempts.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { prepareBanks } from '#app/exams/bank-store.server.ts'
import { failInterruptedRosterImports } from '#app/orgs/roster.server.ts'
import { closeDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { NonceProvider } from '#app/utils/nonce.tsx'

// The exam answer endpoint, served by the HTTP server ahead of the Remix router (docs/decisions/0006).
export { answerEndpoint } from '#app/exams/answer-endpoint.server.ts'

const ABORT_DELAY = 10_000
export const streamTimeout = ABORT_DELAY

let overdueSweep: NodeJS.Timeout | undefined
let flagSweep: NodeJS.Timeout | undefined
let rollupSweep: NodeJS.Timeout | undefined

/** Called once by the HTTP server before it listens: migrate, recover, seed. */
export async function startup() {
	const env = getEnv()
	await runMigrations()
	await failInterruptedRosterImports()
	await prepareContent()
	await sweepIncoming()
	await prepareBanks()
	// Papers past their deadline are finished by the server even if nobody comes back for them.
	await finishOverdueAttempts()
	overdueSweep = setInterval(() => {
		finishOverdueAttempts().catch((error) => console.error('finishing overdue attempts failed', error))
	}, 30_000)
	overdueSweep.unref()
	// 走过场 detection over this year's facts (and last year's through January), hourly
	// (idempotent: a flag's key is its facts).
	const detect = async () => {
		for (const year of sweepYears(todayInShanghai())) await detectFlags(year)
	}
	flagSweep = setInterval(() => {
		detect().catch((error) => console.error('integrity detection failed', error))
	}, 3_600_000)
	flagSweep.unref()
	if (env.SEED_DEMO) {
		const seeded = await seedDemoIfEmpty()
		if (seeded) console.log('空数据库：已写入演示数据（账号见 README）')
	}
	// The regulator dashboard reads rollups: make them now, then every 10 minutes.
	const refresh = async () => {
		const today = todayInShanghai()
		for (const year of sweepYears(today)) await refreshCoverageRollups(year, today)
	}
	await refresh()
	rollupSweep = setInterval(() => {
		refresh().catch((error) => console.error('refreshing coverage rollups failed', error))
	}, 600_000)
	rollupSweep.unref()
	// A coverage rebuild cut off by a crash runs again (in the background).
	await resumeCoverageRebuilds()
}

/** Called by the HTTP server after the last request finished. */
export async function shutdown() {
	if (overdueSweep) clearInterval(overdueSweep)
	if (flagSweep) clearInterval(flagSweep)
	if (rollupSweep) clearInterval(rollupSweep)
	await closeDb()
}

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
	const waitForAll = isbot(request.headers.get('user-agent') ?? '')
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
			</NonceProvider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, ABORT_DELAY + 1000)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	// Expected refusals (403/404 thrown by guards) are not server errors.
	if (request.signal.aborted || isRouteErrorResponse(error)) return
	console.error(error)
}
