import { getEnv } from '#app/utils/env.server.ts'
import { type RetentionPolicy } from './retention.ts'

/** This deployment's retention policy (RETENTION_* settings; defaults from RULES.md §2). */
export function retentionPolicy(): RetentionPolicy {
	const env = getEnv()
	return { minimumYears: env.RETENTION_MINIMUM_YEARS, afterLeavingYears: env.RETENTION_AFTER_LEAVING_YEARS, specialOperationYears: env.RETENTION_SPECIAL_OPERATION_YEARS }
}
