// One byte range of an HTTP Range header (RFC 9110 §14), the only kind a video player asks for.

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null

/** The range to send for `header` over a body of `size` bytes; null means the whole body. */
export function parseByteRange(header: string | null, size: number): ByteRange {
	if (!header) return null
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
	// Several ranges or another unit: answering with the whole body is allowed.
	if (!m || (m[1] === '' && m[2] === '')) return null
	if (m[1] === '') {
		const suffix = Number(m[2])
		if (suffix === 0) return 'unsatisfiable'
		return { start: Math.max(0, size - suffix), end: size - 1 }
	}
	const start = Number(m[1])
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
	if (start >= size || end < start) return 'unsatisfiable'
	return { start, end }
}
