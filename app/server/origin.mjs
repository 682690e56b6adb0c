// Cross-site request forgery guard: SameSite=Lax cookies alone are not enough, so every
// request that may change something must come from our own origin.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * @param {{ method: string, origin: string | undefined | null, host: string | undefined | null, allowedOrigins?: string[] }} input
 * @returns {boolean} whether the request may proceed
 */
export function originAllowed({ method, origin, host, allowedOrigins = [] }) {
	if (SAFE_METHODS.has(method.toUpperCase())) return true
	if (!origin || origin === 'null' || !host) return false
	if (allowedOrigins.includes(origin)) return true
	try {
		return new URL(origin).host === host
	} catch {
		return false
	}
}
