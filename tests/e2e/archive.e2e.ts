import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'

// 一人一档: an enterprise admin opens a person's archive, which prints on A4 and exports to Excel.
test.use({ storageState: storageStateOf('ent1') })

test('a person’s archive opens from their page and exports', async ({ page }) => {
	await page.goto('/')
	await page.getByRole('link', { name: /人员花名册/ }).first().click()
	await page.locator('table a').first().click()
	await page.getByRole('link', { name: '一人一档（可打印、导出）' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('安全培训档案')
	for (const h of ['学习记录', '考试记录', '培训合格证明', '对照检视']) await expect(page.getByRole('heading', { name: h })).toBeVisible()
	await expect(page.getByText('第二十八条')).toBeVisible()
	await expect(page.getByTestId('retention')).toContainText(/保存期限：(在职期间持续保存|本档案至少保存至 \d{4}-\d{2}-\d{2})/)
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(download.suggestedFilename()).toMatch(/安全培训档案\.xlsx$/)
})

test('一企一档 opens from the enterprise page and exports', async ({ page }) => {
	await page.goto('/')
	await page.getByRole('link', { name: '一企一档' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('一企一档')
	for (const h of ['单位概况', '在册人员', '历年培训覆盖', '考试情况', '走过场提示']) await expect(page.getByRole('heading', { name: h })).toBeVisible()
	await expect(page.getByRole('row', { name: /档案保存期限/ })).toContainText('离职后至少保存 3 年')
	await expect(page.getByRole('heading', { name: /培训计划与学习要求/ })).toBeVisible()
	// The people by name with this year's standing, and the warning pushes with their replies.
	await expect(page.getByRole('heading', { name: /人员名单/ })).toBeVisible()
	await expect(page.getByRole('row', { name: /刘海涛/ })).toBeVisible()
	await expect(page.getByRole('heading', { name: '警示教育推送与对照检视' })).toBeVisible()
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(download.suggestedFilename()).toMatch(/安全培训档案\.xlsx$/)
})
