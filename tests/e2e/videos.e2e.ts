import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'
import { distinctFilm, logIn } from './helpers.ts'

// An enterprise admin adds a video of their own to a course; their people see and watch it
// as a video lesson; a file that is not a video is refused with the reason; withdrawing hides it.

test.describe.configure({ mode: 'serial' })

const TITLE = '本厂储罐区巡检规程（视频）'

test.describe('enterprise admin', () => {
	test.use({ storageState: storageStateOf('ent1') })

	test('refuses a file that is not an MP4, naming the file and the reason', async ({ page }) => {
		await page.goto('/')
		await page.getByRole('link', { name: '本单位视频' }).click()
		await page.getByLabel('加入课程').selectOption({ label: '从业人员年度安全培训' })
		await page.getByLabel('视频标题').fill('不是视频')
		await page.getByLabel(/视频文件/).setInputFiles({ name: 'fake.mp4', mimeType: 'video/mp4', buffer: Buffer.from('这不是视频') })
		await page.getByRole('button', { name: '上传并加入课程' }).click()
		await expect(page.getByRole('alert')).toContainText('fake.mp4：不是 MP4 视频文件')
		await expect(page.getByRole('cell', { name: '不是视频' })).toHaveCount(0)
	})

	test('adds a video to a course and lists it with its running time', async ({ page }) => {
		await page.goto('/')
		await page.getByRole('link', { name: '本单位视频' }).click()
		await page.getByLabel('加入课程').selectOption({ label: '从业人员年度安全培训' })
		await page.getByLabel('视频标题').fill(TITLE)
		await page.getByLabel(/视频文件/).setInputFiles({ name: 'tank-patrol.mp4', mimeType: 'video/mp4', buffer: distinctFilm('e2e') })
		await page.getByRole('button', { name: '上传并加入课程' }).click()
		const row = page.getByRole('row').filter({ hasText: TITLE })
		await expect(row).toContainText('2分2秒')
		await expect(row).toContainText('tank-patrol.mp4')
	})
})

test('a learner of that enterprise finds the video in the course and it plays from the server', async ({ page }) => {
	await logIn(page, '13900000001')
	await page.goto('/learn/employee-annual')
	await page.getByRole('link', { name: TITLE }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE)
	await expect(page.getByText('本视频由单位自行添加')).toBeVisible()
	const duration = await page.locator('video').evaluate(
		(v: HTMLVideoElement) =>
			new Promise<number>((resolve, reject) => {
				if (v.readyState >= 1) resolve(v.duration)
				v.addEventListener('loadedmetadata', () => resolve(v.duration))
				v.addEventListener('error', () => reject(new Error('video failed to load')))
				v.load()
			}),
	)
	expect(Math.round(duration)).toBe(122)
})

test.describe('withdrawing', () => {
	test.use({ storageState: storageStateOf('ent1') })
	test('hides the video from learners', async ({ page, browser }) => {
		await page.goto('/')
		await page.getByRole('link', { name: '本单位视频' }).click()
		await page.getByRole('row').filter({ hasText: TITLE }).getByRole('button', { name: '撤下' }).click()
		await expect(page.getByRole('row').filter({ hasText: TITLE })).toContainText('已撤下')
		const learner = await browser.newPage({ storageState: undefined })
		await logIn(learner, '13900000001')
		await learner.goto('/learn/employee-annual')
		await expect(learner.getByRole('link', { name: TITLE })).toHaveCount(0)
		await learner.close()
	})
})
