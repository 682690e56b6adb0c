import { expect, type Page, test } from '@playwright/test'
import { logIn } from './helpers.ts'

// The 学时 ledger as a learner sees it: time accrues while the page is visible, not while it
// is hidden; the idle lock; the video refuses to skip ahead. Heartbeats are real (15 s).
const LESSON = '/learn/warning-film/confined-space-film'

async function creditedSeconds(page: Page) {
	return Number(await page.getByTestId('minutes-done').getAttribute('data-seconds'))
}

test.describe.configure({ mode: 'serial' })

test('time accrues while the lesson is visible and stops while the tab is hidden', async ({ page }) => {
	test.setTimeout(120_000)
	await logIn(page, '13900000003')
	await page.goto(LESSON)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('有限空间里看不见的危险')
	const start = await creditedSeconds(page)
	// Keep "input" coming and wait two heartbeats.
	await expect
		.poll(
			async () => {
				await page.mouse.wheel(0, 10)
				return creditedSeconds(page)
			},
			{ timeout: 45_000, intervals: [2_000] },
		)
		.toBeGreaterThan(start)
	const visibleTotal = await creditedSeconds(page)

	// Hide the page: the browser reports it, the server credits nothing for that time.
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
		document.dispatchEvent(new Event('visibilitychange'))
	})
	await page.waitForTimeout(33_000)
	expect(await creditedSeconds(page)).toBe(visibleTotal)
})

test('after five minutes without input the lesson locks until 「继续学习」', async ({ page }) => {
	await page.clock.install()
	await logIn(page, '13900000003')
	await page.goto(LESSON)
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	await page.clock.fastForward('05:16')
	const dialog = page.getByRole('dialog', { name: '学习已暂停' })
	await expect(dialog).toBeVisible()
	await dialog.getByRole('button', { name: '继续学习' }).click()
	await expect(dialog).toBeHidden()
})

test('the video refuses to seek past the furthest point watched and plays at most at 1×', async ({ page }) => {
	await logIn(page, '13900000003')
	await page.goto(LESSON)
	const video = page.locator('video')
	await expect(video).toBeVisible()
	await video.evaluate((v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadedmetadata', () => r(null)))))
	const after = await video.evaluate(async (v: HTMLVideoElement) => {
		v.currentTime = 100
		await new Promise((r) => setTimeout(r, 500))
		return v.currentTime
	})
	expect(after).toBeLessThan(5)
	const rate = await video.evaluate(async (v: HTMLVideoElement) => {
		v.playbackRate = 2
		await new Promise((r) => setTimeout(r, 100))
		return v.playbackRate
	})
	expect(rate).toBe(1)
})
