import path from 'node:path'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { closeDb, db, dbDriver } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'

const MIGRATION_LOCK = 727274

/** Apply the committed SQL migrations. Several instances starting at once take turns. */
export async function runMigrations(
	migrationsFolder = process.env.MIGRATIONS_DIR ?? path.resolve('db/migrations'),
) {
	const url = getEnv().DATABASE_URL
	if (!url || dbDriver() === 'pglite') {
		await migratePglite(db as never, { migrationsFolder })
		return
	}
	// A dedicated connection: the advisory lock is per session, so it must not hop connections.
	const client = postgres(url, { max: 1, onnotice: () => {} })
	try {
		await client`select pg_advisory_lock(${MIGRATION_LOCK})`
		await migratePostgres(drizzlePostgres(client), { migrationsFolder })
		await client`select pg_advisory_unlock(${MIGRATION_LOCK})`
	} finally {
		await client.end({ timeout: 5 })
	}
}

const invokedDirectly =
	process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename
if (invokedDirectly) {
	runMigrations()
		.then(() => console.log('数据库迁移已完成'))
		.catch((error: unknown) => {
			console.error(error)
			process.exitCode = 1
		})
		.finally(() => closeDb())
}
