import { expect, test } from 'vitest'
import { CERTIFICATE_NUMBER, certificateNumber, certificateStatus, expiryDate, maskName } from './certificate.ts'
import { seededRandom } from './paper.ts'

test('numbers carry the year, a serial and an unguessable tail', () => {
	const n = certificateNumber(2026, 123, seededRandom('x'))
	expect(n).toMatch(CERTIFICATE_NUMBER)
	expect(n.startsWith('AX-2026-000123-')).toBe(true)
})

test('expiry is the same day months later, clamped to the month end', () => {
	expect(expiryDate('2026-03-15', 12)).toBe('2027-03-15')
	expect(expiryDate('2026-01-31', 1)).toBe('2026-02-28')
	expect(expiryDate('2024-02-29', 12)).toBe('2025-02-28')
	expect(expiryDate('2026-11-30', 3)).toBe('2027-02-28')
})

test('status: valid through the expiry day, then expired; revoked wins', () => {
	expect(certificateStatus({ expiresOn: '2027-03-15', revokedAt: null }, '2027-03-15')).toBe('valid')
	expect(certificateStatus({ expiresOn: '2027-03-15', revokedAt: null }, '2027-03-16')).toBe('expired')
	expect(certificateStatus({ expiresOn: '2027-03-15', revokedAt: new Date() }, '2026-01-01')).toBe('revoked')
})

test('names are masked for checkers', () => {
	expect(maskName('张明')).toBe('张*')
	expect(maskName('王志强')).toBe('王*强')
	expect(maskName('欧阳小华')).toBe('欧**华')
	expect(maskName('李')).toBe('李')
})
