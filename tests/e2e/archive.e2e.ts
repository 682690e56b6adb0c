import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'
import { logIn } from './helpers.ts'

// 一人一档: an enterprise admin opens a person's archive, which prints on A4 and exports to Excel.
test.use({ storageState: storageStateOf('ent1') })

test('a person’s archive opens from their page and exports', async ({ page }) => {
	await page.goto('/')
	await page.getByRole('link', { name: /人员花名册/ }).first().click()
	await page.locator('table a').first().click()
	await page.getByRole('link', { name: '一人一档（可打印、导出）' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('安全培训档案')
	for (const h of ['学习记录', '考试记录', '培训合格证明', '对照检视']) await expect(page.getByRole('heading', { name: h })).toBeVisible()
	// The year's legal training by category, with the rule behind each (what the record must show was done).
	await expect(page.getByRole('heading', { name: /^\d{4}年法定培训$/ })).toBeVisible()
	await expect(page.getByRole('table', { name: /^\d{4}年法定培训完成情况$/ })).toContainText(/年度再培训|岗前培训|初次培训/)
	await expect(page.getByText('第二十八条')).toBeVisible()
	await expect(page.getByTestId('retention')).toContainText(/保存期限：(在职期间持续保存|本档案至少保存至 \d{4}-\d{2}-\d{2})/)
	await expect(page.getByRole('row', { name: /^学时记录（含学时更正、学习时的设备与地址）/ })).toContainText(/离职后至少保存 \d+ 年/)
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(download.suggestedFilename()).toMatch(/安全培训档案\.xlsx$/)
})

test('a learner’s own archive states how long each type of record is kept, on the page and in the workbook', async ({ browser }) => {
	// A learner signs in themself (not with this file's saved state): 刘海涛, a special operator at ENT1, still employed.
	const context = await browser.newContext({ storageState: { cookies: [], origins: [] } })
	const page = await context.newPage()
	await logIn(page, '13900000003')
	await page.goto('/me/archive')
	await expect(page.getByRole('heading', { level: 1 })).toContainText('刘海涛 · 安全培训档案')
	await expect(page.getByTestId('retention')).toHaveText('保存期限：在职期间持续保存（各类记录的期限见下表）。')
	await expect(page.getByRole('heading', { name: '保存期限' })).toBeVisible()
	await expect(page.getByRole('row', { name: /^学时记录（含学时更正、学习时的设备与地址）/ })).toContainText(/离职后至少保存 \d+ 年/)
	await expect(page.getByRole('row', { name: /^特种作业人员培训及复审记录/ })).toContainText(/且自形成起至少保存 \d+ 年\s*在职期间持续保存$/)
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(download.suggestedFilename()).toBe('刘海涛安全培训档案.xlsx')
	const workbook = new ExcelJS.Workbook()
	await workbook.xlsx.readFile((await download.path())!)
	const sheet = workbook.getWorksheet('保存期限')
	expect(sheet, 'a 保存期限 sheet').toBeDefined()
	const rows = sheet!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map(String))
	expect(rows.map((r) => r[0])).toContain('特种作业人员培训及复审记录')
	await context.close()
})

test('一企一档 opens from the enterprise page and exports', async ({ page }) => {
	await page.goto('/')
	await page.getByRole('link', { name: '一企一档' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('一企一档')
	for (const h of ['单位概况', '在册人员', '历年培训覆盖', '考试情况', '走过场提示']) await expect(page.getByRole('heading', { name: h })).toBeVisible()
	// How long each type of record is kept, as in force (the platform admin sets them per type).
	await expect(page.getByRole('heading', { name: '档案保存期限' })).toBeVisible()
	await expect(page.getByRole('row', { name: /^学时记录（含学时更正、学习时的设备与地址）/ })).toContainText(/离职后至少保存 \d+ 年/)
	await expect(page.getByRole('row', { name: /^审计日志/ })).toContainText(/自形成起至少保存 \d+ 年/)
	await expect(page.getByRole('heading', { name: /培训计划与学习要求/ })).toBeVisible()
	// The people by name with this year's standing, and the warning pushes with their replies.
	await expect(page.getByRole('heading', { name: /人员名单/ })).toBeVisible()
	await expect(page.getByRole('row', { name: /刘海涛/ })).toBeVisible()
	await expect(page.getByRole('heading', { name: '警示教育推送与对照检视' })).toBeVisible()
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()])
	expect(download.suggestedFilename()).toMatch(/安全培训档案\.xlsx$/)
})

test('an admin corrects credited time: refused without a reason or beyond what was credited, then appended, and the archive shows it', async ({ page }) => {
	await page.goto('/')
	await page.getByRole('link', { name: /人员花名册/ }).first().click()
	await expect(page.getByRole('heading', { level: 1, name: '人员花名册' })).toBeVisible()
	await expect(page.locator('table a').first()).toBeVisible()
	const people = await page.locator('table a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))
	let found = false
	for (const href of people.slice(0, 15)) {
		await page.goto(href)
		if (await page.getByRole('heading', { name: '更正学时' }).isVisible()) {
			found = true
			break
		}
	}
	// The seed credits the year up to yesterday: this year's, or last year's on 1 January (both can be corrected).
	expect(found, 'a seeded employee with time credited this year (last year on 1 January)').toBe(true)
	// The person's page shows this year's 学时 by category beside what the rules ask.
	await expect(page.getByRole('table', { name: '按类别的学时完成情况' })).toContainText(/年度再培训|岗前培训|初次培训/)
	const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
	await page.getByRole('heading', { name: '更正学时' }).click()
	const lesson = page.getByLabel('课时', { exact: true })
	const label = (await lesson.locator('option').nth(1).textContent())!
	const credited = Number(/已计入 (\d+) 分钟/.exec(label)![1])
	await lesson.selectOption({ index: 1 })
	await page.getByLabel('冲减分钟数').fill(String(credited + 1))
	await page.getByLabel('更正理由').fill('挂机')
	await page.getByRole('button', { name: '冲减学时' }).click()
	await expect(page.getByText('请写明更正理由（至少 4 个字）')).toBeVisible()
	await page.getByLabel('更正理由').fill('挂机未实际学习')
	await expect(page.getByText('请写明更正理由（至少 4 个字）')).toBeHidden()
	await page.getByRole('button', { name: '冲减学时' }).click()
	// The server names the field: more than was credited.
	await expect(page.getByText(`冲减不能超过已计入的时间：该课时${label.slice(0, 4)}年已计入 ${credited} 分钟`)).toBeVisible()
	await page.getByLabel('课时', { exact: true }).selectOption({ index: 1 })
	await page.getByLabel('冲减分钟数').fill('5')
	await page.getByLabel('更正理由').fill('学习期间离开工位，经核实冲减')
	await page.getByRole('button', { name: '冲减学时' }).click()
	await expect(page.getByText('已冲减 5 分钟学时')).toBeVisible()
	await page.getByRole('link', { name: '一人一档（可打印、导出）' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${name} · 安全培训档案`)
	await expect(page.getByRole('heading', { name: '学时更正' })).toBeVisible()
	await expect(page.getByRole('row', { name: /学习期间离开工位，经核实冲减/ })).toContainText('-5 分钟')
})
