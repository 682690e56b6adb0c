import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoHomeRegExp } from './demo-accounts.ts'

test('the README lists every demo account and the demo password', () => {
	const readme = readFileSync('README.md', 'utf8')
	expect(readme).toContain(DEMO_PASSWORD)
	for (const a of DEMO_ACCOUNTS) expect(readme).toContain(`| \`${a.login}\` | ${a.role} |`)
})

test('home patterns match ids only where the pattern has a parameter', () => {
	expect(demoHomeRegExp('/regions/:regionId').test('/regions/12')).toBe(true)
	expect(demoHomeRegExp('/regions/:regionId').test('/regions/x')).toBe(false)
	expect(demoHomeRegExp('/admin').test('/admin/accounts')).toBe(false)
})
