import { cpSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, beforeEach, inject } from 'vitest'
import { withDatabase } from './global-postgres.ts'
import './unit.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		dbLane:
			| { kind: 'pglite'; root: string; base: string }
			| { kind: 'postgres'; adminUrl: string; prefix: string; base: string }
	}
}

const lane = inject('dbLane')
const fileKey = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`

// Point the app's database module at this file's own copy before anything opens it.
if (lane.kind === 'pglite') {
	const dir = path.join(lane.root, `f_${fileKey}`)
	cpSync(lane.base, dir, { recursive: true })
	delete process.env.DATABASE_URL
	process.env.DATA_DIR = dir
} else {
	const name = `${lane.prefix}_${fileKey}`
	const admin = postgres(lane.adminUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`create database "${name}" template "${lane.base}"`)
	await admin.end({ timeout: 5 })
	process.env.DATABASE_URL = withDatabase(lane.adminUrl, name)
}

process.env.MEDIA_DIR = path.join(os.tmpdir(), `anxun-media-${fileKey}`)

const { resetDb } = await import('./db.ts')
const { closeDb } = await import('#app/utils/db.server.ts')

beforeAll(async () => {
	await resetDb()
})
beforeEach(async () => {
	await resetDb()
})
afterAll(async () => {
	await closeDb()
	rmSync(process.env.MEDIA_DIR!, { recursive: true, force: true })
})
