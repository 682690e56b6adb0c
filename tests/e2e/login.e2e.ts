import { expect, test } from '@playwright/test'
import { demoHomeRegExp } from '#db/demo-accounts.ts'
import { DEMO_ACCOUNTS } from './accounts.ts'

const HOME_HEADINGS: Record<string, RegExp> = {
	platform_admin: /平台概览/,
	regulator: /区|县|市/,
	enterprise_admin: /有限公司/,
	learner: /我的学习档案/,
}

for (const a of DEMO_ACCOUNTS) {
	test(`${a.role} ${a.login} logs in and lands on their home`, async ({ page }) => {
		await page.goto('/login')
		await page.getByLabel('手机号或用户名').fill(a.login)
		await page.getByLabel('密码').fill(a.password)
		await page.getByRole('button', { name: '登录' }).click()
		await expect(page).toHaveURL((url) => demoHomeRegExp(a.home).test(url.pathname))
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS[a.roleCode]!)
		await expect(page.locator('.user-roles')).toContainText(a.role)
	})
}

test('a wrong password shows a clear message and no session', async ({ page }) => {
	await page.goto('/login')
	await page.getByLabel('手机号或用户名').fill('ent2')
	await page.getByLabel('密码').fill('wrong-password1')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page.getByRole('alert')).toContainText('账号或密码不正确')
	await page.goto('/enterprises')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fenterprises/)
})

test('logging out ends the session', async ({ page }) => {
	await page.goto('/login?redirectTo=/enterprises')
	await page.getByLabel('手机号或用户名').fill('beishan')
	await page.getByLabel('密码').fill('anxun2026')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(/\/enterprises$/)
	await page.locator('.user-menu summary').click()
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL(/\/login$/)
	await page.goto('/enterprises')
	await expect(page).toHaveURL(/\/login/)
})

test('a browser keeps one device identifier across logins of different accounts (a 走过场 signal, never a login)', async ({ page, context }) => {
	const deviceOf = async () => (await context.cookies()).find((c) => c.name === 'anxun_device')
	await page.goto('/login')
	await page.getByLabel('手机号或用户名').fill('beishan')
	await page.getByLabel('密码').fill('anxun2026')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(/\/regions\/\d+$/)
	const first = await deviceOf()
	expect(first).toMatchObject({ httpOnly: true, sameSite: 'Lax', value: expect.stringMatching(/^[a-z2-7]{32}$/) })
	await page.locator('.user-menu summary').click()
	await page.getByRole('button', { name: '退出登录' }).click()
	await expect(page).toHaveURL(/\/login$/)
	await page.getByLabel('手机号或用户名').fill('ent2')
	await page.getByLabel('密码').fill('anxun2026')
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(/\/enterprises\/\d+$/)
	expect((await deviceOf())?.value).toBe(first!.value)
})
