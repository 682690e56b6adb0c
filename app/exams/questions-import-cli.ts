// npm run questions:import -- <file> --bank <slug> [--title <name>] [--dry-run] [--skip-invalid] [--json]
//
// Reads a question file (Excel, GIFT, Moodle XML, QTI item or package), prints how many were
// read, imported and skipped and every problem with its location; with --json the same report
// as one JSON object. Exit status 0 when the file was readable, whatever was skipped; 2 when
// it could not be read at all (missing file, unknown format, bad arguments).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeDb } from '#app/utils/db.server.ts'
import { runMigrations } from '#db/migrate.ts'
import { IMPORT_FORMAT_LABELS, importQuestions } from './import.server.ts'

const USAGE = '用法：npm run questions:import -- <文件> --bank <题库代号> [--title <题库名称>] [--dry-run] [--skip-invalid] [--json]'

async function main() {
	let parsed
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: {
				bank: { type: 'string' },
				title: { type: 'string' },
				'dry-run': { type: 'boolean', default: false },
				'skip-invalid': { type: 'boolean', default: false },
				json: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false },
			},
		})
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
		return 2
	}
	const { values, positionals } = parsed
	if (values.help) {
		console.log(USAGE)
		return 0
	}
	const file = positionals[0]
	if (!file || !values.bank) {
		console.error(`请指定文件和 --bank。\n${USAGE}`)
		return 2
	}
	let bytes: Uint8Array
	try {
		bytes = new Uint8Array(await readFile(file))
	} catch {
		console.error(`无法读取文件：${file}`)
		return 2
	}
	await runMigrations()
	const report = await importQuestions(
		{ filename: path.basename(file), bytes, bankSlug: values.bank, bankTitle: values.title, skipInvalid: values['skip-invalid'], dryRun: values['dry-run'] },
		{ userId: null },
	)
	if (report.format === null) {
		if (values.json) console.log(JSON.stringify({ read: 0, imported: 0, skipped: 0, problems: report.problems }))
		else console.error(report.problems.map((p) => `${p.where}：${p.message}`).join('\n'))
		return 2
	}
	const out = { read: report.read, imported: report.imported, skipped: report.skipped, problems: report.problems.map((p) => ({ where: p.where, message: p.message })) }
	if (values.json) {
		console.log(JSON.stringify(out))
		return 0
	}
	console.log(`格式：${IMPORT_FORMAT_LABELS[report.format]}；题库：${values.bank}${values['dry-run'] ? '（试运行，未写入）' : ''}`)
	console.log(`读取 ${out.read} 题，${values['dry-run'] ? '可导入' : '导入'} ${out.imported} 题，跳过 ${out.skipped} 题`)
	if (report.invalid > 0 && !values['skip-invalid']) console.log(`有 ${report.invalid} 道题不合格，整个文件未导入；修正后重试，或加 --skip-invalid 跳过这些题。`)
	for (const p of out.problems) console.log(`  ${p.where}：${p.message}`)
	return 0
}

main()
	.then((code) => {
		process.exitCode = code
	})
	.catch((error) => {
		console.error(error instanceof Error ? error.message : String(error))
		process.exitCode = 2
	})
	.finally(() => closeDb())
