// Administrative division codes.
//   GB/T 2260:  6 digits PPCCXX — province PP, prefecture CC, county XX.
//   GB/T 10114: 9 digits — the county-level code + 3 digits for the township
//               (乡、镇、街道).
//
// Grouping codes are valid parents even though they are not real prefectures:
// 110100 (北京市 市辖区), 429000 (湖北省 省直辖县级行政区划), 659000 (新疆
// 自治区直辖县级行政区划). Prefecture cities without counties (东莞 441900,
// 中山 442000, 儋州 460400, 嘉峪关 620200) have townships directly under a
// city-level code, so a township's parent may be city- or county-level.

export type RegionLevel = 'province' | 'city' | 'county' | 'township'

export type RegionCodeCheck =
	| { ok: true; code: string; level: RegionLevel }
	| { ok: false; message: string }

// Province-level prefixes in GB/T 2260, plus 66 (新疆生产建设兵团) used by
// statistical and registration codes.
const PROVINCE_PREFIXES = new Set([
	'11', '12', '13', '14', '15',
	'21', '22', '23',
	'31', '32', '33', '34', '35', '36', '37',
	'41', '42', '43', '44', '45', '46',
	'50', '51', '52', '53', '54',
	'61', '62', '63', '64', '65', '66',
	'71', '81', '82',
])

function levelOfValid(code: string): RegionLevel {
	if (code.length === 9) return 'township'
	if (code.endsWith('0000')) return 'province'
	if (code.endsWith('00')) return 'city'
	return 'county'
}

export function checkRegionCode(s: string): RegionCodeCheck {
	const code = s.trim()
	if (code === '') return { ok: false, message: '请填写行政区划代码' }
	if (!/^\d{6}(\d{3})?$/.test(code)) {
		return { ok: false, message: `行政区划代码应为6位（县级及以上）或9位（乡级）数字：“${code}”` }
	}
	const province = code.slice(0, 2)
	if (!PROVINCE_PREFIXES.has(province)) {
		return { ok: false, message: `行政区划代码“${code}”的前两位“${province}”不是有效的省级代码` }
	}
	if (code.slice(2, 4) === '00' && code.slice(4, 6) !== '00') {
		return { ok: false, message: `行政区划代码“${code}”无效：第3–4位为00时，第5–6位也应为00` }
	}
	if (code.length === 9) {
		if (code.slice(2, 6) === '0000') {
			return { ok: false, message: `乡级行政区划代码“${code}”的前6位应为市级或县级代码，不能是省级代码` }
		}
		if (code.endsWith('000')) {
			return { ok: false, message: `乡级行政区划代码“${code}”的后3位不能为000` }
		}
	}
	return { ok: true, code, level: levelOfValid(code) }
}

export function isRegionCode(s: string): boolean {
	return checkRegionCode(s).ok
}

function validated(code: string): string {
	const result = checkRegionCode(code)
	if (!result.ok) throw new RangeError(result.message)
	return result.code
}

/** Level of a 6- or 9-digit code. Throws RangeError (Chinese message) on an invalid code. */
export function regionLevelFromCode(code: string): RegionLevel {
	return levelOfValid(validated(code))
}

/**
 * The code one level up: township → its 6-digit code, county → PPCC00,
 * city → PP0000, province → null. Throws RangeError on an invalid code.
 */
export function parentCodeOf(code: string): string | null {
	const valid = validated(code)
	switch (levelOfValid(valid)) {
		case 'township':
			return valid.slice(0, 6)
		case 'county':
			return `${valid.slice(0, 4)}00`
		case 'city':
			return `${valid.slice(0, 2)}0000`
		case 'province':
			return null
	}
}
