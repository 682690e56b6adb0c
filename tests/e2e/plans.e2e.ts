import { expect, type Page, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'
import { inDays, logIn } from './helpers.ts'

// Assigned training on top of the rules: an enterprise admin plans a course for its people, who
// see it with its reason; a county regulator requires a course of its chemical plants, which the
// plant sees among its plans. Each test withdraws what it made, and the record stays.

async function assign(page: Page, input: { title: string; course: string; reason: string; industry?: string }) {
	await page.getByLabel('任务名称').fill(input.title)
	await page.getByLabel('学习内容').selectOption({ label: input.course })
	await page.getByLabel('完成期限').fill(inDays(20))
	if (input.industry) await page.getByRole('checkbox', { name: input.industry, exact: true }).check()
	await page.getByLabel('布置原因或依据（学员可见）').fill(input.reason)
	await page.getByRole('button', { name: '布置' }).click()
}

test('an enterprise admin plans a course; a learner sees it with its reason; the admin withdraws it', async ({ browser }) => {
	const title = `车间复训${Date.now() % 1_000_000}`
	const admin = await browser.newContext({ storageState: storageStateOf('ent1') })
	const page = await admin.newPage()
	await page.goto('/')
	await page.getByRole('link', { name: '培训计划' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('培训计划与学习任务')
	await assign(page, { title, course: '从业人员年度安全培训', reason: '年度培训计划：全员复训' })
	const card = page.getByRole('listitem', { name: title })
	await expect(card).toContainText('本单位计划')
	await expect(card).toContainText('学习课程：从业人员年度安全培训')
	await expect(card).toContainText(/已完成 \d+ \/ [1-9]\d* 人/)

	const learner = await browser.newContext()
	const mine = await learner.newPage()
	await logIn(mine, '13900000001')
	const assigned = mine.getByRole('region', { name: '单位和监管部门布置的学习任务' })
	await expect(assigned).toContainText(title)
	await expect(assigned).toContainText('年度培训计划：全员复训')
	await assigned.getByRole('link', { name: '学习课程：从业人员年度安全培训' }).click()
	await expect(mine.getByRole('heading', { level: 1 })).toContainText('从业人员年度安全培训')

	await card.getByRole('button', { name: '撤回' }).click()
	await expect(page.getByRole('listitem', { name: title })).toContainText('已撤回')
	await mine.goto('/me')
	await expect(mine.getByText(title)).toHaveCount(0)
	await admin.close()
	await learner.close()
})

test("a county regulator requires a course of its chemical plants; the plant sees the requirement among its plans", async ({ browser }) => {
	const title = `危化警示${Date.now() % 1_000_000}`
	const regulator = await browser.newContext({ storageState: storageStateOf('qinghe') })
	const page = await regulator.newPage()
	await page.goto('/')
	await page.getByRole('link', { name: '学习要求' }).click()
	await assign(page, { title, course: '事故警示教育：十一起事故的教训', reason: '辖区化工企业举一反三', industry: '危险化学品' })
	const card = page.getByRole('listitem', { name: title })
	await expect(card).toContainText('监管部门要求')
	await expect(card).toContainText('对象：危险化学品')
	await expect(card).toContainText(/已完成 \d+ \/ [1-9]\d* 人/)

	const plant = await browser.newContext({ storageState: storageStateOf('ent1') })
	const plans = await plant.newPage()
	await plans.goto('/')
	await plans.getByRole('link', { name: '培训计划' }).click()
	const seen = plans.getByRole('listitem', { name: title })
	await expect(seen).toContainText('监管部门要求')
	// The plant cannot withdraw a regulator's requirement.
	await expect(seen.getByRole('button', { name: '撤回' })).toHaveCount(0)

	await card.getByRole('button', { name: '撤回' }).click()
	await expect(page.getByRole('listitem', { name: title })).toContainText('已撤回')
	await regulator.close()
	await plant.close()
})
