import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { makeRosterXlsx, type RosterFixtureRow } from '#tests/fixtures/roster.ts'
import { account } from './accounts.ts'

/** Log in through the real form as a demo account and wait until its home page has loaded. */
export async function logIn(page: Page, login: string, home: RegExp = /\/me$/) {
	const who = account(login)
	await page.goto('/login')
	await page.getByLabel('手机号或用户名').fill(who.login)
	await page.getByLabel('密码').fill(who.password)
	await page.getByRole('button', { name: '登录' }).click()
	await expect(page).toHaveURL(home)
}

/** The project film with a trailing `free` box of its own, so each upload is a distinct file. */
export function distinctFilm(tag: string) {
	const free = Buffer.alloc(16)
	free.writeUInt32BE(16, 0)
	free.write('free', 4, 'latin1')
	free.write(tag.padEnd(8, '_').slice(0, 8), 8, 'latin1')
	return Buffer.concat([readFileSync('public/media/warning-film.mp4'), free])
}

/** The date `days` from now in Beijing, as a date field takes it. */
export function inDays(days: number) {
	return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** As the enterprise admin on `page`: import these roster rows through the real upload, check and confirm. */
export async function importRoster(page: Page, rows: RosterFixtureRow[], fileName: string) {
	await page.goto('/')
	await page.getByRole('link', { name: '导入花名册' }).first().click()
	await page.getByLabel('花名册文件').setInputFiles({ name: fileName, mimeType: XLSX, buffer: Buffer.from(await makeRosterXlsx(rows)) })
	await page.getByRole('button', { name: '上传并检查' }).click()
	await expect(page.getByText(/状态：检查完成/)).toBeVisible({ timeout: 30_000 })
	await page.getByRole('button', { name: '确认导入' }).click()
	await expect(page.getByText(/导入完成/)).toBeVisible({ timeout: 30_000 })
}

/** As the enterprise admin: find a person in the roster by name and open their page. */
export async function openPerson(page: Page, name: string) {
	await page.goto('/')
	await page.getByRole('link', { name: /人员花名册/ }).first().click()
	await expect(page.getByRole('heading', { level: 1, name: '人员花名册' })).toBeVisible()
	await page.getByLabel('姓名或手机号').fill(name)
	await page.getByLabel('姓名或手机号').press('Enter')
	await page.getByRole('link', { name }).click()
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}
