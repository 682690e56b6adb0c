// `npm run db:reset`: throw the database away, migrate it again and seed the demo.
// PGlite: deletes the DATA_DIR folder. PostgreSQL: drops and recreates the `public` and
// `drizzle` schemas. Refuses in production unless `--force` is given.

import { existsSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { closeDb } from '#app/utils/db.server.ts'
import { getEnv } from '#app/utils/env.server.ts'
import { runMigrations } from '#db/migrate.ts'
import { describeDemo, seedDemoIfEmpty } from '#db/seed.ts'

async function main() {
	const env = getEnv()
	const force = process.argv.includes('--force')
	if (env.NODE_ENV === 'production' && !force) {
		console.log('当前为生产环境（NODE_ENV=production），拒绝重置数据库。确需重置请加参数 --force。')
		process.exitCode = 1
		return
	}

	if (env.DATABASE_URL) {
		const client = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} })
		try {
			await client.unsafe('drop schema if exists drizzle cascade')
			await client.unsafe('drop schema if exists public cascade')
			await client.unsafe('create schema public')
			await client.unsafe('grant usage on schema public to public')
		} finally {
			await client.end({ timeout: 5 })
		}
		console.log('已删除并重建 PostgreSQL 的 public 与 drizzle 模式')
	} else {
		const dir = path.resolve(env.DATA_DIR)
		const forbidden = [path.parse(dir).root, path.resolve('.'), os.homedir()]
		if (forbidden.includes(dir)) {
			console.log(`DATA_DIR 指向 ${dir}，不像数据库目录，拒绝删除。`)
			process.exitCode = 1
			return
		}
		if (existsSync(dir)) {
			rmSync(dir, { recursive: true, force: true })
			console.log(`已删除 PGlite 数据目录 ${dir}`)
		} else {
			console.log(`PGlite 数据目录 ${dir} 不存在，将新建`)
		}
	}

	await runMigrations()
	console.log('数据库迁移已完成')
	const started = performance.now()
	const seeded = await seedDemoIfEmpty()
	if (seeded) {
		console.log(`已写入演示数据（用时 ${Math.round(performance.now() - started)} 毫秒）`)
		console.log(await describeDemo())
	} else {
		console.log('数据库中已有区域数据，未写入演示数据')
	}
}

main()
	.catch((error: unknown) => {
		console.error(error)
		process.exitCode = 1
	})
	.finally(() => closeDb())
