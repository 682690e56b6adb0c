import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'
import { logIn } from './helpers.ts'

// What a person owes this year, and why: the learner sees it on their record with the rule's
// citation; the platform admin chooses between disputed sources and the choice shows.

test('a new hire at a chemical plant sees 72 学时 of pre-job training and the rule behind it', async ({ page }) => {
	await logIn(page, '13900000004')
	const owed = page.getByRole('region', { name: /应完成的安全培训（为什么我要学这些）/ })
	await expect(owed).toContainText('不少于 72 学时')
	await expect(owed).toContainText('三级安全教育')
	await expect(owed).toContainText('《生产经营单位安全培训规定》')
	await expect(page.getByTestId('hours-earned')).toBeVisible()
	// 学时 by category: what the pre-job training asks and how much of the year's time counts toward it.
	const row = owed.getByRole('table', { name: '按类别的学时完成情况' }).getByRole('row').filter({ hasText: '岗前培训' })
	await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d+(\.\d)? \/ 72 学时$/)
	await expect(row.getByRole('cell').nth(2)).toHaveText(/^(已完成|逾期完成|进行中|未开始|逾期)期限 \d{4}-\d{2}-\d{2}/)
})

test.describe('platform admin', () => {
	test.use({ storageState: storageStateOf('admin') })
	test('chooses which source applies where the rules disagree', async ({ page }) => {
		await page.goto('/admin/rules')
		const form = page.locator('form').filter({ hasText: '建筑施工从业人员每年再培训学时' })
		await expect(form).toContainText('现行：安委〔2012〕10号（默认）')
		await form.getByLabel('建筑施工从业人员每年再培训学时').selectOption('建教〔1997〕83号')
		await form.getByLabel('选择理由').fill('浏览器测试')
		await form.getByRole('button', { name: '保存选择' }).click()
		await expect(page.locator('form').filter({ hasText: '建筑施工从业人员每年再培训学时' })).toContainText('现行：建教〔1997〕83号')
		// Put it back for the other tests.
		const again = page.locator('form').filter({ hasText: '建筑施工从业人员每年再培训学时' })
		await again.getByLabel('建筑施工从业人员每年再培训学时').selectOption('安委〔2012〕10号')
		await again.getByRole('button', { name: '保存选择' }).click()
		await expect(page.locator('form').filter({ hasText: '建筑施工从业人员每年再培训学时' })).toContainText('现行：安委〔2012〕10号')
		// Coverage is recomputed in the background; the page follows it to the end.
		const rebuild = page.getByTestId('coverage-rebuild')
		await expect(rebuild).toContainText('培训规则选择变更')
		await expect(rebuild).toContainText('已按现行规则重算完成', { timeout: 30_000 })
	})
})
