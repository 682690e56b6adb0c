import { z } from 'zod'

const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().positive().default(3000),
	/** postgres://… selects the PostgreSQL driver; unset means embedded PGlite in DATA_DIR. */
	DATABASE_URL: z.string().startsWith('postgres').optional(),
	/** A read-only PostgreSQL replica for regulator reports (optional; reports read the primary without it). */
	REPORTS_DATABASE_URL: z.string().startsWith('postgres').optional(),
	/** Folder of the embedded PGlite database. */
	DATA_DIR: z.string().default('.data/pglite'),
	/** Folder of uploaded video files (shared storage when several app servers run). */
	MEDIA_DIR: z.string().default('.data/media'),
	/** Largest video an enterprise admin may upload, in MB. */
	MEDIA_MAX_MB: z.coerce.number().int().positive().default(500),
	/** Secret for ID-number encryption; generated and kept in the database when unset. */
	APP_SECRET: z.string().min(32).optional(),
	/** Seed the demo into an empty database on start (default on). */
	SEED_DEMO: z
		.enum(['0', '1', 'true', 'false'])
		.default('1')
		.transform((v) => v === '1' || v === 'true'),
	/** Length of one 学时 in minutes (docs/decisions/0005-learning-hours-and-mdx.md). */
	MINUTES_PER_CREDIT_HOUR: z.coerce.number().int().min(30).max(60).default(45),
	/** Most 学时 credited per person per day. */
	DAILY_CAP_CREDIT_HOURS: z.coerce.number().int().min(1).max(24).default(8),
	/**
	 * Replace the defaults of how long training records must at least be kept (unset: RULES.md §2's,
	 * app/coverage/retention.ts defaultRetention). The platform admin sets each record type's
	 * period at /admin/retention, over these.
	 */
	RETENTION_MINIMUM_YEARS: z.coerce.number().int().min(1).max(100).optional(),
	RETENTION_AFTER_LEAVING_YEARS: z.coerce.number().int().min(1).max(100).optional(),
	RETENTION_SPECIAL_OPERATION_YEARS: z.coerce.number().int().min(1).max(100).optional(),
	/** Origins allowed to post forms besides the request's own host (comma separated). */
	ALLOWED_ORIGINS: z.string().default(''),
})

export type Env = z.infer<typeof EnvSchema>

let cached: Env | undefined

/** The environment, read once and validated; a bad value stops the process with its name. */
export function getEnv(): Env {
	if (cached) return cached
	const parsed = EnvSchema.safeParse(process.env)
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
		throw new Error(`Invalid environment:\n${lines.join('\n')}`)
	}
	cached = parsed.data
	return cached
}
