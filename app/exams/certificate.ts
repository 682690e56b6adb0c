// Certificate numbers, validity and what a public checker may see. Pure.
import { addMonths } from '#app/utils/time.ts'

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** `AX-2026-000123-7KQ2`: year, a serial, and four random characters so numbers cannot be guessed in sequence. */
export function certificateNumber(year: number, serial: number, random: () => number) {
	const tail = Array.from({ length: 4 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('')
	return `AX-${year}-${String(serial).padStart(6, '0')}-${tail}`
}

export const CERTIFICATE_NUMBER = /^AX-\d{4}-\d{6}-[2-9A-HJ-NP-Z]{4}$/

/** The expiry date: the same day `months` later (clamped to the month's end), ISO dates. */
export function expiryDate(issuedOn: string, months: number) {
	return addMonths(issuedOn, months)
}

export type CertificateStatus = 'valid' | 'expired' | 'revoked'
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = { valid: '有效', expired: '已过期', revoked: '已撤销' }

export function certificateStatus(c: { expiresOn: string; revokedAt: Date | null }, today: string): CertificateStatus {
	if (c.revokedAt) return 'revoked'
	return today > c.expiresOn ? 'expired' : 'valid'
}

/** A name as a checker sees it: the family name and the last character (张*明, 欧阳**华, 李*). */
export function maskName(name: string) {
	const chars = [...name.trim()]
	if (chars.length <= 1) return chars.join('')
	if (chars.length === 2) return `${chars[0]}*`
	return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`
}
