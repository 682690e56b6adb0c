import { test, expect } from 'vitest'
import { checkPhone, normalizePhone } from './phone'

test('accepts an 11-digit mobile number', () => {
	expect(checkPhone('13812345678')).toEqual({ ok: true, phone: '13812345678' })
	expect(checkPhone('19912345678')).toEqual({ ok: true, phone: '19912345678' })
})

test('strips spaces and dashes', () => {
	expect(normalizePhone(' 138 1234 5678 ')).toBe('13812345678')
	expect(normalizePhone('138-1234-5678')).toBe('13812345678')
})

test('strips a leading +86, 0086 or 86 country code', () => {
	expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678')
	expect(normalizePhone('+86-13812345678')).toBe('13812345678')
	expect(normalizePhone('008613812345678')).toBe('13812345678')
	expect(normalizePhone('8613812345678')).toBe('13812345678')
})

test('keeps a leading 86 that is not a country code', () => {
	expect(normalizePhone('86123')).toBe('86123')
})

test('converts full-width digits', () => {
	expect(checkPhone('１３８１２３４５６７８')).toEqual({ ok: true, phone: '13812345678' })
})

test('rejects an empty value', () => {
	expect(checkPhone('  ')).toEqual({ ok: false, message: '请填写手机号' })
})

test('rejects wrong length, letters and landlines', () => {
	for (const bad of ['1381234567', '138123456789', '1381234567a', '02312345678', '010-12345678']) {
		expect(checkPhone(bad)).toEqual({ ok: false, message: '手机号应为11位数字，以1开头' })
	}
})

test('rejects a second digit outside 3–9', () => {
	expect(checkPhone('12812345678')).toEqual({ ok: false, message: '手机号第2位应为3至9，实际为“2”' })
})
