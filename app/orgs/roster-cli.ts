// npm run roster:import -- <file> --enterprise <id> [--dry-run] [--actor <userId>]
//
// Checks a roster file against the database (migrations must already be applied), prints
// every problem, and applies it unless --dry-run. Exit code 1 when the file has problems
// or cannot be imported.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { asc, eq } from 'drizzle-orm'
import { closeDb, db } from '#app/utils/db.server.ts'
import { enterprises, roleGrants } from '#db/schema/index.ts'
import { applyRosterImport, checkRosterImport, RosterError, startRosterImport, type RosterProgress } from './roster.server.ts'

const USAGE = '用法：npm run roster:import -- <文件.xlsx|文件.csv> --enterprise <企业ID> [--dry-run] [--actor <用户ID>]'
const PRINTED_PROBLEMS = 100

function fail(message: string): never {
	throw new RosterError(message)
}

function positiveInt(value: string | undefined, what: string) {
	const n = Number(value)
	if (!value || !Number.isInteger(n) || n <= 0) fail(`${what}应为正整数。\n${USAGE}`)
	return n
}

async function defaultActor() {
	const [admin] = await db
		.select({ userId: roleGrants.userId })
		.from(roleGrants)
		.where(eq(roleGrants.role, 'platform_admin'))
		.orderBy(asc(roleGrants.id))
		.limit(1)
	return admin?.userId ?? fail('数据库中没有平台管理员账号，请用 --actor <用户ID> 指定操作人')
}

function printProgress({ phase, rowsProcessed, rowsTotal }: RosterProgress) {
	const verb = phase === 'check' ? '已检查' : '已导入'
	const of = rowsTotal ? ` / ${rowsTotal}` : ''
	console.log(`  ${verb} ${rowsProcessed}${of} 行`)
}

async function main() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			enterprise: { type: 'string' },
			actor: { type: 'string' },
			'dry-run': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	})
	if (values.help) {
		console.log(USAGE)
		return
	}
	const file = positionals[0] ?? fail(`请指定花名册文件。\n${USAGE}`)
	const enterpriseId = positiveInt(values.enterprise, '--enterprise')
	const [enterprise] = await db
		.select({ id: enterprises.id, name: enterprises.name })
		.from(enterprises)
		.where(eq(enterprises.id, enterpriseId))
	if (!enterprise) fail(`找不到ID为${enterpriseId}的企业`)
	const actorUserId = values.actor ? positiveInt(values.actor, '--actor') : await defaultActor()
	const bytes = await readFile(file).catch(() => fail(`无法读取文件：${file}`))

	console.log(`企业：${enterprise.name}（ID ${enterprise.id}）`)
	console.log(`文件：${path.basename(file)}（${(bytes.length / 1024).toFixed(0)} KB）`)
	const scope = { enterpriseId }
	const importId = await startRosterImport({ enterpriseId, actorUserId, filename: path.basename(file), bytes })

	const started = performance.now()
	console.log('检查中…')
	const checked = await checkRosterImport(importId, scope, { onProgress: printProgress })
	const checkSeconds = ((performance.now() - started) / 1000).toFixed(1)
	if (checked.status === 'failed') {
		console.log(`检查失败：${checked.error}`)
		process.exitCode = 1
		return
	}
	console.log(`检查完成：共 ${checked.rowsTotal} 行，用时 ${checkSeconds} 秒`)
	if (checked.problemCount > 0) {
		console.log(`发现 ${checked.problemCount} 个问题，未导入任何数据：`)
		for (const p of (checked.problems ?? []).slice(0, PRINTED_PROBLEMS)) {
			console.log(`  第${p.row}行 【${p.column}】 ${p.message}`)
		}
		if (checked.problemCount > PRINTED_PROBLEMS) console.log(`  ……（仅列出前 ${PRINTED_PROBLEMS} 个）`)
		process.exitCode = 1
		return
	}
	console.log(`预计：新增 ${checked.created} 人，更新 ${checked.updated} 人，无变化 ${checked.unchanged} 人`)
	if (values['dry-run']) {
		console.log(`试运行（--dry-run）：未写入任何数据。导入记录ID ${importId}`)
		return
	}

	const applyStarted = performance.now()
	console.log('导入中…')
	const applied = await applyRosterImport(importId, { enterpriseId, actorUserId }, { onProgress: printProgress })
	if (applied.status !== 'applied') {
		console.log(`导入失败：${applied.error}`)
		process.exitCode = 1
		return
	}
	const applySeconds = ((performance.now() - applyStarted) / 1000).toFixed(1)
	console.log(
		`导入完成：新增 ${applied.created} 人，更新 ${applied.updated} 人，无变化 ${applied.unchanged} 人，用时 ${applySeconds} 秒。导入记录ID ${importId}`,
	)
}

main()
	.catch((error: unknown) => {
		if (error instanceof RosterError) console.log(error.message)
		else console.error(error)
		process.exitCode = 1
	})
	.finally(() => closeDb())
