import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { type BankProblem, type BankQuestion, parseBankFile } from './bank-file.ts'

export type LoadedBank = { slug: string; file: string; title: string; summary: string; questions: BankQuestion[] }

function contentDir() {
	return path.resolve(process.env.CONTENT_DIR ?? 'content')
}

/** Every bank in content/banks, checked; case references must name a file in content/cases. */
export async function loadBanks(): Promise<{ banks: LoadedBank[]; problems: BankProblem[] }> {
	const dir = path.join(contentDir(), 'banks')
	const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort() : []
	const cases = new Set(existsSync(path.join(contentDir(), 'cases')) ? (await readdir(path.join(contentDir(), 'cases'))).map((n) => n.replace(/\.mdx$/, '')) : [])
	const banks: LoadedBank[] = []
	const problems: BankProblem[] = []
	for (const name of names) {
		const slug = name.replace(/\.yaml$/, '')
		const file = path.relative(process.cwd(), path.join(dir, name))
		if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) problems.push({ where: file, message: '文件名只能用小写字母、数字和连字符' })
		const parsed = parseBankFile(file, await readFile(path.join(dir, name), 'utf8'))
		problems.push(...parsed.problems)
		for (const q of parsed.questions) {
			if (q.caseSlug && !cases.has(q.caseSlug)) problems.push({ where: `${file} 第 ${q.line} 行（${q.key}）`, message: `案例 ${q.caseSlug} 在 content/cases 中不存在` })
		}
		banks.push({ slug, file, title: parsed.title, summary: parsed.summary, questions: parsed.questions })
	}
	return { banks, problems }
}
