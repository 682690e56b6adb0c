import { expect, type Page, test } from '@playwright/test'
import { makeRosterCsv, makeRosterXlsx, rosterRow } from '#tests/fixtures/roster.ts'
import { storageStateOf } from './accounts.ts'

test.use({ storageState: storageStateOf('ent1') })

// Phones 1365000xxxx: clear of the demo's people (who all have 139 numbers).
const good = Array.from({ length: 10 }, (_, i) => rosterRow(7_000 + i, { 手机号: `136500000${String(i).padStart(2, '0')}` }))

async function headcount(page: Page) {
	await page.goto('/')
	await page.getByRole('link', { name: /人员花名册（\d+人）/ }).click()
	const text = await page.getByText(/共 \d+ 条/).textContent()
	return Number(/共 (\d+) 条/.exec(text ?? '')![1])
}

async function upload(page: Page, name: string, buffer: Uint8Array, mimeType: string) {
	await page.goto('/')
	await page.getByRole('link', { name: '导入花名册' }).first().click()
	await page.getByLabel('花名册文件').setInputFiles({ name, mimeType, buffer: Buffer.from(buffer) })
	await page.getByRole('button', { name: '上传并检查' }).click()
	await expect(page.getByText(/状态：检查完成|状态：失败/)).toBeVisible({ timeout: 30_000 })
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test('an admin imports a roster with three bad rows, sees each reason, nothing is imported; fixed, it imports once', async ({ page }) => {
	const before = await headcount(page)

	const bad = good.map((row, i) => {
		if (i === 1) return { ...row, 身份证号: `${String(row.身份证号).slice(0, 17)}${String(row.身份证号).endsWith('0') ? '1' : '0'}` }
		if (i === 4) return { ...row, 手机号: '12345' }
		if (i === 7) return { ...row, 岗位类别: '老板' }
		return row
	})
	await upload(page, '花名册-有错.xlsx', await makeRosterXlsx(bad), XLSX)
	await expect(page.getByRole('heading', { name: '发现 3 个问题，未导入任何数据' })).toBeVisible()
	const problems = page.locator('.problems tbody tr')
	await expect(problems).toHaveCount(3)
	await expect(problems.nth(0)).toContainText('第 3 行')
	await expect(problems.nth(0)).toContainText('身份证号')
	await expect(problems.nth(1)).toContainText('第 6 行')
	await expect(problems.nth(1)).toContainText('手机号')
	await expect(problems.nth(2)).toContainText('第 9 行')
	await expect(problems.nth(2)).toContainText('岗位类别')
	await expect(page.getByRole('button', { name: '确认导入' })).toHaveCount(0)
	expect(await headcount(page)).toBe(before)

	await upload(page, '花名册.xlsx', await makeRosterXlsx(good), XLSX)
	await expect(page.getByText('将新增 10 人')).toBeVisible()
	await page.getByRole('button', { name: '确认导入' }).click()
	await expect(page.getByText(/导入完成：新增 10 人/)).toBeVisible({ timeout: 30_000 })
	expect(await headcount(page)).toBe(before + 10)

	// The same people again, now as a GBK CSV the way Excel saves it: nothing changes.
	await upload(page, '花名册.csv', makeRosterCsv(good, 'gbk'), 'text/csv')
	await expect(page.getByText(/将新增 0 人，更新 0 人，\s*10 人无变化/)).toBeVisible()
	expect(await headcount(page)).toBe(before + 10)
})

test('an empty file and a corrupt .xlsx are refused with a clear message', async ({ page }) => {
	await upload(page, '坏文件.xlsx', new TextEncoder().encode('this is not a zip file at all'), XLSX)
	await expect(page.getByRole('alert')).toContainText(/xlsx|Excel|文件/)
	await page.goto('/')
	await page.getByRole('link', { name: '导入花名册' }).first().click()
	await page.getByRole('button', { name: '上传并检查' }).click()
	// The browser refuses an empty required file input; the page stays put.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入花名册')
})
