import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

/** Migrate one base PGlite folder per run; each test file works on its own copy. */
export default async function setup(project: TestProject) {
	const root = path.resolve('tests/.tmp', `pglite-${process.pid}-${Date.now()}`)
	const base = path.join(root, 'base')
	mkdirSync(root, { recursive: true })
	delete process.env.DATABASE_URL
	process.env.DATA_DIR = base
	const { runMigrations } = await import('#db/migrate.ts')
	const { closeDb } = await import('#app/utils/db.server.ts')
	await runMigrations()
	await closeDb()
	project.provide('dbLane', { kind: 'pglite', root, base })
	return () => rmSync(root, { recursive: true, force: true })
}
