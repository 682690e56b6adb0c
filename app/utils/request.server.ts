/** A positive page number from the query string (1 when absent or invalid). */
export function pageParam(url: URL) {
	const page = Number(url.searchParams.get('page') ?? '1')
	return Number.isSafeInteger(page) && page > 0 ? Math.min(page, 10_000) : 1
}

/** A trimmed, length-limited text filter from the query string. */
export function textParam(url: URL, name: string, max = 50) {
	const value = url.searchParams.get(name)?.trim()
	return value ? value.slice(0, max) : undefined
}

/** The value of one cookie in a Cookie header, or null when it is absent or empty. */
export function cookieValue(header: string | null | undefined, name: string) {
	if (!header) return null
	for (const part of header.split(';')) {
		const [key, ...rest] = part.trim().split('=')
		if (key === name) return rest.join('=') || null
	}
	return null
}
