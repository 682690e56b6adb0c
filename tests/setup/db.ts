import { getTableName, sql } from 'drizzle-orm'
import { isPgEnum } from 'drizzle-orm/pg-core'
import { PgTable } from 'drizzle-orm/pg-core'
import { db } from '#app/utils/db.server.ts'
import { forgetAppSecret } from '#app/utils/secrets.server.ts'
import * as schema from '#db/schema/index.ts'

const tableNames = (Object.values(schema) as unknown[])
	.filter((value): value is PgTable => value instanceof PgTable && !isPgEnum(value))
	.map((table) => `"${getTableName(table)}"`)

/** Empty every table (identities restart), keeping the migrated schema. */
export async function resetDb() {
	await db.execute(sql.raw(`truncate table ${tableNames.join(', ')} restart identity cascade`))
	forgetAppSecret()
}

export function currentLane() {
	return process.env.DATABASE_URL ? 'postgres' : 'pglite'
}
