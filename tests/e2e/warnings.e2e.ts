import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'
import { inDays } from './helpers.ts'

// 警示教育推送: a county regulator pushes an accident case to its chemical plants; a plant's
// admin assigns the case lesson and files the 对照检视 reply with one 不符合 item; the regulator
// sees the reply rate and the hazard found.

test('push → assign → reply with one 不符合 → reply rate and hazard list', async ({ browser }) => {
	const title = `响水举一反三${Date.now() % 1_000_000}`
	const regulator = await (await browser.newContext({ storageState: storageStateOf('qinghe') })).newPage()
	await regulator.goto('/')
	await regulator.getByRole('link', { name: '警示教育推送' }).click()
	await regulator.getByLabel('事故案例').selectOption({ label: '响水“3·21”特别重大爆炸事故' })
	await regulator.getByRole('button', { name: '选用这个案例' }).click()
	await expect(regulator.getByLabel('对照检视清单（每行一项：检查问题｜依据）')).toHaveValue(/｜安全生产法/)
	await regulator.getByLabel('推送标题').fill(title)
	await regulator.getByRole('checkbox', { name: '危险化学品', exact: true }).check()
	await regulator.getByLabel('完成期限').fill(inDays(20))
	await regulator.getByRole('button', { name: '推送' }).click()
	await expect(regulator.getByRole('heading', { level: 1 })).toHaveText(title)
	await expect(regulator.getByTestId('reply-rate')).toHaveText('0%')
	const detailUrl = regulator.url()

	const admin = await (await browser.newContext({ storageState: storageStateOf('ent1') })).newPage()
	await admin.goto('/')
	await admin.getByRole('region', { name: '警示教育推送' }).getByRole('link', { name: title }).click()
	await expect(admin.getByRole('heading', { level: 1 })).toContainText(title)
	await admin.getByRole('button', { name: '布置学习' }).click()
	await expect(admin.getByTestId('studied')).toHaveText('0')
	const items = admin.locator('fieldset').filter({ has: admin.getByRole('radio', { name: '符合', exact: true }) })
	const count = await items.count()
	expect(count).toBe(7)
	await items.nth(0).getByRole('radio', { name: '不符合' }).check()
	await items.nth(0).getByLabel('发现的问题').fill('危险废物库房未按规定贮存硝化废料')
	await items.nth(0).getByLabel('整改措施').fill('清理废料并委托有资质单位处置')
	await items.nth(0).getByLabel('责任人').fill('张经理')
	await items.nth(0).getByLabel('整改期限').fill(inDays(10))
	for (let i = 1; i < count; i++) await items.nth(i).getByRole('radio', { name: '符合', exact: true }).check()
	await admin.getByRole('button', { name: '提交回复' }).click()
	await expect(admin.getByText(/第 1 版 · .* 提交/)).toBeVisible()
	await expect(admin.getByRole('button', { name: '提交回复' })).toHaveCount(0)

	await regulator.goto(detailUrl)
	await expect(regulator.getByTestId('reply-rate')).not.toHaveText('0%')
	const hazards = regulator.getByRole('region', { name: '查出的隐患（按检查项）' })
	await expect(hazards).toContainText('1 家不符合')
	await expect(hazards).toContainText('危险废物库房未按规定贮存硝化废料')
	const [download] = await Promise.all([regulator.waitForEvent('download'), regulator.getByRole('link', { name: '导出 Excel' }).click()])
	expect(download.suggestedFilename()).toMatch(/对照检视回复\.xlsx$/)
})
