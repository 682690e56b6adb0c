// npm run coverage:rebuild -- [--year 2026] [--dry-run]
//
// Recomputes coverage for a year from the facts (employments, rules in force, the 学时 ledger,
// exam results), prints every difference from the coverage kept on write, then replaces it
// (unless --dry-run). Exit status 0 either way; the differences are the report.
import { parseArgs } from 'node:util'
import { closeDb } from '#app/utils/db.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { runMigrations } from '#db/migrate.ts'
import { rebuildCoverage } from './coverage.server.ts'

const { values } = parseArgs({ options: { year: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } })
const year = Number(values.year ?? todayInShanghai().slice(0, 4))
try {
	if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`年份不正确：${values.year}`)
	await runMigrations()
	const started = performance.now()
	const { rows, differences, differenceCount } = await rebuildCoverage(year, {
		dryRun: values['dry-run'],
		onProgress: (done, total) => process.stdout.write(`\r按人员编号分批重算：${Math.round((done / total) * 100)}%`),
	})
	process.stdout.write('\n')
	console.log(`${year}年覆盖率：按事实重算 ${rows} 条（人×企业），用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒${values['dry-run'] ? '（试运行，未写入）' : '，已替换'}`)
	if (differenceCount === 0) console.log('与日常累计的结果完全一致。')
	else {
		console.log(`与日常累计的结果有 ${differenceCount} 处不同：`)
		for (const d of differences.slice(0, 200)) console.log(`  人员 ${d.personId} · 企业 ${d.enterpriseId} · ${d.field}：累计 ${JSON.stringify(d.kept)}，重算 ${JSON.stringify(d.rebuilt)}`)
		if (differenceCount > 200) console.log(`  ……另有 ${differenceCount - 200} 处`)
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error))
	process.exitCode = 1
} finally {
	await closeDb()
}
