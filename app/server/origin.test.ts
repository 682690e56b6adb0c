import { expect, test } from 'vitest'
import { originAllowed } from './origin.mjs'

test('reads pass without an Origin header', () => {
	expect(originAllowed({ method: 'GET', origin: undefined, host: 'a.test' })).toBe(true)
})

test('a post from our own origin passes', () => {
	expect(originAllowed({ method: 'POST', origin: 'http://a.test:3000', host: 'a.test:3000' })).toBe(true)
})

test('a post from another site, or with no Origin, is refused', () => {
	expect(originAllowed({ method: 'POST', origin: 'https://evil.test', host: 'a.test' })).toBe(false)
	expect(originAllowed({ method: 'POST', origin: undefined, host: 'a.test' })).toBe(false)
	expect(originAllowed({ method: 'DELETE', origin: 'null', host: 'a.test' })).toBe(false)
})

test('explicitly allowed origins pass', () => {
	expect(
		originAllowed({ method: 'POST', origin: 'https://gw.test', host: 'a.test', allowedOrigins: ['https://gw.test'] }),
	).toBe(true)
})
