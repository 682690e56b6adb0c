// npm run exams:check-draws -- --exam <id> | --attempt <id>: draw attempts' papers again from
// what they recorded and report any paper that does not come out the same (exit status 1).
import { parseArgs } from 'node:util'
import { closeDb } from '#app/utils/db.server.ts'
import { runMigrations } from '#db/migrate.ts'
import { checkDraw, checkExamDraws } from './attempts.server.ts'

const { values } = parseArgs({ options: { exam: { type: 'string' }, attempt: { type: 'string' } } })
const id = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : null)
try {
	await runMigrations()
	if (id(values.attempt)) {
		const check = await checkDraw(id(values.attempt)!)
		if (!check) throw new Error(`没有编号为 ${values.attempt} 的答卷`)
		if (check.status === 'same') console.log(`答卷 ${values.attempt}：重新抽题结果一致（${check.questions} 题）`)
		else if (check.status === 'unrecorded') console.log(`答卷 ${values.attempt}：开考时未保存抽题依据，无法复核`)
		else {
			console.log(`答卷 ${values.attempt}：与重新抽题的结果不一致`)
			for (const d of check.differences) console.log(`  ${d}`)
			process.exitCode = 1
		}
	} else if (id(values.exam)) {
		const summary = await checkExamDraws(id(values.exam)!)
		if (!summary) throw new Error(`没有编号为 ${values.exam} 的考试`)
		console.log(`考试 ${values.exam}：一致 ${summary.same} 份，无法复核 ${summary.unrecorded} 份，不一致 ${summary.different.length} 份`)
		for (const d of summary.different) console.log(`  答卷 ${d.attemptId}：${d.differences.join('；')}`)
		if (summary.different.length > 0) process.exitCode = 1
	} else {
		throw new Error('用法：npm run exams:check-draws -- --exam <考试编号> 或 --attempt <答卷编号>')
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error))
	process.exitCode = 2
} finally {
	await closeDb()
}
