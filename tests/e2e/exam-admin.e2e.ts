import { expect, test } from '@playwright/test'
import { storageStateOf } from './accounts.ts'
import { logIn } from './helpers.ts'

// An enterprise admin sets an exam for their people: a rule the banks cannot meet is refused at
// publishing with the shortfall; a good one is published and reaches the enterprise's learners;
// a fixed paper is picked question by question, checked on the exam page and published.
test.describe.configure({ mode: 'serial' })

async function newExam(page: import('@playwright/test').Page, title: string, count: string) {
	await page.goto('/')
	await page.getByRole('link', { name: '本单位考试' }).first().click()
	await page.getByLabel('考试名称').fill(title)
	await page.getByLabel(/从业人员安全知识题库/).check()
	await page.getByLabel('第 1 行题型').selectOption('judge')
	await page.getByLabel('第 1 行题数').fill(count)
	await page.getByLabel('第 1 行每题分值').fill('10')
	await page.getByLabel('考试时长（分钟）').fill('15')
	await page.getByRole('button', { name: '保存为草稿' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
}

test.describe('enterprise admin', () => {
	test.use({ storageState: storageStateOf('ent1') })

	test('publishing is refused with the rule and the shortfall', async ({ page }) => {
		await newExam(page, '班组判断题小测（题量过大）', '150')
		await page.getByRole('button', { name: '发布考试' }).click()
		await expect(page.getByRole('alert')).toContainText('规则 1（判断题）需要 150 题')
		await expect(page.getByRole('alert')).toContainText('还差')
	})

	test('a good exam is published', async ({ page }) => {
		await newExam(page, '班组判断题小测', '10')
		await page.getByRole('button', { name: '发布考试' }).click()
		await expect(page.getByRole('heading', { level: 1 })).toContainText('已发布')
	})

	test('a fixed paper is picked from the bank, checked on the exam page and published', async ({ page }) => {
		await page.goto('/')
		await page.getByRole('link', { name: '本单位考试' }).first().click()
		await page.getByLabel('考试名称').fill('班组固定试卷小测')
		await page.getByLabel(/从业人员安全知识题库/).check()
		await page.getByRole('radio', { name: /固定试题/ }).check()
		await page.getByLabel('考试时长（分钟）').fill('15')
		// Nothing picked yet: refused, naming the field.
		await page.getByRole('button', { name: '保存为草稿' }).click()
		await expect(page.getByRole('alert').filter({ hasText: '固定试题：请至少选择一道题' })).toBeVisible()

		await page.getByLabel('判断题每题分值').fill('10')
		await page.getByLabel('题型', { exact: true }).selectOption('judge')
		await page.getByRole('button', { name: '筛选试题' }).click()
		// emp-010 is also on the unfiltered list shown before: tick it once only true/false questions are listed.
		await expect(page.getByRole('cell', { name: '单选题', exact: true })).toHaveCount(0)
		await page.getByRole('checkbox', { name: 'emp-010', exact: true }).check()
		await page.getByRole('checkbox', { name: 'emp-011', exact: true }).check()
		await page.getByLabel('题型', { exact: true }).selectOption('single')
		await page.getByRole('button', { name: '筛选试题' }).click()
		// The filter keeps the ticks: the two true/false questions are now picked.
		await expect(page.getByRole('heading', { name: /已选试题：2 题/ })).toBeVisible()
		await page.getByRole('checkbox', { name: 'emp-001', exact: true }).check()
		await page.getByRole('button', { name: '筛选试题' }).click()
		await expect(page.getByRole('heading', { name: /已选试题：3 题/ })).toBeVisible()
		await page.getByLabel('emp-001 的分值').fill('5')
		await expect(page.getByLabel('考试名称')).toHaveValue('班组固定试卷小测')
		await page.getByRole('button', { name: '保存为草稿' }).click()

		await expect(page.getByRole('heading', { level: 1 })).toContainText('班组固定试卷小测')
		await expect(page.getByRole('heading', { name: '固定试题：共 3 题，总分 25 分' })).toBeVisible()
		await expect(page.getByRole('row', { name: /emp-001\s+单选题\s+5\b/ })).toBeVisible()
		await expect(page.getByRole('row', { name: /emp-010\s+判断题\s+10\b/ })).toBeVisible()
		await page.getByRole('button', { name: '发布考试' }).click()
		await expect(page.getByRole('heading', { level: 1 })).toContainText('已发布')
	})
})

test('the enterprise’s learner finds the new exam', async ({ page }) => {
	await logIn(page, '13900000001')
	await page.goto('/exams')
	await expect(page.getByRole('link', { name: '班组判断题小测', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '班组固定试卷小测', exact: true })).toBeVisible()
	await expect(page.getByRole('link', { name: '班组判断题小测（题量过大）' })).toHaveCount(0)
})
