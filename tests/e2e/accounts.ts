import path from 'node:path'
import { DEMO_ACCOUNTS, type DemoAccount } from '#db/demo-accounts.ts'

export const AUTH_DIR = path.resolve('tests/.tmp/e2e-auth')

export function account(login: string): DemoAccount {
	const found = DEMO_ACCOUNTS.find((a) => a.login === login)
	if (!found) throw new Error(`no demo account ${login}`)
	return found
}

export function storageStateOf(login: string) {
	return path.join(AUTH_DIR, `${login}.json`)
}

export { DEMO_ACCOUNTS }
