// `npm run build` (after the Remix build) and `npm run content:check`: validate every file in
// content/, then compile what is not cached yet, one at a time, showing progress.
import { loadBanks } from '#app/exams/banks.server.ts'
import { allSources, loadContent } from './content.server.ts'
import { cacheDir, ensureCompiled } from '#app/utils/mdx.server.ts'

const started = Date.now()
const content = await loadContent()
const banks = await loadBanks()
if (banks.problems.length > 0) {
	console.error(`题库有 ${banks.problems.length} 个问题：`)
	for (const p of banks.problems) console.error(`  ✗ ${p.where}：${p.message}`)
	process.exit(1)
}
if (content.problems.length > 0) {
	console.error(`课程内容有 ${content.problems.length} 个问题：`)
	for (const p of content.problems) console.error(`  ✗ ${p}`)
	process.exit(1)
}
const sources = allSources(content)
let compiled = 0
let failed = 0
for (const [i, s] of sources.entries()) {
	try {
		const r = await ensureCompiled(s.source, s.file)
		if (r.compiled) compiled++
	} catch (error) {
		failed++
		console.error(`  ✗ ${error instanceof Error ? error.message : String(error)}`)
	}
	if (process.stdout.isTTY) process.stdout.write(`\r编译课程内容 ${i + 1}/${sources.length}`)
}
if (process.stdout.isTTY) process.stdout.write('\n')
const lessons = content.courses.reduce((n, c) => n + c.lessons.length, 0)
const seconds = ((Date.now() - started) / 1000).toFixed(1)
console.log(
	`课程内容：${content.courses.length} 门课程、${lessons} 个课时、${content.cases.length} 个事故案例、${banks.banks.length} 个题库 ${banks.banks.reduce((n, b) => n + b.questions.length, 0)} 题；新编译 ${compiled} 个，缓存于 ${cacheDir()}；用时 ${seconds} 秒`,
)
if (failed > 0) process.exit(1)
