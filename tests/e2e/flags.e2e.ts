import { expect, request, test } from '@playwright/test'
import { E2E_BASE_URL } from '../../playwright.config.ts'
import { account, storageStateOf } from './accounts.ts'

// A paper handed in within seconds becomes a 走过场 flag; the county regulator finds it, reads
// the evidence, opens the person's archive and marks the flag reviewed with a note.
test.use({ storageState: storageStateOf('qinghe') })

test('a too-fast paper is flagged; the regulator reviews it', async ({ page }) => {
	const learner = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Origin: E2E_BASE_URL } })
	const who = account('13900000003')
	expect((await learner.post('/login', { form: { identifier: who.login, password: who.password }, maxRedirects: 0 })).status()).toBe(302)
	const exams = await (await learner.get('/exams')).text()
	const examUrl = /href="(\/exams\/\d+)"/.exec(exams)![1]!
	const started = await learner.post(examUrl, { form: {}, maxRedirects: 0 })
	const attemptUrl = started.headers().location!
	expect((await learner.post(attemptUrl, { form: { intent: 'submit', seq: '1' }, maxRedirects: 0 })).headers().location).toMatch(/result$/)
	await learner.dispose()

	await page.goto('/')
	await page.getByRole('link', { name: '走过场提示' }).click()
	await expect(page.getByRole('heading', { level: 1, name: '疑似“走过场”提示' })).toBeVisible()
	const flags = page.locator('.flag').filter({ hasText: '交卷快于正常阅读时间' }).filter({ hasText: '刘海涛' })
	const flag = flags.first()
	// Flags found earlier are listed before the detection ends: wait for this paper's flag to join them.
	const before = await flags.count()
	await page.getByRole('button', { name: '重新检测' }).click()
	await expect(flags).not.toHaveCount(before)
	await expect(flag).toBeVisible()
	// Other tests may have handed in papers as fast: count them, and see this one go.
	const open = await flags.count()
	// The evidence in words, and the person linked to the records behind it (their archive).
	await expect(flag).toContainText('正常阅读至少')
	await flag.getByRole('link', { name: '刘海涛' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('刘海涛 · 安全培训档案')
	await page.goBack()
	await flag.getByLabel('核查意见').fill('已电话核实，系误操作提前交卷')
	await flag.getByRole('button', { name: '标记为已核查' }).click()
	await expect(flags).toHaveCount(open - 1)
	await page.getByRole('link', { name: '显示已核查的' }).click()
	await expect(page.getByText('已电话核实，系误操作提前交卷').first()).toBeVisible()
})
