// 公民身份号码 (resident identity number) per GB 11643-1999.
//
// Layout (1-based positions):
//   1–6    地址码 (GB/T 2260 region of first registration)
//   7–14   出生日期码 YYYYMMDD
//   15–17  顺序码; position 17 odd = male, even = female
//   18     校验码 (ISO 7064 MOD 11-2), digit or X
//
// The address code is deliberately not checked against a region list: regions
// are renamed and abolished, but old numbers stay valid for life.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_DIGITS = '10X98765432'
const MIN_BIRTH_DATE = '1900-01-01'

export type Gender = 'male' | 'female'

export type IdNumberCheck =
	| { ok: true; idNumber: string; birthDate: string; gender: Gender }
	| { ok: false; message: string }

export type IdNumberCheckOptions = {
	/** "Today" for the not-in-the-future rule; defaults to the current date in China (UTC+8). */
	today?: Date | string
}

function toHalfWidth(s: string): string {
	return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** Trim, convert full-width characters, remove whitespace, upper-case the X. */
export function normalizeIdNumber(s: string): string {
	return toHalfWidth(s).replace(/\s+/g, '').toUpperCase()
}

/** The check digit ("0"–"9" or "X") for the first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new RangeError('身份证号本体应为17位数字')
	let sum = 0
	for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0)
	return CHECK_DIGITS.charAt(sum % 11)
}

/** Appends the check digit to 17 digits (for seeds and tests). */
export function makeIdNumber(first17: string): string {
	return first17 + idNumberCheckDigit(first17)
}

/** YYYY-MM-DD of a date as seen in China (UTC+8, no DST). */
function chinaDateString(d: Date): string {
	return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

function isRealDate(iso: string): boolean {
	const [y, m, d] = iso.split('-').map(Number)
	if (y === undefined || m === undefined || d === undefined) return false
	const date = new Date(Date.UTC(y, m - 1, d))
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export function checkIdNumber(s: string, options: IdNumberCheckOptions = {}): IdNumberCheck {
	const idNumber = normalizeIdNumber(s)
	const length = [...idNumber].length
	if (length === 0) return { ok: false, message: '请填写身份证号' }
	if (/^\d{15}$/.test(idNumber)) {
		return { ok: false, message: '这是15位的旧身份证号，请填写18位身份证号' }
	}
	if (length !== 18) return { ok: false, message: `身份证号应为18位，实际为${length}位` }
	const badIndex = [...idNumber.slice(0, 17)].findIndex((c) => !/\d/.test(c))
	if (badIndex >= 0) {
		return {
			ok: false,
			message: `身份证号前17位应为数字，第${badIndex + 1}位是“${idNumber.charAt(badIndex)}”`,
		}
	}
	const last = idNumber.charAt(17)
	if (!/[\dX]/.test(last)) {
		return { ok: false, message: `身份证号第18位应为数字或X，实际为“${last}”` }
	}

	const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
	if (!isRealDate(birthDate)) {
		return { ok: false, message: `身份证号中的出生日期不存在：${birthDate}` }
	}
	if (birthDate < MIN_BIRTH_DATE) {
		return { ok: false, message: `身份证号中的出生日期早于1900年：${birthDate}` }
	}
	const today =
		typeof options.today === 'string' ? options.today : chinaDateString(options.today ?? new Date())
	if (birthDate > today) {
		return { ok: false, message: `身份证号中的出生日期晚于今天：${birthDate}` }
	}

	const expected = idNumberCheckDigit(idNumber.slice(0, 17))
	if (expected !== last) {
		// Deliberately not revealing the expected digit: the error is usually a
		// typo elsewhere, and "fixing" the last digit yields someone else's number.
		return { ok: false, message: '身份证号校验位不正确，请逐位核对号码' }
	}
	const gender: Gender = Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female'
	return { ok: true, idNumber, birthDate, gender }
}

/**
 * Masks an ID number for display: first 4 + 10 asterisks + last 4
 * ("3301**********123X"). Other lengths keep at most 4 characters on each
 * side and always mask at least half of the value.
 */
export function maskIdNumber(id: string): string {
	const chars = [...normalizeIdNumber(id)]
	const keep = Math.min(4, Math.floor(chars.length / 4))
	const head = chars.slice(0, keep).join('')
	const tail = keep > 0 ? chars.slice(-keep).join('') : ''
	return head + '*'.repeat(chars.length - 2 * keep) + tail
}
