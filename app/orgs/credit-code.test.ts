import { test, expect } from 'vitest'
import {
	CREDIT_CODE_CHARSET,
	checkCreditCode,
	creditCodeCheckChar,
	makeCreditCode,
	normalizeCreditCode,
} from './credit-code'

// The worked example printed in GB 32100-2015.
const STANDARD_EXAMPLE = '91350100M000100Y43'

test('accepts the example code from GB 32100-2015', () => {
	expect(checkCreditCode(STANDARD_EXAMPLE)).toEqual({ ok: true, code: STANDARD_EXAMPLE })
})

test('computes the check character of the standard example', () => {
	expect(creditCodeCheckChar(STANDARD_EXAMPLE.slice(0, 17))).toBe('3')
})

test('normalizes case, surrounding and inner spaces, and full-width characters', () => {
	expect(normalizeCreditCode('  91350100m000 100y43 ')).toBe(STANDARD_EXAMPLE)
	expect(normalizeCreditCode('９１350100Ｍ000100Y43')).toBe(STANDARD_EXAMPLE)
	expect(checkCreditCode(' 9135 0100 m000 100y 43 ')).toEqual({ ok: true, code: STANDARD_EXAMPLE })
})

test('makeCreditCode appends a check character that checkCreditCode accepts', () => {
	const prefixes = ['91330106MA2A12345', '52110000500000001', '12100000400000063', 'Y1440300MC0000001', '92320583MA1X7KQ8W']
	for (const prefix of prefixes) {
		const code = makeCreditCode(prefix)
		expect(code).toHaveLength(18)
		expect(code.startsWith(prefix)).toBe(true)
		expect(checkCreditCode(code)).toEqual({ ok: true, code })
	}
})

test('check character can be any charset character, including the last one', () => {
	// 17 zeros sum to 0, so the check char is charset[0]; bumping the last
	// position by one adds weight 28, giving charset[(31 - 28) % 31] = "3".
	expect(creditCodeCheckChar('00000000000000000')).toBe('0')
	expect(creditCodeCheckChar('00000000000000001')).toBe('3')
	const seen = new Set<string>()
	for (let i = 0; i < 31; i++) {
		seen.add(creditCodeCheckChar(`9111000000000000${CREDIT_CODE_CHARSET.charAt(i)}`))
	}
	expect(seen.size).toBe(31)
})

test('rejects an empty value', () => {
	expect(checkCreditCode('   ')).toEqual({ ok: false, message: '请填写统一社会信用代码' })
})

test('rejects a wrong length and states the actual length', () => {
	expect(checkCreditCode(STANDARD_EXAMPLE.slice(0, 17))).toEqual({
		ok: false,
		message: '统一社会信用代码应为18位，实际为17位',
	})
	expect(checkCreditCode(`${STANDARD_EXAMPLE}1`)).toEqual({
		ok: false,
		message: '统一社会信用代码应为18位，实际为19位',
	})
})

test('hints that 15 digits is probably an old business registration number', () => {
	expect(checkCreditCode('330100000123456')).toEqual({
		ok: false,
		message: '统一社会信用代码应为18位，实际为15位（可能是旧的15位工商注册号）',
	})
})

test('rejects I, O, Z, S, V and names the position', () => {
	expect(checkCreditCode('9135I100M000100Y43')).toEqual({
		ok: false,
		message: '统一社会信用代码第5位“I”不是允许的字符（不含I、O、Z、S、V）',
	})
	for (const c of ['O', 'Z', 'S', 'V']) {
		const result = checkCreditCode(`91350100M000100${c}43`)
		expect(result).toEqual({
			ok: false,
			message: `统一社会信用代码第16位“${c}”不是允许的字符（不含I、O、Z、S、V）`,
		})
	}
})

test('rejects punctuation and Chinese characters with a precise message', () => {
	expect(checkCreditCode('91350100-000100Y43')).toEqual({
		ok: false,
		message: '统一社会信用代码第9位“-”不是允许的字符（应为数字或大写字母，不含I、O、Z、S、V）',
	})
	expect(checkCreditCode('91350100中000100Y43')).toMatchObject({ ok: false, message: expect.stringContaining('第9位“中”') })
})

test('rejects a check character that does not match and gives the expected one', () => {
	expect(checkCreditCode('91350100M000100Y44')).toEqual({
		ok: false,
		message: '统一社会信用代码校验位不正确：应为“3”，实际为“4”',
	})
})

test('detects a single-character typo in the body through the check character', () => {
	expect(checkCreditCode('91350100M000101Y43').ok).toBe(false)
})

test('rejects 0 as registration authority code', () => {
	const body = '01350100M000100Y4'
	expect(checkCreditCode(body + creditCodeCheckChar(body))).toEqual({
		ok: false,
		message: '统一社会信用代码第1位（登记管理部门代码）不能为“0”',
	})
})

test('accepts registration authority codes assigned after the standard', () => {
	for (const first of ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']) {
		const code = makeCreditCode(`${first}1110000MA0000001`)
		expect(checkCreditCode(code).ok).toBe(true)
	}
})

test('rejects letters in the administrative division code at positions 3–8', () => {
	const body = '9135A100M000100Y4'
	expect(checkCreditCode(body + creditCodeCheckChar(body))).toEqual({
		ok: false,
		message: '统一社会信用代码第3–8位应为6位数字的行政区划码，实际为“35A100”',
	})
})

test('makeCreditCode throws with the Chinese reason for an invalid prefix', () => {
	expect(() => makeCreditCode('9135010')).toThrow('统一社会信用代码本体应为17位，实际为7位')
	expect(() => makeCreditCode('91AB0100M000100Y4')).toThrow('第3–8位应为6位数字的行政区划码')
	expect(() => makeCreditCode('9135I100M000100Y4')).toThrow('第5位“I”不是允许的字符')
})
