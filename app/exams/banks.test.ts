import { expect, test } from 'vitest'
import { loadBanks } from './banks.server.ts'

// The question banks the platform ships (content/banks), held to the quotas of the exam issue:
// at least 300 questions of our own; 120 on the 2021 安全生产法 across all seven chapters; 55
// on the accident cases, five or more per case; 40 for 领导干部; 80 for employees — each with
// its explanation and its source.
const CHAPTERS = ['总则', '生产经营单位的安全生产保障', '从业人员的安全生产权利义务', '安全生产的监督管理', '生产安全事故的应急救援与调查处理', '法律责任', '附则']

test('the shipped banks load without a problem and meet the quotas', async () => {
	const saved = process.env.CONTENT_DIR
	process.env.CONTENT_DIR = 'content'
	try {
		const { banks, problems } = await loadBanks()
		expect(problems).toEqual([])
		const bank = (slug: string) => banks.find((b) => b.slug === slug)?.questions ?? []
		expect(banks.reduce((n, b) => n + b.questions.length, 0)).toBeGreaterThanOrEqual(300)

		const law = bank('work-safety-law')
		expect(law.length).toBeGreaterThanOrEqual(120)
		expect(new Set(law.map((q) => q.topic))).toEqual(new Set(CHAPTERS))
		for (const q of law) expect(q.articles.length, q.key).toBeGreaterThan(0)

		const cases = bank('accident-cases')
		expect(cases.length).toBeGreaterThanOrEqual(55)
		const perCase = new Map<string, number>()
		for (const q of cases) {
			expect(q.caseSlug, q.key).toBeTruthy()
			perCase.set(q.caseSlug!, (perCase.get(q.caseSlug!) ?? 0) + 1)
		}
		for (const [slug, n] of perCase) expect(n, slug).toBeGreaterThanOrEqual(5)

		expect(bank('cadre-safety').length).toBeGreaterThanOrEqual(40)
		expect(bank('employee-safety').length).toBeGreaterThanOrEqual(80)
		for (const q of banks.flatMap((b) => b.questions)) {
			expect(q.explanation.trim().length, q.key).toBeGreaterThan(10)
			expect(q.source.trim().length, q.key).toBeGreaterThan(0)
		}
	} finally {
		if (saved === undefined) delete process.env.CONTENT_DIR
		else process.env.CONTENT_DIR = saved
	}
})
