import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { db, dbDriver } from '#app/utils/db.server.ts'
import { regions } from '#db/schema/index.ts'
import { currentLane } from '#tests/setup/db.ts'

test('the lane under test is the driver in use', () => {
	expect(dbDriver()).toBe(currentLane())
})

test('a region subtree is one prefix query on the materialised path', async () => {
	const [city] = await db.insert(regions).values({ name: '示例市', level: 'city', path: '/', depth: 1 }).returning()
	await db.update(regions).set({ path: `/${city!.id}/` }).where(eq(regions.id, city!.id))
	const rows = await db.select().from(regions)
	expect(rows).toHaveLength(1)
	expect(rows[0]!.path).toBe(`/${city!.id}/`)
})
