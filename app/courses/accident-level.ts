// 生产安全事故等级, 《生产安全事故报告和调查处理条例》(国务院令第493号) 第三条.
// "以上" includes the number, "以下" excludes it; any one criterion sets the level.

export const ACCIDENT_LEVELS = ['一般', '较大', '重大', '特别重大'] as const
export type AccidentLevel = (typeof ACCIDENT_LEVELS)[number]

export type AccidentFigures = {
	deaths: number
	seriousInjuries: number | null
	/** 直接经济损失 in 万元. */
	directLossWan: number | null
}

function byDeaths(n: number): AccidentLevel {
	if (n >= 30) return '特别重大'
	if (n >= 10) return '重大'
	if (n >= 3) return '较大'
	return '一般'
}

function byInjuries(n: number): AccidentLevel {
	if (n >= 100) return '特别重大'
	if (n >= 50) return '重大'
	if (n >= 10) return '较大'
	return '一般'
}

function byLossWan(wan: number): AccidentLevel {
	if (wan >= 10_000) return '特别重大' // 1亿元
	if (wan >= 5_000) return '重大'
	if (wan >= 1_000) return '较大'
	return '一般'
}

/** The level the figures give: the highest of the three criteria that are known. */
export function accidentLevel(f: AccidentFigures): AccidentLevel {
	const levels = [byDeaths(f.deaths)]
	if (f.seriousInjuries != null) levels.push(byInjuries(f.seriousInjuries))
	if (f.directLossWan != null) levels.push(byLossWan(f.directLossWan))
	return levels.reduce((a, b) => (ACCIDENT_LEVELS.indexOf(b) > ACCIDENT_LEVELS.indexOf(a) ? b : a))
}
