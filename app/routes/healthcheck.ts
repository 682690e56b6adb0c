import { sql } from 'drizzle-orm'
import { db } from '#app/utils/db.server.ts'

/** One cheap query: the process is up and the database answers. */
export async function loader() {
	try {
		await db.execute(sql`select 1`)
		return new Response('OK', { headers: { 'Cache-Control': 'no-store' } })
	} catch (error) {
		console.error('healthcheck failed', error)
		return new Response('数据库不可用', { status: 503, headers: { 'Cache-Control': 'no-store' } })
	}
}
