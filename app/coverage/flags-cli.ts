// npm run flags:detect -- [--year 2026] [--full]: run the 走过场 detectors over a year and store new
// flags — over the enterprises with facts since the last pass, or with --full over all of them.
import { parseArgs } from 'node:util'
import { closeDb } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { runMigrations } from '#db/migrate.ts'
import { detectFlags } from './integrity.server.ts'

const { values } = parseArgs({ options: { year: { type: 'string' }, full: { type: 'boolean' } } })
const year = Number(values.year ?? todayInShanghai().slice(0, 4))
try {
	await runMigrations()
	const { detected, added, enterprises } = await detectFlags(year, { full: values.full })
	const read = enterprises === 'all' ? '全部企业' : `${enterprises} 家有新记录的企业`
	console.log(`${year}年（检查${read}）：发现 ${detected} 条提示，其中新增 ${added} 条`)
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error))
	process.exitCode = 1
} finally {
	await closeDb()
}
