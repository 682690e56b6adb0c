import { expect, test as setup } from '@playwright/test'
import { demoHomeRegExp } from '#db/demo-accounts.ts'
import { DEMO_ACCOUNTS, storageStateOf } from './accounts.ts'

// Log in once per role through the real form; later tests reuse the saved cookies.
// Learners are skipped here: a learner login ends their other sessions, so learner tests log in themselves.
for (const a of DEMO_ACCOUNTS.filter((a) => a.roleCode !== 'learner')) {
	setup(`log in as ${a.login} (${a.role})`, async ({ page }) => {
		await page.goto('/login')
		await page.getByLabel('手机号或用户名').fill(a.login)
		await page.getByLabel('密码').fill(a.password)
		await page.getByRole('button', { name: '登录' }).click()
		await expect(page).toHaveURL((url) => demoHomeRegExp(a.home).test(url.pathname))
		await page.context().storageState({ path: storageStateOf(a.login) })
	})
}
