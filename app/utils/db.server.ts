import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { lt, sql } from 'drizzle-orm'
import { type AnyPgColumn, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '#db/schema/index.ts'
import { getEnv } from './env.server.ts'

/** The one client type both drivers fit. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

/** The client inside `db.transaction(async (tx) => …)`, for helpers that join the caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

type Handle = {
	db: Db
	driver: 'pglite' | 'postgres'
	close: () => Promise<void>
}

/**
 * One query per connection at a time. With every connection busy, postgres.js 3.4 pipelines
 * the next query onto a busy one, and the bookkeeping of that costs more with every query
 * until the load stops (17,900 → 5,500 queries/s over 20 s of steady load in our test);
 * without pipelining it holds steady and is faster (docs/decisions/0006). `max_pipeline` is a
 * real option its type definitions leave out, hence the spread.
 */
const NO_PIPELINING = { max_pipeline: 1 }

let handle: Handle | undefined
let reportsHandle: Handle | undefined

function open(): Handle {
	const env = getEnv()
	if (env.DATABASE_URL) {
		const client = postgres(env.DATABASE_URL, {
			max: 10,
			...NO_PIPELINING,
			onnotice: () => {},
			connection: { TimeZone: 'UTC' },
		})
		return {
			db: drizzlePostgres(client, { schema }) as unknown as Db,
			driver: 'postgres',
			close: () => client.end({ timeout: 5 }),
		}
	}
	const dir = path.resolve(env.DATA_DIR)
	mkdirSync(path.dirname(dir), { recursive: true })
	const client = new PGlite(dir)
	return {
		db: drizzlePglite(client, { schema }) as unknown as Db,
		driver: 'pglite',
		close: () => client.close(),
	}
}

function current(): Handle {
	handle ??= open()
	return handle
}

/**
 * The client for heavy read-only reports: a PostgreSQL streaming replica when
 * REPORTS_DATABASE_URL is set (docs/decisions/0007), otherwise the primary. A replica lags by
 * its replay delay, so only report pages read from it (and say so); nothing that writes does.
 */
function currentReports(): Handle {
	const url = getEnv().REPORTS_DATABASE_URL
	if (!url) return current()
	if (!reportsHandle) {
		const client = postgres(url, { max: 5, ...NO_PIPELINING, onnotice: () => {}, connection: { TimeZone: 'UTC', default_transaction_read_only: true } })
		reportsHandle = { db: drizzlePostgres(client, { schema }) as unknown as Db, driver: 'postgres', close: () => client.end({ timeout: 5 }) }
	}
	return reportsHandle
}

export const reportsDb: Db = new Proxy({} as Db, {
	get(_target, prop) {
		const real = currentReports().db as unknown as Record<string | symbol, unknown>
		const value = real[prop]
		return typeof value === 'function' ? value.bind(real) : value
	},
})

/** Whether reports read from a separate replica (the page then says how fresh the figures are). */
export function reportsFromReplica() {
	return Boolean(getEnv().REPORTS_DATABASE_URL)
}

/** The database client, opened on first use (PGlite when DATABASE_URL is unset). */
export const db: Db = new Proxy({} as Db, {
	get(_target, prop) {
		const real = current().db as unknown as Record<string | symbol, unknown>
		const value = real[prop]
		return typeof value === 'function' ? value.bind(real) : value
	},
})

/**
 * A statement for a hot path, built once per open database and prepared on the server (drizzle
 * builds the SQL text on every call otherwise, and sends unnamed statements that PostgreSQL
 * plans every time). `build` receives the real client; use `sql.placeholder` for the values.
 */
export function preparedStatement<T>(build: (db: Db) => T): () => T {
	const built = new WeakMap<Handle, T>()
	return () => {
		const h = current()
		let statement = built.get(h)
		if (statement === undefined) {
			statement = build(h.db)
			built.set(h, statement)
		}
		return statement
	}
}

export function dbDriver() {
	return current().driver
}

/** Close the database (graceful shutdown, end of a script). Safe to call twice. */
export async function closeDb() {
	const h = handle
	const r = reportsHandle
	handle = undefined
	reportsHandle = undefined
	if (h) await h.close()
	if (r) await r.close()
}

/**
 * Background work (an import, a rebuild) whose heartbeat `column` shows no sign of life: on
 * PGlite whatever was running died with the process (one process per data folder); on
 * PostgreSQL other instances may be at work, so only two minutes of silence count.
 */
export function silentHeartbeat(column: AnyPgColumn) {
	return dbDriver() === 'pglite' ? sql`true` : lt(column, sql`now() - interval '2 minutes'`)
}

/** Whether a database error (or its cause) is a unique-constraint violation, on either driver. */
export function isUniqueViolation(error: unknown) {
	let e: unknown = error
	for (let i = 0; i < 3 && e; i++) {
		if (typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505') return true
		e = typeof e === 'object' && e !== null && 'cause' in e ? (e as { cause: unknown }).cause : undefined
	}
	return false
}
