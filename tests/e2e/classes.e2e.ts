import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { expect, type Page, test } from '@playwright/test'
import { parseBankFile } from '#app/exams/bank-file.ts'
import { storageStateOf } from './accounts.ts'
import { inDays } from './helpers.ts'

// A 专题培训班 end to end: the organiser builds the agenda and imports the roster, the cadre
// gets an account, checks in with the code on the organiser's screen and sits the assessment,
// and the class report and the cadre's record show both; the organiser then voids the pass
// (成绩作废), and the report and the cadre's own record show it.

/** HH:MM in Beijing, `minutes` from now, kept within today. */
function clock(minutes: number) {
	const t = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000)
	const today = inDays(0)
	if (t.toISOString().slice(0, 10) < today) return '00:00'
	if (t.toISOString().slice(0, 10) > today) return '23:59'
	return t.toISOString().slice(11, 16)
}

async function rosterXlsx(rows: [string, string][]) {
	const wb = new ExcelJS.Workbook()
	const sheet = wb.addWorksheet('学员')
	sheet.addRow(['姓名', '单位', '职务', '手机号'])
	for (const [name, phone] of rows) sheet.addRow([name, '安澜市某局', '副局长', phone])
	return Buffer.from(await wb.xlsx.writeBuffer())
}

async function signIn(page: Page, phone: string, password: string) {
	await page.getByLabel('手机号或用户名').fill(phone)
	await page.getByLabel('密码').fill(password)
	await page.getByRole('button', { name: '登录' }).click()
}

/** Answers every question on the paper as its bank says (the class's paper is drawn from one bank). */
async function answerRight(page: Page, bank: string) {
	const file = path.join(process.env.E2E_CONTENT_DIR ?? 'content', 'banks', `${bank}.yaml`)
	const { questions: entries } = parseBankFile(file, readFileSync(file, 'utf8'))
	const questions = page.locator('fieldset.question')
	for (let n = 0; n < (await questions.count()); n++) {
		const question = questions.nth(n)
		const stem = (await question.locator('.stem').textContent())!.trim()
		const entry = entries.find((e) => e.stem === stem)
		expect(entry, `bank question for: ${stem}`).toBeDefined()
		for (const i of entry!.answer) {
			const label = new RegExp(`^(?:[A-Z]\\. )?${entry!.options[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
			await question.locator('label.option').filter({ hasText: label }).locator('input').check()
		}
	}
}

async function addSession(page: Page, fields: { kind: string; title: string; hours: string }, assessment?: () => Promise<void>) {
	const form = page.locator('form').filter({ has: page.getByRole('button', { name: '添加' }) })
	await form.getByLabel('环节类型').selectOption({ label: fields.kind })
	await form.getByLabel('环节名称').fill(fields.title)
	await form.getByLabel('日期').fill(inDays(0))
	await form.getByLabel('开始时间').fill(clock(-10))
	await form.getByLabel('结束时间').fill(clock(70))
	await form.getByLabel('学时').fill(fields.hours)
	if (assessment) await assessment()
	await form.getByRole('button', { name: '添加' }).click()
	await expect(page.getByRole('status').filter({ hasText: '已添加到日程' })).toBeVisible()
	await expect(page.getByRole('link', { name: fields.title })).toBeVisible()
}

test('a cadre checks in to a session and takes the assessment; the class report and their record show it', async ({ browser }) => {
	test.setTimeout(180_000)
	const organiserContext = await browser.newContext({ storageState: storageStateOf('city') })
	const organiser = await organiserContext.newPage()
	await organiser.goto('/')
	await organiser.getByRole('link', { name: '专题培训班' }).click()
	await organiser.getByLabel('培训班名称').fill('浏览器测试专题培训班')
	await organiser.getByLabel('培训地点').fill('市委党校')
	await organiser.getByLabel('开班日期').fill(inDays(0))
	await organiser.getByLabel('结业日期').fill(inDays(0))
	await organiser.getByRole('button', { name: '创建' }).click()
	await expect(organiser.getByRole('heading', { level: 1, name: '浏览器测试专题培训班' })).toBeVisible()
	const classUrl = organiser.url()

	await addSession(organiser, { kind: '专题讲座', title: '安全生产法治讲座', hours: '2' })
	await addSession(organiser, { kind: '结业考核', title: '结业考核', hours: '1' }, async () => {
		await organiser.getByLabel('领导干部安全生产专题题库').check()
		await organiser.getByLabel('单选题数').fill('0')
		await organiser.getByLabel('判断题数').fill('3')
		await organiser.getByLabel('考试时长（分钟）').fill('5')
	})

	// The roster: a new cadre gets an account whose first password is shown once.
	const phone = `137${String(Date.now() % 100_000_000).padStart(8, '0')}`
	const scanner = `136${String(Date.now() % 100_000_000).padStart(8, '0')}`
	await organiser.getByLabel('学员名单文件').setInputFiles({ name: '学员名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rosterXlsx([['周以诚', phone], ['吴思远', scanner]]) })
	await organiser.getByRole('button', { name: '导入' }).click()
	await expect(organiser.getByText('已加入 2 人')).toBeVisible()
	const passwordOf = async (p: string) => (await organiser.getByRole('row', { name: new RegExp(p) }).locator('code').textContent())!.trim()
	const password = await passwordOf(phone)
	const scannerPassword = await passwordOf(scanner)
	expect(password).toMatch(/^[a-z2-9]{10}$/)

	// The organiser's screen shows the code of the minute and its QR.
	await organiser.getByRole('link', { name: '安全生产法治讲座' }).click()
	const code = (await organiser.getByTestId('check-in-code').textContent())!.trim()
	expect(code).toMatch(/^\d{6}$/)
	const qrLink = (await organiser.getByRole('link', { name: '签到链接' }).getAttribute('href'))!

	// A cadre scans the QR before signing in: the sign-in comes first, then one tap checks in.
	const scannerContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
	const scanning = await scannerContext.newPage()
	await scanning.goto(qrLink)
	await expect(scanning).toHaveURL(/\/login\?redirectTo=/)
	await signIn(scanning, scanner, scannerPassword)
	await scanning.getByRole('button', { name: '确认签到' }).click()
	await expect(scanning.getByText('签到成功：「安全生产法治讲座」')).toBeVisible()
	await scannerContext.close()

	// The cadre signs in on their own phone and checks in with the code.
	const cadreContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
	const cadre = await cadreContext.newPage()
	await cadre.goto('/login')
	await signIn(cadre, phone, password)
	await expect(cadre).toHaveURL(/\/me$/)
	await cadre.getByRole('link', { name: '浏览器测试专题培训班' }).click()
	await expect(cadre.getByTestId('class-hours')).toHaveText('0 / 3')
	await cadre.getByLabel('签到码').fill(code === '000000' ? '111111' : '000000')
	await cadre.getByRole('button', { name: '签到' }).click()
	await expect(cadre.getByRole('alert')).toContainText('签到码不正确')
	await cadre.getByLabel('签到码').fill(code)
	await cadre.getByRole('button', { name: '签到' }).click()
	await expect(cadre.getByText('签到成功：「安全生产法治讲座」')).toBeVisible()
	await expect(cadre.getByTestId('class-hours')).toHaveText('2 / 3')

	// The assessment, limited to the roster.
	await cadre.getByRole('link', { name: '参加结业考核' }).click()
	await cadre.getByRole('button', { name: '开始考试' }).click()
	await expect(cadre).toHaveURL(/\/exams\/attempts\/\d+$/)
	const questions = cadre.locator('fieldset.question')
	await expect(questions).toHaveCount(3)
	await answerRight(cadre, 'cadre-safety')
	await expect(cadre.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
	await cadre.getByRole('button', { name: '交卷' }).click()
	await expect(cadre).toHaveURL(/\/result$/)
	await expect(cadre.getByTestId('score')).toBeVisible()
	await expect(cadre.locator('.score .badge.ok')).toHaveText('合格')
	const resultUrl = cadre.url()
	await cadre.goto('/me')
	await cadre.getByRole('link', { name: '浏览器测试专题培训班' }).click()
	await expect(cadre.getByTestId('class-hours')).toHaveText('3 / 3')
	await expect(cadre.getByText('已考核')).toBeVisible()
	await cadre.goto('/me/archive')
	await expect(cadre.getByTestId('archive-classes')).toContainText('浏览器测试专题培训班')

	// The organiser's attendance list and the class report.
	await organiser.reload()
	await expect(organiser.getByRole('row', { name: /周以诚/ })).toContainText('输入签到码')
	await expect(organiser.getByRole('row', { name: /吴思远/ })).toContainText('扫码')
	await organiser.goto(`${classUrl}/report`)
	const row = organiser.getByRole('row', { name: /周以诚/ })
	await expect(row).toContainText('已签到')
	await expect(row).toContainText('已考核')
	await expect(organiser.getByTestId('completed-count')).toHaveText('1 / 2 人')
	const xlsx = await organiser.request.get(`${classUrl}/report.xlsx`)
	expect(xlsx.status()).toBe(200)
	expect(xlsx.headers()['content-type']).toContain('spreadsheetml')

	// 成绩作废: the organiser voids the pass on the class page, with a reason.
	await organiser.goto(classUrl)
	const results = organiser.getByRole('region', { name: '结业考核成绩' })
	await expect(results.getByRole('row', { name: /周以诚/ })).toContainText('合格')
	await organiser.getByRole('heading', { name: '成绩作废' }).click()
	await organiser.getByLabel('要作废的成绩').selectOption({ label: (await organiser.getByLabel('要作废的成绩').locator('option', { hasText: '周以诚' }).textContent())! })
	await organiser.getByLabel('作废理由').fill('代考')
	await organiser.getByRole('button', { name: '作废成绩' }).click()
	await expect(organiser.getByText('请写明作废理由（至少 4 个字）')).toBeVisible()
	await organiser.getByLabel('作废理由').fill('经核实系他人代考')
	await organiser.getByRole('button', { name: '作废成绩' }).click()
	await expect(organiser.getByText('成绩已作废')).toBeVisible()
	await expect(results.getByRole('row', { name: /周以诚/ })).toContainText('已作废')
	await expect(results.getByRole('row', { name: /周以诚/ })).toContainText('经核实系他人代考')
	await expect(organiser.getByRole('heading', { name: '成绩作废' })).toBeHidden()
	// The report counts the cadre as not passed: no completion, the assessment shown as void.
	await organiser.goto(`${classUrl}/report`)
	await expect(organiser.getByTestId('completed-count')).toHaveText('0 / 2 人')
	await expect(organiser.getByRole('row', { name: /周以诚/ })).toContainText('成绩作废')
	await expect(organiser.getByTestId('unfinished')).toContainText('结业考核成绩已作废')

	// The cadre sees it on the result, the class page and their own record.
	await cadre.goto(resultUrl)
	await expect(cadre.getByText(/本次成绩已于 .+ 作废/)).toBeVisible()
	await expect(cadre.locator('.score .badge.risk')).toHaveText('已作废')
	await cadre.goto('/me')
	await cadre.getByRole('link', { name: '浏览器测试专题培训班' }).click()
	await expect(cadre.getByTestId('class-hours')).toHaveText('2 / 3')
	await expect(cadre.locator('.outcome-voided')).toHaveText('成绩作废')
	// A void sitting does not use up the one sitting allowed: the assessment is open to them again.
	await expect(cadre.getByRole('link', { name: '参加结业考核' })).toBeVisible()
	await cadre.goto('/me/archive')
	await expect(cadre.getByRole('row').filter({ hasText: '浏览器测试专题培训班 · 结业考核' })).toContainText('已作废：经核实系他人代考')
	await expect(cadre.getByTestId('archive-classes')).toContainText('结业考核 成绩作废')
	await cadreContext.close()
	await organiserContext.close()
})
