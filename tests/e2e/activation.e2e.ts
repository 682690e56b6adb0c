import { expect, test } from '@playwright/test'
import { makeRosterXlsx, rosterRow } from '#tests/fixtures/roster.ts'
import { storageStateOf } from './accounts.ts'

// From the roster to the first lesson: an enterprise admin imports a new employee, who then
// opens their own learner account with the phone, name and ID tail the employer recorded.
test.describe.configure({ mode: 'serial' })

// Phone 1365009xxxx: clear of the demo's people and of the roster test's.
const employee = rosterRow(9_100, { 手机号: '13650091000', 岗位类别: '其他从业人员', 入职日期: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

test('the enterprise admin imports the new employee', async ({ browser }) => {
	const context = await browser.newContext({ storageState: storageStateOf('ent1') })
	const page = await context.newPage()
	await page.goto('/')
	await page.getByRole('link', { name: '导入花名册' }).first().click()
	await page.getByLabel('花名册文件').setInputFiles({ name: '新员工.xlsx', mimeType: XLSX, buffer: Buffer.from(await makeRosterXlsx([employee])) })
	await page.getByRole('button', { name: '上传并检查' }).click()
	await expect(page.getByText('将新增 1 人')).toBeVisible({ timeout: 30_000 })
	await page.getByRole('button', { name: '确认导入' }).click()
	await expect(page.getByText(/导入完成：新增 1 人/)).toBeVisible({ timeout: 30_000 })
	await context.close()
})

test('the employee opens a learner account from the login page and lands on their record', async ({ page }) => {
	await page.goto('/login')
	await page.getByRole('link', { name: '开通学员账号' }).click()
	// The login page's 手机号或用户名 also matches 手机号: wait for the new page before typing.
	await expect(page.getByRole('heading', { name: '开通学员账号' })).toBeVisible()
	await page.getByLabel('手机号', { exact: true }).fill(String(employee.手机号))
	await page.getByLabel('姓名').fill(String(employee.姓名))
	await page.getByLabel('身份证号后六位').fill('000000')
	await page.getByLabel('设置密码（至少 8 位，含字母和数字）').fill('xinyuan2026')
	await page.getByLabel('再次输入密码').fill('xinyuan2026')
	await page.getByRole('button', { name: '核对并开通' }).click()
	await expect(page.getByRole('alert')).toContainText('与单位登记的信息不一致')

	await page.getByLabel('身份证号后六位').fill(String(employee.身份证号).slice(-6))
	await page.getByLabel('设置密码（至少 8 位，含字母和数字）').fill('xinyuan2026')
	await page.getByLabel('再次输入密码').fill('xinyuan2026')
	await page.getByRole('button', { name: '核对并开通' }).click()
	await expect(page).toHaveURL(/\/me$/)
	await expect(page.getByText(String(employee.姓名)).first()).toBeVisible()
	// A new hire at a chemical plant owes pre-job training, with the reason.
	await expect(page.getByRole('region', { name: /应完成的安全培训（为什么我要学这些）/ })).toContainText('岗前')
})
