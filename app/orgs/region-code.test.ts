import { test, expect } from 'vitest'
import { checkRegionCode, isRegionCode, parentCodeOf, regionLevelFromCode } from './region-code'

test('reads the level from a 6-digit code', () => {
	expect(regionLevelFromCode('330000')).toBe('province')
	expect(regionLevelFromCode('330100')).toBe('city')
	expect(regionLevelFromCode('330106')).toBe('county')
})

test('reads a 9-digit GB/T 10114 code as township', () => {
	expect(regionLevelFromCode('330106001')).toBe('township')
})

test('walks up from township to province', () => {
	expect(parentCodeOf('330106001')).toBe('330106')
	expect(parentCodeOf('330106')).toBe('330100')
	expect(parentCodeOf('330100')).toBe('330000')
	expect(parentCodeOf('330000')).toBeNull()
})

test('county under a municipality grouping or a province-administered group has a grouping parent', () => {
	expect(parentCodeOf('110101')).toBe('110100')
	expect(parentCodeOf('429004')).toBe('429000')
	expect(parentCodeOf('659001')).toBe('659000')
})

test('township directly under a prefecture city without counties has the city as parent', () => {
	expect(regionLevelFromCode('441900003')).toBe('township')
	expect(parentCodeOf('441900003')).toBe('441900')
})

test('accepts the Xinjiang Production and Construction Corps prefix 66', () => {
	expect(checkRegionCode('660000')).toEqual({ ok: true, code: '660000', level: 'province' })
})

test('trims surrounding whitespace', () => {
	expect(checkRegionCode(' 330106 ')).toEqual({ ok: true, code: '330106', level: 'county' })
})

test('rejects empty input', () => {
	expect(checkRegionCode('')).toEqual({ ok: false, message: '请填写行政区划代码' })
})

test('rejects wrong length and non-digits', () => {
	for (const bad of ['33010', '3301060', '33010600', '330106001000', '33A106']) {
		expect(checkRegionCode(bad)).toEqual({
			ok: false,
			message: `行政区划代码应为6位（县级及以上）或9位（乡级）数字：“${bad}”`,
		})
	}
})

test('rejects an unknown province prefix', () => {
	expect(checkRegionCode('990000')).toEqual({
		ok: false,
		message: '行政区划代码“990000”的前两位“99”不是有效的省级代码',
	})
	expect(isRegionCode('000000')).toBe(false)
})

test('rejects a county part without a prefecture part', () => {
	expect(checkRegionCode('330006')).toEqual({
		ok: false,
		message: '行政区划代码“330006”无效：第3–4位为00时，第5–6位也应为00',
	})
})

test('rejects township codes under a province or ending in 000', () => {
	expect(checkRegionCode('330000001')).toEqual({
		ok: false,
		message: '乡级行政区划代码“330000001”的前6位应为市级或县级代码，不能是省级代码',
	})
	expect(checkRegionCode('330106000')).toEqual({
		ok: false,
		message: '乡级行政区划代码“330106000”的后3位不能为000',
	})
})

test('level and parent lookups throw on invalid codes', () => {
	expect(() => regionLevelFromCode('99')).toThrow(RangeError)
	expect(() => parentCodeOf('990000')).toThrow('不是有效的省级代码')
})
