import { expect, test } from '@playwright/test'
import { rosterRow } from '#tests/fixtures/roster.ts'
import { storageStateOf } from './accounts.ts'
import { importRoster, inDays as day, openPerson } from './helpers.ts'

// 上岗日期: a new hire's pre-job training is due before they start work at the post, not on the
// day they were hired. The admin gives the date in the roster, the person page shows the deadline
// it sets, and a wrong date is refused by name and then corrected.
test.use({ storageState: storageStateOf('ent1') })

// Phone 1365008xxxx: clear of the demo's people and of the other roster tests.
const hire = rosterRow(9_200, { 姓名: '岗前待上岗', 手机号: '13650081000', 岗位类别: '其他从业人员', 入职日期: day(0), 上岗日期: day(10) })

test('a new hire imported with a 上岗日期 owes pre-job training by that day; the admin corrects the date on the person page', async ({ page }) => {
	await importRoster(page, [hire], '新员工.xlsx')
	await openPerson(page, '岗前待上岗')
	await expect(page.getByRole('definition').filter({ hasText: day(10) })).toBeVisible()
	const preJob = page.getByRole('table', { name: '按类别的学时完成情况' }).getByRole('row', { name: /岗前培训/ })
	await expect(preJob).toContainText(`期限 ${day(10)}`)
	await expect(preJob).not.toContainText('逾期')
	await expect(page.getByText(`${day(10).slice(0, 4)}年${Number(day(10).slice(5, 7))}月${Number(day(10).slice(8, 10))}日上岗前须完成岗前安全培训`)).toBeVisible()

	// The form is folded to its heading (the date is on file); the admin opens it.
	await expect(page.getByLabel('上岗日期', { exact: true })).toBeHidden()
	await page.getByRole('heading', { name: '更正上岗日期' }).click()
	// Before the hire: refused, naming the field; nothing changes.
	await page.getByLabel('上岗日期', { exact: true }).fill(day(-1))
	await page.getByRole('button', { name: '更正上岗日期' }).click()
	await expect(page.getByText(`上岗日期${day(-1)}早于入职日期${day(0)}，请核对`)).toBeVisible()
	await expect(preJob).toContainText(`期限 ${day(10)}`)

	await page.getByLabel('上岗日期', { exact: true }).fill(day(3))
	await page.getByRole('button', { name: '更正上岗日期' }).click()
	await expect(page.getByText('已登记上岗日期')).toBeVisible()
	await expect(preJob).toContainText(`期限 ${day(3)}`)

	// The archive says when work began.
	await page.getByRole('link', { name: '一人一档（可打印、导出）' }).click()
	await expect(page.getByText(`${day(0)} 入职，${day(3)} 上岗`)).toBeVisible()
})
