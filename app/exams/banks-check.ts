// `npm run banks:check`: check every question bank in content/banks and print what each holds.
import { loadBanks } from './banks.server.ts'
import { DIFFICULTY_LABELS, QUESTION_TYPE_LABELS } from './question.ts'

const { banks, problems } = await loadBanks()
for (const bank of banks) {
	const count = (key: (q: (typeof bank.questions)[number]) => string) => {
		const m = new Map<string, number>()
		for (const q of bank.questions) m.set(key(q), (m.get(key(q)) ?? 0) + 1)
		return [...m].map(([k, n]) => `${k} ${n}`).join('，')
	}
	console.log(`${bank.file}：${bank.title}，${bank.questions.length} 题`)
	console.log(`  题型：${count((q) => QUESTION_TYPE_LABELS[q.type])}`)
	console.log(`  难度：${count((q) => DIFFICULTY_LABELS[q.difficulty])}`)
	console.log(`  知识点：${count((q) => q.topic)}`)
	const cases = bank.questions.filter((q) => q.caseSlug)
	if (cases.length) console.log(`  案例：${count((q) => q.caseSlug ?? '（无）')}`)
}
if (problems.length > 0) {
	console.error(`\n题库有 ${problems.length} 处问题：`)
	for (const p of problems) console.error(`  ${p.where}：${p.message}`)
	process.exit(1)
}
console.log(`\n共 ${banks.reduce((n, b) => n + b.questions.length, 0)} 题，没有发现问题。`)
