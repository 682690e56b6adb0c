import postgres from 'postgres'
import type { TestProject } from 'vitest/node'

export const DEFAULT_TEST_DATABASE_URL = 'postgres://127.0.0.1:5432/test'

/**
 * Create a migrated template database for this run; each test file gets a database cloned
 * from it. In CI (CI=true) an unreachable server fails the run: the lane is mandatory.
 */
export default async function setup(project: TestProject) {
	const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 })
	try {
		await admin`select 1`
	} catch (error) {
		await admin.end({ timeout: 1 }).catch(() => {})
		throw new Error(
			`PostgreSQL lane: no server at ${adminUrl} (${String(error)}). Set TEST_DATABASE_URL or start PostgreSQL.`,
		)
	}
	const prefix = `anxun_t_${process.pid}_${Date.now().toString(36)}`
	const base = `${prefix}_base`
	await admin.unsafe(`create database "${base}"`)
	const baseUrl = withDatabase(adminUrl, base)
	process.env.DATABASE_URL = baseUrl
	const { runMigrations } = await import('#db/migrate.ts')
	const { closeDb } = await import('#app/utils/db.server.ts')
	await runMigrations()
	await closeDb()
	delete process.env.DATABASE_URL
	project.provide('dbLane', { kind: 'postgres', adminUrl, prefix, base })
	return async () => {
		const rows = await admin<{ datname: string }[]>`
			select datname from pg_database where datname like ${prefix + '%'}`
		for (const { datname } of rows) {
			await admin.unsafe(`drop database if exists "${datname}" with (force)`)
		}
		await admin.end({ timeout: 5 })
	}
}

export function withDatabase(url: string, database: string) {
	const u = new URL(url)
	u.pathname = `/${database}`
	return u.toString()
}
