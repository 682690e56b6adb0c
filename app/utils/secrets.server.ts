import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { appSettings } from '#db/schema/index.ts'
import { db } from './db.server.ts'
import { getEnv } from './env.server.ts'

let cached: string | undefined

/**
 * The platform secret: APP_SECRET when set, otherwise one generated on first use and kept in
 * the database, so every app instance of one deployment shares it and restarts keep it.
 */
export async function getAppSecret(): Promise<string> {
	if (cached) return cached
	const fromEnv = getEnv().APP_SECRET
	if (fromEnv) return (cached = fromEnv)
	await db
		.insert(appSettings)
		.values({ key: 'app_secret', value: randomBytes(32).toString('base64url') })
		.onConflictDoNothing()
	const [row] = await db
		.select({ value: appSettings.value })
		.from(appSettings)
		.where(eq(appSettings.key, 'app_secret'))
	if (!row) throw new Error('app secret missing after insert')
	return (cached = row.value)
}

/** Forget the cached secret (a test database swapped under the process). */
export function forgetAppSecret() {
	cached = undefined
}
