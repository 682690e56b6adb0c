import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'

// How long training records are kept, per record type: the platform admin changes one type's
// period with a reason, sees it in force, and the enterprise's 一企一档 states it.
test.use({ storageState: storageStateOf('admin') })

test('the platform admin changes how long certificates are kept, with a reason, and 一企一档 shows it', async ({ page, browser }) => {
	await page.goto('/admin')
	await page.getByRole('link', { name: '档案保存期限' }).first().click()
	await expect(page.getByRole('heading', { level: 1, name: '档案保存期限' })).toBeVisible()
	const row = page.getByRole('row', { name: /^证书（培训合格证明）/ })
	await expect(row).toContainText('在职期间持续保存，离职后至少保存 3 年，且自形成起至少保存 3 年（默认）')
	await expect(row).toContainText('令第92号')

	const form = page.getByRole('region', { name: '证书（培训合格证明）' })
	await form.getByLabel('形成后保存年限（年）').fill('5')
	await form.getByLabel('离职后保存年限（年）').fill('4')
	await form.getByLabel('变更理由').fill('短')
	await form.getByRole('button', { name: '保存变更' }).click()
	await expect(form.getByText('请写明变更理由（至少 4 个字）')).toBeVisible()
	await form.getByLabel('离职后保存年限（年）').fill('101')
	await expect(form.getByText('离职后保存年限不能超过 100 年')).toBeVisible()
	await form.getByLabel('离职后保存年限（年）').fill('4')
	await form.getByLabel('变更理由').fill('本省要求证书档案保存五年')
	await expect(form.getByText('请写明变更理由（至少 4 个字）')).toBeHidden()
	await form.getByRole('button', { name: '保存变更' }).click()

	await expect(page.getByText('已变更「证书（培训合格证明）」的保存期限')).toBeVisible()
	const changed = page.getByRole('row', { name: /^证书（培训合格证明）/ })
	await expect(changed).toContainText('在职期间持续保存，离职后至少保存 4 年，且自形成起至少保存 5 年')
	await expect(changed).toContainText('理由：本省要求证书档案保存五年')
	await expect(changed).not.toContainText('（默认）')
	await expect(changed.getByRole('cell').nth(4)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
	// The other types keep their defaults.
	await expect(page.getByRole('row', { name: /^学时记录（含学时更正、学习时的设备与地址）/ })).toContainText('（默认）')
	// The form now holds the period in force.
	await expect(page.getByRole('region', { name: '证书（培训合格证明）' }).getByLabel('形成后保存年限（年）')).toHaveValue('5')

	// The enterprise admin's 一企一档 states it, with the change.
	const ent = await browser.newContext({ storageState: storageStateOf('ent1') })
	const entPage = await ent.newPage()
	await entPage.goto('/')
	await entPage.getByRole('link', { name: '一企一档' }).click()
	await expect(entPage.getByRole('heading', { name: '档案保存期限' })).toBeVisible()
	const archived = entPage.getByRole('row', { name: /^证书（培训合格证明）/ })
	await expect(archived).toContainText('在职期间持续保存，离职后至少保存 4 年，且自形成起至少保存 5 年')
	await expect(archived).toContainText('平台管理员调整：本省要求证书档案保存五年')
	await ent.close()
})
