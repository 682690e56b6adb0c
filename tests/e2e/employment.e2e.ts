import { expect, test } from '@playwright/test'
import { rosterRow } from '#tests/fixtures/roster.ts'
import { storageStateOf } from './accounts.ts'
import { importRoster, inDays as day, openPerson } from './helpers.ts'

// The person page's record-keeping forms, folded to their headings: the admin opens 登记调岗,
// is told which field is missing, records an appointment as 安全生产管理人员 and sees the new
// post's initial training among what the person owes; then records the person leaving, after
// which nothing more can be recorded.
test.use({ storageState: storageStateOf('ent1') })

// Phone 1365008 2xxx: clear of the demo's people and of the other roster tests.
const worker = rosterRow(9_300, { 姓名: '调岗待登记', 手机号: '13650082000', 岗位类别: '其他从业人员', 工种: null, 入职日期: day(-800) })

test('the admin opens 登记调岗, records an appointment that adds the initial training, then records the person leaving', async ({ page }) => {
	await importRoster(page, [worker], '调岗.xlsx')
	await openPerson(page, '调岗待登记')
	const owed = page.getByRole('table', { name: '按类别的学时完成情况' })
	await expect(owed).toContainText('年度再培训')
	await expect(owed).not.toContainText('初次培训')

	// Folded: the fields appear once the admin opens the form.
	await expect(page.getByLabel('新岗位类别')).toBeHidden()
	await page.getByRole('heading', { name: '登记调岗' }).click()
	await page.getByLabel('调岗日期', { exact: true }).fill(day(0))
	await page.getByRole('button', { name: '登记调岗' }).click()
	await expect(page.getByText('请选择新的岗位类别')).toBeVisible()
	await page.getByLabel('新岗位类别').selectOption({ label: '安全生产管理人员' })
	await page.getByRole('button', { name: '登记调岗' }).click()
	await expect(page.getByText('已登记调岗')).toBeVisible()
	await expect(owed.getByRole('row', { name: /初次培训/ })).toBeVisible()
	await expect(page.getByRole('listitem').filter({ hasText: `调岗 · ${day(0)}` })).toContainText('安全生产管理人员')

	// Leaving: a reason is required; once recorded, the page offers no more forms.
	await page.getByRole('heading', { name: '登记离职' }).click()
	await page.getByLabel('离职日期', { exact: true }).fill(day(0))
	await page.getByRole('button', { name: '登记离职' }).click()
	await expect(page.getByText('请填写离职原因')).toBeVisible()
	await page.getByLabel('离职原因').fill('合同期满')
	await page.getByRole('button', { name: '登记离职' }).click()
	await expect(page.getByText('已登记离职')).toBeVisible()
	await expect(page.getByRole('definition').filter({ hasText: `已于 ${day(0)} 离职` })).toBeVisible()
	await expect(page.getByRole('heading', { name: '登记调岗' })).toHaveCount(0)
})
