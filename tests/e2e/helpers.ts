import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
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
