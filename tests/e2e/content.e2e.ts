import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'

// Every course and lesson in content/ renders on a 375 px phone, hydrates without errors and
// does not scroll sideways. The platform admin previews all courses (no audience filter).
test.use({ storageState: storageStateOf('admin'), viewport: { width: 375, height: 740 } })

test('every lesson of every course renders on a phone without errors', async ({ page }) => {
	test.setTimeout(300_000)
	const errors: string[] = []
	page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`)
	})
	await page.goto('/learn')
	const courseLinks = await page.locator('.course-list h2 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
	expect(courseLinks.length).toBeGreaterThanOrEqual(5)
	let lessonsSeen = 0
	for (const course of courseLinks) {
		await page.goto(course)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		const lessonLinks = await page.locator('.lesson-list a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))
		expect(lessonLinks.length, course).toBeGreaterThan(0)
		for (const lesson of lessonLinks) {
			const response = await page.goto(lesson)
			expect(response?.status(), lesson).toBe(200)
			if (await page.getByText('本视频由单位自行添加').count()) {
				// A video an enterprise added (other tests add some): the film, no text.
				await expect(page.locator('video')).toBeVisible()
			} else {
				await expect(page.locator('.mdx').first()).toBeVisible()
				await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible()
			}
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
			expect(overflow, `${lesson} scrolls sideways`).toBeLessThanOrEqual(0)
			lessonsSeen++
		}
	}
	expect(lessonsSeen).toBeGreaterThanOrEqual(30)
	expect(errors).toEqual([])
})

test('an inline check gives immediate feedback with its explanation', async ({ page }) => {
	await page.goto('/learn/warning-film/confined-space-film')
	const check = page.locator('.mdx-check').first()
	await check.getByLabel('先通风、再检测、后作业').check()
	await check.getByRole('button', { name: '提交答案' }).click()
	await expect(check.getByRole('status')).toContainText('回答正确')
})
