import { getEnv } from '#app/utils/env.server.ts'
import { LEDGER_RULES, type LedgerRules } from './ledger.ts'

/** The ledger rules in force: the defaults with this deployment's 学时 length and daily cap. */
export function ledgerRules(): LedgerRules {
	const env = getEnv()
	return { ...LEDGER_RULES, minutesPerCreditHour: env.MINUTES_PER_CREDIT_HOUR, dailyCapCreditHours: env.DAILY_CAP_CREDIT_HOURS }
}
