import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'

// The platform admin imports a question file: upload, the check lists each problem with its
// place, confirm, and the bank holds the questions; importing it again adds nothing.
test.use({ storageState: storageStateOf('admin') })

async function upload(page: import('@playwright/test').Page) {
	await page.goto('/admin/banks')
	await page.getByLabel('题库代号').fill('e2e-bank')
	await page.getByLabel('题库名称（新建时）').fill('浏览器测试题库')
	await page.getByLabel('题目文件').setInputFiles('tests/fixtures/import/gift/small.gift')
	await page.getByRole('button', { name: '上传并检查' }).click()
	await expect(page.getByRole('heading', { name: '导入检查结果' })).toBeVisible()
}

test('upload → check → confirm; a second import of the same file adds nothing', async ({ page }) => {
	await upload(page)
	await expect(page.getByTestId('read')).toHaveText('4 题')
	await expect(page.getByTestId('imported')).toHaveText('3 题')
	await expect(page.getByRole('cell', { name: 'small.gift 第 21 行' })).toBeVisible()
	await page.getByRole('button', { name: '确认导入 3 题' }).click()
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible()
	await page.goto('/admin/banks')
	await expect(page.getByRole('row').filter({ hasText: 'e2e-bank' })).toContainText('3')

	await upload(page)
	await expect(page.getByTestId('imported')).toHaveText('0 题')
	await expect(page.getByText('没有新的或改动过的题目，无需导入。')).toBeVisible()
})

test('a bank exports to Excel and GIFT', async ({ page }) => {
	await page.goto('/admin/banks')
	const row = page.getByRole('row').filter({ hasText: 'employee-safety' })
	const [xlsx] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'Excel' }).click()])
	expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
	const [gift] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'GIFT' }).click()])
	expect(gift.suggestedFilename()).toMatch(/\.gift$/)
})
