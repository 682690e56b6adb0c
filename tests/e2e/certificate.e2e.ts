import { expect, test } from '@playwright/test'
import { DEMO_CADRE } from '#db/demo-accounts.ts'
import { storageStateOf } from './accounts.ts'
import { logIn } from './helpers.ts'

// A certificate from start to check: the platform admin imports three true/false questions
// and publishes an exam that grants a 12-month certificate; a learner passes it, opens the
// certificate (A4, one page when printed, with a QR code to the public check), and someone
// without an account checks it and sees only what a checker needs.
test.describe.configure({ mode: 'serial' })

const TITLE = '证书测试：危险作业与培训档案'
/** The right answer of each question of tests/fixtures/import/gift/certificate.gift, by a word of its stem. */
const RIGHT: [RegExp, '正确' | '错误'][] = [
	[/动火/, '正确'],
	[/先上岗作业/, '错误'],
	[/培训档案/, '正确'],
]

test('the platform admin publishes an exam that grants a certificate', async ({ browser }) => {
	const context = await browser.newContext({ storageState: storageStateOf('admin') })
	const page = await context.newPage()
	await page.goto('/admin/banks')
	await page.getByLabel('题库代号').fill('e2e-certificate')
	await page.getByLabel('题库名称（新建时）').fill('证书测试题库')
	await page.getByLabel('题目文件').setInputFiles('tests/fixtures/import/gift/certificate.gift')
	await page.getByRole('button', { name: '上传并检查' }).click()
	await page.getByRole('button', { name: '确认导入 3 题' }).click()
	await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible()

	await page.goto('/admin/exams')
	await page.getByLabel('考试名称').fill(TITLE)
	await page.getByLabel(/证书测试题库/).check()
	await page.getByLabel('第 1 行题型').selectOption('judge')
	await page.getByLabel('第 1 行题数').fill('3')
	await page.getByLabel('第 1 行每题分值').fill('10')
	await page.getByLabel('考试时长（分钟）').fill('10')
	await page.getByLabel('合格线（得分率 %）').fill('80')
	await page.getByLabel('合格证明有效期（月，留空不发）').fill('12')
	await page.getByRole('button', { name: '保存为草稿' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(TITLE)
	await page.getByRole('button', { name: '发布考试' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toContainText('已发布')
	await context.close()
})

test('a learner passes, opens the certificate and prints it on one A4 page; anyone can check it by its QR link', async ({ page, browser }) => {
	await logIn(page, DEMO_CADRE.phone)
	await page.goto('/exams')
	await page.getByRole('link', { name: TITLE }).click()
	await page.getByRole('button', { name: '开始考试' }).click()
	await expect(page).toHaveURL(/\/exams\/attempts\/\d+$/)
	const questions = page.locator('fieldset.question')
	await expect(questions).toHaveCount(3)
	for (let i = 0; i < 3; i++) {
		const stem = (await questions.nth(i).locator('.stem').textContent()) ?? ''
		const right = RIGHT.find(([word]) => word.test(stem))
		expect(right, stem).toBeDefined()
		await questions.nth(i).getByRole('radio', { name: right![1] }).check()
	}
	await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
	await page.getByRole('button', { name: '交卷' }).click()
	await expect(page).toHaveURL(/\/result$/)
	await expect(page.getByText('合格', { exact: true })).toBeVisible()

	// The certificate, from the result page.
	await page.getByRole('link', { name: /^AX-\d{4}-\d{6}-[0-9A-Z]{4}$/ }).click()
	await expect(page.getByRole('heading', { name: '安全生产培训合格证明' })).toBeVisible()
	await expect(page.locator('.certificate-body')).toContainText(`${DEMO_CADRE.name} 参加「${TITLE}」，考试合格`)
	const number = (await page.getByTestId('certificate-number').textContent())!
	await expect(page.locator('.certificate')).toContainText('有效')
	await expect(page.locator('.certificate-qr svg')).toBeVisible()
	const verifyUrl = (await page.locator('.certificate-qr figcaption').textContent())!.match(/https?:\/\/\S+/)![0]
	expect(verifyUrl).toContain(`/verify?number=${number}`)

	// Printed: the print button stays off the paper, and the whole certificate fits one A4 page.
	await page.emulateMedia({ media: 'print' })
	await expect(page.getByRole('button', { name: '打印（A4）' })).toBeHidden()
	const pdf = (await page.pdf({ format: 'A4' })).toString('latin1')
	expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1)
	await page.emulateMedia({ media: 'screen' })

	// The public check, as a stranger who scanned the QR code: a masked name, the status and
	// the dates, and nothing that identifies the holder further.
	const stranger = await browser.newContext()
	const check = await stranger.newPage()
	await check.goto(verifyUrl)
	const facts = check.locator('dl')
	await expect(facts).toContainText(number)
	await expect(facts).toContainText(`${DEMO_CADRE.name[0]}*${DEMO_CADRE.name.at(-1)}`)
	await expect(facts).toContainText(TITLE)
	await expect(facts).toContainText('有效')
	await expect(check.locator('body')).not.toContainText(DEMO_CADRE.name)
	await expect(check.locator('body')).not.toContainText(DEMO_CADRE.phone)
	await stranger.close()
})
