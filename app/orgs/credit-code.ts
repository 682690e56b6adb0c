// 统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015.
//
// Layout (1-based positions):
//   1      登记管理部门代码  registration authority
//   2      机构类别代码      organisation category
//   3–8    登记管理机关行政区划码 (GB/T 2260, 6 digits)
//   9–17   主体标识码 (组织机构代码, GB 11714)
//   18     校验码 check character
//
// The standard itself assigns 1 (机构编制), 5 (民政), 9 (工商/市场监管) and Y (其他)
// to position 1; later assignments (2, 3, 4, 6, 7, 8, A, N …) are in real use and
// published lists disagree, so any charset character is accepted there except "0",
// which is never assigned. The check character catches typos regardless.

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

const LABEL = '统一社会信用代码'

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; message: string }

/** Full-width ASCII (common with Chinese IMEs) → half-width. */
function toHalfWidth(s: string): string {
	return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/** Trim, convert full-width characters, uppercase and remove all whitespace. */
export function normalizeCreditCode(s: string): string {
	return toHalfWidth(s).replace(/\s+/g, '').toUpperCase()
}

/** The check character for the first 17 characters of a code. */
export function creditCodeCheckChar(first17: string): string {
	const chars = [...first17]
	if (chars.length !== 17) {
		throw new RangeError(`${LABEL}本体应为17位，实际为${chars.length}位`)
	}
	let sum = 0
	chars.forEach((c, i) => {
		const value = CREDIT_CODE_CHARSET.indexOf(c)
		if (value < 0) throw new RangeError(describeBadChar(i + 1, c))
		sum += value * (WEIGHTS[i] ?? 0)
	})
	return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31)
}

/**
 * Appends the check character to a 17-character prefix (normalised first).
 * Used by seeds to build valid fictional codes; throws if the result would
 * still fail `checkCreditCode`.
 */
export function makeCreditCode(prefix17: string): string {
	const prefix = normalizeCreditCode(prefix17)
	const result = checkCreditCode(prefix + creditCodeCheckChar(prefix))
	if (!result.ok) throw new RangeError(result.message)
	return result.code
}

function describeBadChar(position: number, c: string): string {
	const hint = 'IOZSV'.includes(c) ? '不含I、O、Z、S、V' : '应为数字或大写字母，不含I、O、Z、S、V'
	return `${LABEL}第${position}位“${c}”不是允许的字符（${hint}）`
}

export function checkCreditCode(s: string): CreditCodeCheck {
	const code = normalizeCreditCode(s)
	const chars = [...code]
	if (chars.length === 0) return { ok: false, message: `请填写${LABEL}` }
	if (chars.length !== 18) {
		const hint = /^\d{15}$/.test(code) ? '（可能是旧的15位工商注册号）' : ''
		return { ok: false, message: `${LABEL}应为18位，实际为${chars.length}位${hint}` }
	}
	const badIndex = chars.findIndex((c) => !CREDIT_CODE_CHARSET.includes(c))
	if (badIndex >= 0) {
		return { ok: false, message: describeBadChar(badIndex + 1, chars[badIndex] ?? '') }
	}
	if (code.startsWith('0')) {
		return { ok: false, message: `${LABEL}第1位（登记管理部门代码）不能为“0”` }
	}
	const region = code.slice(2, 8)
	if (!/^\d{6}$/.test(region)) {
		return {
			ok: false,
			message: `${LABEL}第3–8位应为6位数字的行政区划码，实际为“${region}”`,
		}
	}
	const expected = creditCodeCheckChar(code.slice(0, 17))
	const actual = code.charAt(17)
	if (expected !== actual) {
		return { ok: false, message: `${LABEL}校验位不正确：应为“${expected}”，实际为“${actual}”` }
	}
	return { ok: true, code }
}
