import { test, expect } from 'vitest'
import { checkIdNumber, idNumberCheckDigit, makeIdNumber, maskIdNumber, normalizeIdNumber } from './id-number'

const TODAY = { today: '2026-06-15' }

// Worked examples printed in GB 11643-1999.
test('computes the check digits of the GB 11643-1999 examples', () => {
	expect(idNumberCheckDigit('11010519491231002')).toBe('X')
	expect(idNumberCheckDigit('44052418800101001')).toBe('4')
})

test('accepts a valid number and returns birth date and gender', () => {
	expect(checkIdNumber('11010519491231002X', TODAY)).toEqual({
		ok: true,
		idNumber: '11010519491231002X',
		birthDate: '1949-12-31',
		gender: 'female',
	})
	const male = makeIdNumber('33010619900307123')
	expect(checkIdNumber(male, TODAY)).toMatchObject({ ok: true, birthDate: '1990-03-07', gender: 'male' })
})

test('accepts lower-case x and normalises it to X', () => {
	expect(checkIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, idNumber: '11010519491231002X' })
	expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X')
})

test('accepts full-width digits from Chinese input methods', () => {
	expect(checkIdNumber('１１0105194912310０2Ｘ', TODAY)).toMatchObject({ ok: true, idNumber: '11010519491231002X' })
})

test('rejects an empty value', () => {
	expect(checkIdNumber('', TODAY)).toEqual({ ok: false, message: '请填写身份证号' })
})

test('rejects a 15-digit old number and asks for the 18-digit one', () => {
	expect(checkIdNumber('110105491231002', TODAY)).toEqual({
		ok: false,
		message: '这是15位的旧身份证号，请填写18位身份证号',
	})
})

test('rejects a wrong length and states the actual length', () => {
	expect(checkIdNumber('11010519491231002', TODAY)).toEqual({ ok: false, message: '身份证号应为18位，实际为17位' })
})

test('rejects a non-digit among the first 17 characters', () => {
	expect(checkIdNumber('1101051949123100X2', TODAY)).toEqual({
		ok: false,
		message: '身份证号前17位应为数字，第17位是“X”',
	})
})

test('rejects a last character that is neither a digit nor X', () => {
	expect(checkIdNumber('11010519491231002Y', TODAY)).toEqual({
		ok: false,
		message: '身份证号第18位应为数字或X，实际为“Y”',
	})
})

test('rejects a wrong check digit without suggesting a replacement', () => {
	expect(checkIdNumber('110105194912310021', TODAY)).toEqual({
		ok: false,
		message: '身份证号校验位不正确，请逐位核对号码',
	})
})

test('rejects a birth date that does not exist', () => {
	expect(checkIdNumber(makeIdNumber('33010619900230123'), TODAY)).toEqual({
		ok: false,
		message: '身份证号中的出生日期不存在：1990-02-30',
	})
	expect(checkIdNumber(makeIdNumber('33010619901301123'), TODAY)).toMatchObject({ ok: false, message: '身份证号中的出生日期不存在：1990-13-01' })
	expect(checkIdNumber(makeIdNumber('33010619900100123'), TODAY)).toMatchObject({ ok: false })
})

test('accepts 29 February only in leap years', () => {
	expect(checkIdNumber(makeIdNumber('33010620000229123'), TODAY).ok).toBe(true)
	expect(checkIdNumber(makeIdNumber('33010619000229123'), TODAY)).toMatchObject({
		ok: false,
		message: '身份证号中的出生日期不存在：1900-02-29',
	})
})

test('rejects a birth date before 1900', () => {
	expect(checkIdNumber('440524188001010014', TODAY)).toEqual({
		ok: false,
		message: '身份证号中的出生日期早于1900年：1880-01-01',
	})
	expect(checkIdNumber(makeIdNumber('44052419000101001'), TODAY).ok).toBe(true)
})

test('rejects a birth date after today and accepts today', () => {
	expect(checkIdNumber(makeIdNumber('33010620260616123'), TODAY)).toEqual({
		ok: false,
		message: '身份证号中的出生日期晚于今天：2026-06-16',
	})
	expect(checkIdNumber(makeIdNumber('33010620260615123'), TODAY).ok).toBe(true)
})

test('judges "today" in China time when given a Date', () => {
	// 2026-06-15T17:00Z is already 2026-06-16 01:00 in Beijing.
	const id = makeIdNumber('33010620260616123')
	expect(checkIdNumber(id, { today: new Date('2026-06-15T17:00:00Z') }).ok).toBe(true)
	expect(checkIdNumber(id, { today: new Date('2026-06-15T15:00:00Z') }).ok).toBe(false)
})

test('reads gender from the 17th digit: odd is male, even is female', () => {
	expect(checkIdNumber(makeIdNumber('33010619900307121'), TODAY)).toMatchObject({ gender: 'male' })
	expect(checkIdNumber(makeIdNumber('33010619900307120'), TODAY)).toMatchObject({ gender: 'female' })
})

test('makeIdNumber rejects anything but 17 digits', () => {
	expect(() => makeIdNumber('3301061990030712')).toThrow('身份证号本体应为17位数字')
	expect(() => makeIdNumber('3301061990030712X')).toThrow()
})

test('masks an ID number as first 4, ten asterisks, last 4', () => {
	expect(maskIdNumber('33010619900307123X')).toBe('3301**********123X')
	expect(maskIdNumber('33010619900307123x')).toBe('3301**********123X')
})

test('masks malformed values without exposing more than half', () => {
	expect(maskIdNumber('110105491231002')).toBe('110*********002')
	expect(maskIdNumber('1234')).toBe('1**4')
	expect(maskIdNumber('123')).toBe('***')
	expect(maskIdNumber('')).toBe('')
})
