import { type Browser, expect, type Page, test } from '@playwright/test'
import { DEMO_EXAM_TITLE } from '#db/demo-accounts.ts'
import { storageStateOf } from './accounts.ts'
import { logIn } from './helpers.ts'

// The annual exam as a learner sits it: answers save as they are chosen, survive a dropped
// connection and a reload, and the result comes back; the same without JavaScript. No response
// of the attempt carries a correct answer or an explanation.

test.describe.configure({ mode: 'serial' })

async function startExam(page: Page) {
	await page.goto('/exams')
	await page.getByRole('link', { name: DEMO_EXAM_TITLE }).click()
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page).toHaveURL(/\/exams\/attempts\/\d+$/)
}

const questions = (page: Page) => page.locator('fieldset.question')

/** Choose the first option of question n (0-based); for multiple choice, the first two. */
async function answer(page: Page, n: number) {
	const q = questions(page).nth(n)
	const boxes = q.getByRole('checkbox')
	if ((await boxes.count()) > 0) {
		await boxes.nth(0).check()
		await boxes.nth(1).check()
	} else {
		await q.getByRole('radio').first().check()
	}
}

/**
 * Every response body the page receives until `stop()`, whatever its address. The answer saves'
 * bodies cannot be read here (the page's own fetch leaves nothing for `response.text()`); their
 * every reply is checked exactly in answer-endpoint.integration.test.ts.
 */
function captureBodies(page: Page) {
	const bodies: Promise<string>[] = []
	let capturing = true
	page.on('response', (response) => {
		// A response cut off by the reload or the offline switch may never give its body: wait
		// a few seconds for each, no more.
		if (capturing && !response.url().endsWith('/answer')) bodies.push(Promise.race([response.text().catch(() => ''), new Promise<string>((resolve) => setTimeout(() => resolve(''), 5000))]))
	})
	return { stop: () => (capturing = false), bodies: () => Promise.all(bodies) }
}

/**
 * The explanations the result page reveals, whole (a short prefix such as a law's title also
 * appears in question stems), to look for in earlier responses.
 */
async function revealedExplanations(page: Page) {
	const texts = await page.locator('section.question p.small').filter({ hasText: '解析：' }).allTextContents()
	return texts.map((t) => t.replace('解析：', '').trim()).filter((t) => t.length >= 12 && !/[<>&"']/.test(t))
}

/** No response before the paper was handed in carried any of its explanations. */
async function expectNoExplanationBefore(captured: ReturnType<typeof captureBodies>, page: Page) {
	const fragments = await revealedExplanations(page)
	expect(fragments.length).toBeGreaterThan(0)
	const bodies = await captured.bodies()
	expect(bodies.length).toBeGreaterThan(3)
	for (const body of bodies) for (const fragment of fragments) expect(body.includes(fragment), fragment.slice(0, 30)).toBe(false)
}

async function checkedAt(page: Page, n: number) {
	return questions(page).nth(n).locator('input:checked').count()
}

test('answers survive a dropped connection and a reload; the paper is graded once submitted', async ({ page, context }) => {
	test.setTimeout(120_000)
	await logIn(page, '13900000002')
	const captured = captureBodies(page)
	await startExam(page)
	await expect(questions(page)).toHaveCount(55)
	const state = page.getByTestId('save-state')

	for (let n = 0; n < 5; n++) await answer(page, n)
	await expect(state).toHaveAttribute('data-state', 'saved')

	await context.setOffline(true)
	for (let n = 5; n < 8; n++) await answer(page, n)
	await expect(state).toHaveAttribute('data-state', 'offline')
	await expect(state).toContainText('题待提交')

	await context.setOffline(false)
	await expect(state).toHaveAttribute('data-state', 'saved', { timeout: 15_000 })

	await page.reload()
	for (let n = 0; n < 8; n++) expect(await checkedAt(page, n), `question ${n + 1}`).toBeGreaterThan(0)
	expect(await checkedAt(page, 8)).toBe(0)
	await expect(page.getByText('已答 8 / 55')).toBeVisible()

	for (const body of await captured.bodies()) {
		expect(body).not.toContain('"explanation"')
		expect(body).not.toContain('"answer"')
		expect(body).not.toContain('解析：')
	}

	captured.stop()
	await page.getByRole('button', { name: '交卷' }).click()
	await expect(page).toHaveURL(/\/result$/)
	await expect(page.getByRole('heading', { name: '考试成绩' })).toBeVisible()
	await expect(page.getByTestId('score')).toHaveText(/^\d+(\.\d+)?$/)
	await expect(page.getByText('不合格')).toBeVisible()
	await expect(page.getByText('解析：').first()).toBeVisible()
	// Every response of the attempt, whatever its address, checked for the 55 explanations the
	// result page now shows.
	await expectNoExplanationBefore(captured, page)
})

async function noScriptPage(browser: Browser) {
	const context = await browser.newContext({ javaScriptEnabled: false })
	return { context, page: await context.newPage() }
}

test('without JavaScript the whole paper saves, resumes and submits with plain form posts', async ({ browser }) => {
	const { context, page } = await noScriptPage(browser)
	await logIn(page, '13900000001')
	const captured = captureBodies(page)
	await page.goto('/exams')
	await page.getByRole('link', { name: DEMO_EXAM_TITLE }).click()
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page).toHaveURL(/\/exams\/attempts\/\d+$/)
	for (let n = 0; n < 3; n++) await answer(page, n)
	await page.getByRole('button', { name: '保存答案' }).click()
	await expect(page.getByText('答案已保存。')).toBeVisible()
	await page.goto(page.url().replace(/\?.*$/, ''))
	for (let n = 0; n < 3; n++) expect(await checkedAt(page, n)).toBeGreaterThan(0)
	await answer(page, 3)
	captured.stop()
	await page.getByRole('button', { name: '交卷' }).click()
	await expect(page).toHaveURL(/\/result$/)
	await expect(page.getByTestId('score')).toBeVisible()
	await expectNoExplanationBefore(captured, page)
	await context.close()
})

test('keyboard only: options are reachable and chosen with the keyboard', async ({ page }) => {
	await logIn(page, '13900000004')
	await page.goto('/exams')
	await page.getByRole('link', { name: DEMO_EXAM_TITLE }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_EXAM_TITLE)
	// The authorisation matrix may have opened this learner's paper already.
	const resume = page.getByRole('link', { name: '继续作答' })
	if (await resume.count()) await resume.click()
	else await page.getByRole('button', { name: '开始考试' }).click()
	// From the top of the page, Tab until the first option of a single-choice question has the
	// focus (no mouse, no script).
	const question = questions(page).filter({ has: page.getByRole('radio') }).first()
	const first = question.locator('input').first()
	await page.locator('body').focus()
	for (let presses = 0; presses < 60 && !(await first.evaluate((el) => el === document.activeElement)); presses++) await page.keyboard.press('Tab')
	await expect(first).toBeFocused()
	await page.keyboard.press('Space')
	await expect(first).toBeChecked()
	await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
	// The arrow keys move the choice within the question, and it saves again.
	await page.keyboard.press('ArrowDown')
	await expect(question.locator('input').nth(1)).toBeChecked()
	await expect(first).not.toBeChecked()
	await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
})

test('practice holds back answers while the learner sits an exam; handed in, a wrong answer lands in the wrong-answer book with the explanation', async ({ page }) => {
	await logIn(page, '13900000003')
	// A paper open (started here, or left open by an earlier test).
	await page.goto('/exams')
	await page.getByRole('link', { name: DEMO_EXAM_TITLE }).click()
	const resume = page.getByRole('link', { name: '继续作答' })
	const start = page.getByRole('button', { name: '开始考试' })
	await expect(resume.or(start)).toBeVisible()
	if (await resume.count()) await resume.click()
	else await start.click()
	await expect(page).toHaveURL(/\/exams\/attempts\/\d+$/)
	const paper = page.url()
	await page.goto('/practice')
	await page.getByRole('link', { name: '顺序练习' }).first().click()
	await page.locator('fieldset.question input').first().check()
	await page.getByRole('button', { name: '提交答案' }).click()
	await expect(page.getByRole('alert')).toContainText('考试正在进行')
	await expect(page.getByText('解析：')).toHaveCount(0)
	await page.goto(paper)
	await page.getByRole('button', { name: '交卷' }).click()
	await expect(page).toHaveURL(/\/result$/)

	await page.goto('/practice')
	const before = Number(await page.getByTestId('wrong-book-count').textContent())
	await page.getByRole('link', { name: '顺序练习' }).first().click()
	// Choose options until one is wrong (a judge or single question has one right option).
	for (let tries = 0; tries < 10; tries++) {
		await page.locator('fieldset.question input').first().check()
		await page.getByRole('button', { name: '提交答案' }).click()
		await expect(page.getByText(/回答(正确|错误)/)).toBeVisible()
		await expect(page.getByText('解析：')).toBeVisible()
		if (await page.getByText('回答错误').count()) break
		await page.getByRole('link', { name: '下一题' }).click()
	}
	await page.goto('/practice')
	await expect(page.getByTestId('wrong-book-count')).toHaveText(String(before + 1))
	await page.getByRole('link', { name: '练习错题' }).click()
	await expect(page.locator('fieldset.question')).toBeVisible()
})

test('the public certificate check needs no login and explains a bad or unknown number', async ({ browser }) => {
	const context = await browser.newContext()
	const page = await context.newPage()
	await page.goto('/verify')
	await page.getByLabel('证书编号').fill('12345')
	await page.getByRole('button', { name: '查验' }).click()
	await expect(page.getByRole('alert')).toContainText('证书编号格式不正确')
	await page.getByLabel('证书编号').fill('AX-2026-000001-ZZZZ')
	await page.getByRole('button', { name: '查验' }).click()
	await expect(page.getByRole('alert')).toContainText('没有查到')
	await context.close()
})

test('the enterprise admin declares a pass void with a reason: the score stays, marked void, its certificate revoked, and the archive shows both', async ({ browser }) => {
	const admin = await browser.newContext({ storageState: storageStateOf('ent1') })
	const office = await admin.newPage()
	await office.goto('/')
	await office.getByRole('link', { name: /人员花名册/ }).first().click()
	await expect(office.getByRole('heading', { level: 1, name: '人员花名册' })).toBeVisible()
	await expect(office.locator('table a').first()).toBeVisible()
	// The demo has a few employees who passed the annual exam earlier this year.
	const people = await office.locator('table a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))
	let found = false
	for (const href of people.slice(0, 40)) {
		await office.goto(href)
		if (await office.getByRole('heading', { name: '成绩作废' }).isVisible()) {
			found = true
			break
		}
	}
	expect(found, 'a seeded employee with a pass to declare void').toBe(true)
	await expect(office.getByRole('region', { name: '考试成绩' })).toContainText(DEMO_EXAM_TITLE)
	await office.getByRole('heading', { name: '成绩作废' }).click()
	await office.getByLabel('要作废的成绩').selectOption({ index: 1 })
	await office.getByLabel('作废理由').fill('代考')
	await office.getByRole('button', { name: '作废成绩' }).click()
	await expect(office.getByText('请写明作废理由（至少 4 个字）')).toBeVisible()
	await office.getByLabel('作废理由').fill('经核实系他人代考')
	await office.getByRole('button', { name: '作废成绩' }).click()
	await expect(office.getByText(/成绩已作废，培训合格证明 AX-\d{4}-\d{6}-[0-9A-Z]{4} 已撤销/)).toBeVisible()
	await expect(office.getByRole('region', { name: '考试成绩' })).toContainText('已作废')
	await expect(office.getByRole('region', { name: '考试成绩' })).toContainText('经核实系他人代考')
	// Nothing is left to void: the form is gone.
	await expect(office.getByRole('heading', { name: '成绩作废' })).toBeHidden()
	// The archive keeps the result and its annulment side by side; the certificate shows revoked.
	await office.getByRole('link', { name: '一人一档（可打印、导出）' }).click()
	await expect(office.getByRole('row').filter({ hasText: DEMO_EXAM_TITLE }).first()).toContainText('作废：经核实系他人代考')
	const certificate = office.getByRole('listitem').filter({ hasText: /AX-\d{4}-\d{6}-[0-9A-Z]{4}/ }).first()
	await expect(certificate).toContainText('（已撤销）')
	const number = /AX-\d{4}-\d{6}-[0-9A-Z]{4}/.exec((await certificate.textContent())!)![0]
	await admin.close()

	// Anyone checking the certificate learns it no longer stands.
	const outsider = await browser.newContext()
	const check = await outsider.newPage()
	await check.goto(`/verify?number=${number}`)
	await expect(check.getByTestId('certificate-status')).toHaveText('已撤销')
	await outsider.close()
})

test('when the clock reaches zero the page hands in the answers it holds: no blank paper', async ({ page }) => {
	// The browser's clock runs ahead; the server finishes the paper with what was saved.
	await page.clock.install()
	await logIn(page, '13900000002')
	await startExam(page)
	await expect(page.getByTestId('remaining')).toHaveText(/^(59|60):\d\d$/)
	const single = questions(page).filter({ has: page.getByRole('radio') })
	for (let i = 0; i < 3; i++) await single.nth(i).getByRole('radio').first().check()
	await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
	await page.clock.fastForward('01:00:30')
	await expect(page).toHaveURL(/\/result$/, { timeout: 15_000 })
	await expect(page.getByTestId('score')).toBeVisible()
	// The review (open after handing in) shows the three answers chosen, and no others.
	await expect(page.getByText('我的选择', { exact: true })).toHaveCount(3)
})
