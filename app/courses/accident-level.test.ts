import { expect, test } from 'vitest'
import { accidentLevel } from './accident-level.ts'

test('thresholds include their lower bound (以上) and exclude the upper (以下)', () => {
	expect(accidentLevel({ deaths: 30, seriousInjuries: 0, directLossWan: 0 })).toBe('特别重大')
	expect(accidentLevel({ deaths: 29, seriousInjuries: 0, directLossWan: 0 })).toBe('重大')
	expect(accidentLevel({ deaths: 10, seriousInjuries: null, directLossWan: null })).toBe('重大')
	expect(accidentLevel({ deaths: 3, seriousInjuries: null, directLossWan: null })).toBe('较大')
	expect(accidentLevel({ deaths: 2, seriousInjuries: 9, directLossWan: 999 })).toBe('一般')
})

test('any one criterion sets the level: 古雷 had no deaths but 9,457万 of loss', () => {
	expect(accidentLevel({ deaths: 0, seriousInjuries: null, directLossWan: 9457 })).toBe('重大')
	expect(accidentLevel({ deaths: 0, seriousInjuries: 50, directLossWan: null })).toBe('重大')
	expect(accidentLevel({ deaths: 1, seriousInjuries: 0, directLossWan: 10_000 })).toBe('特别重大')
})

test('the cases of RULES.md come out at the level their reports state', () => {
	expect(accidentLevel({ deaths: 78, seriousInjuries: 76, directLossWan: 198635.07 })).toBe('特别重大')
	expect(accidentLevel({ deaths: 20, seriousInjuries: 24, directLossWan: 9477.815 })).toBe('重大')
	expect(accidentLevel({ deaths: 4, seriousInjuries: null, directLossWan: 894.1 })).toBe('较大')
})
