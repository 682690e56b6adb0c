// Mainland China mobile numbers: 11 digits, 1[3-9]xxxxxxxxx.

export type PhoneCheck = { ok: true; phone: string } | { ok: false; message: string }

function toHalfWidth(s: string): string {
	return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/**
 * Removes whitespace and dashes, then a leading +86 / 0086 country code.
 * A bare leading "86" is only removed when 11 digits remain, since no mobile
 * number itself starts with 8.
 */
export function normalizePhone(s: string): string {
	const compact = toHalfWidth(s).replace(/[\s\-\u2010-\u2015]/g, '')
	const withoutPlus = compact.replace(/^(\+86|0086)/, '')
	if (withoutPlus !== compact) return withoutPlus
	return /^86\d{11}$/.test(compact) ? compact.slice(2) : compact
}

export function checkPhone(s: string): PhoneCheck {
	const phone = normalizePhone(s)
	if (phone === '') return { ok: false, message: '请填写手机号' }
	if (!/^1\d{10}$/.test(phone)) return { ok: false, message: '手机号应为11位数字，以1开头' }
	if (!/^1[3-9]/.test(phone)) {
		return { ok: false, message: `手机号第2位应为3至9，实际为“${phone.charAt(1)}”` }
	}
	return { ok: true, phone }
}
