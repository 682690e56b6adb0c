import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'

test.describe('a county regulator', () => {
	test.use({ storageState: storageStateOf('qinghe') })

	test('cannot open an enterprise of another county by editing the URL', async ({ page, browser }) => {
		// Find an enterprise of 北山区 as the city regulator sees it.
		const city = await browser.newContext({ storageState: storageStateOf('city') })
		const cityPage = await city.newPage()
		await cityPage.goto('/enterprises?q=北山机械')
		const link = cityPage.getByRole('link', { name: /北山机械/ })
		const href = await link.getAttribute('href')
		await city.close()
		expect(href).toMatch(/^\/enterprises\/\d+$/)

		const response = await page.goto(href!)
		expect(response?.status()).toBe(404)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在')
		await expect(page.getByText('北山机械')).toHaveCount(0)
	})

	test('sees only their county in the enterprise list and drills down to a person', async ({ page }) => {
		await page.goto('/enterprises')
		await expect(page.getByRole('link', { name: /青河精细化工/ })).toBeVisible()
		await expect(page.getByRole('link', { name: /北山机械/ })).toHaveCount(0)
		await page.getByRole('link', { name: /青河精细化工/ }).click()
		await page.getByRole('link', { name: /人员花名册/ }).first().click()
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员花名册')
		// Regulators see masked phone numbers and ID numbers.
		await expect(page.locator('tbody tr').first()).toContainText('****')
	})
})

test.describe('on a phone', () => {
	test.use({ storageState: storageStateOf('ent1'), viewport: { width: 375, height: 740 } })

	test('the menu opens by keyboard and the page does not scroll sideways', async ({ page }) => {
		await page.goto('/')
		await page.locator('.user-menu summary').focus()
		await page.keyboard.press('Enter')
		await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '人员花名册' }).click()
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('人员花名册')
		await page.screenshot({ path: 'tests/.tmp/phone-people.png', fullPage: false })
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
		expect(overflow).toBeLessThanOrEqual(0)
	})
})

test('an unknown page says so in Chinese', async ({ page }) => {
	const response = await page.goto('/no-such-page')
	expect(response?.status()).toBe(404)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在')
})
