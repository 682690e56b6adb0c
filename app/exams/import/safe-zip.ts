// Unpack an uploaded zip in memory without trusting it: refuse absolute paths, paths that climb
// out of the folder, symlinks, absurd nesting, too many entries, and entries bigger than the
// limits — counting the bytes actually inflated, because a zip bomb's headers lie. Never throws.
import JSZip from 'jszip'

export type ZipLimits = { maxEntries: number; maxTotalBytes: number; maxEntryBytes: number; maxDepth: number }

export const ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 200 * 1024 * 1024, maxEntryBytes: 50 * 1024 * 1024, maxDepth: 8 }

export type SafeZip = { ok: true; files: Map<string, Uint8Array> } | { ok: false; message: string }

const NOT_A_ZIP = '不是有效的 zip 文件'
const S_IFMT = 0o170000
const S_IFLNK = 0o120000

/** `52428800` → `50 MB`. */
function size(bytes: number) {
	if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
	if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`
	return `${bytes} 字节`
}

/**
 * The entry count the end-of-central-directory record declares (zip64 aware), read before JSZip
 * builds an object per entry; null when there is no such record, i.e. not a zip.
 */
function declaredEntryCount(bytes: Uint8Array): number | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const last = bytes.length - 22
	for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
		if (view.getUint32(at, true) !== 0x06054b50) continue
		const count = view.getUint16(at + 10, true)
		if (count !== 0xffff) return count
		const locator = at - 20
		if (locator >= 0 && view.getUint32(locator, true) === 0x07064b50) {
			const record = Number(view.getBigUint64(locator + 8, true))
			if (record + 40 <= bytes.length && view.getUint32(record, true) === 0x06064b50) return Number(view.getBigUint64(record + 32, true))
		}
		return count
	}
	return null
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const legacy = (() => {
	try {
		return new TextDecoder('gb18030')
	} catch {
		return new TextDecoder('latin1')
	}
})()

/** Names without the UTF-8 flag: UTF-8 if they decode as such, else the Chinese Windows code page. */
function decodeFileName(bytes: string[] | Uint8Array | Buffer): string {
	const data = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes as unknown as ArrayLike<number>)
	try {
		return strictUtf8.decode(data)
	} catch {
		return legacy.decode(data)
	}
}

/** The parts of JSZip an entry has but its typings leave out. */
type Stream = {
	on(event: 'data', listener: (chunk: Uint8Array) => void): Stream
	on(event: 'end' | 'error', listener: (error?: unknown) => void): Stream
	resume(): Stream
	pause(): Stream
}
type Entry = JSZip.JSZipObject & {
	_data?: { uncompressedSize?: unknown }
	internalStream?: (type: 'uint8array') => Stream
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; tooBig: true } | { ok: false; tooBig: false }

/** Inflate one entry, giving up as soon as more than `room` bytes come out. */
function inflate(entry: Entry, room: number): Promise<Inflated> {
	return new Promise((resolve) => {
		let stream: Stream
		try {
			if (!entry.internalStream) throw new Error('JSZip internalStream is missing')
			stream = entry.internalStream('uint8array')
		} catch {
			resolve({ ok: false, tooBig: false })
			return
		}
		const chunks: Uint8Array[] = []
		let length = 0
		let settled = false
		const settle = (value: Inflated) => {
			if (settled) return
			settled = true
			resolve(value)
		}
		stream
			.on('data', (chunk) => {
				if (settled) return
				length += chunk.length
				if (length > room) {
					stream.pause()
					chunks.length = 0
					settle({ ok: false, tooBig: true })
					return
				}
				chunks.push(chunk)
			})
			.on('error', () => settle({ ok: false, tooBig: false }))
			.on('end', () => {
				const bytes = new Uint8Array(length)
				let at = 0
				for (const chunk of chunks) {
					bytes.set(chunk, at)
					at += chunk.length
				}
				settle({ ok: true, bytes })
			})
			.resume()
	})
}

function unixMode(permissions: number | string | null): number | null {
	if (typeof permissions === 'number') return permissions
	if (typeof permissions === 'string' && /^[0-7]+$/.test(permissions)) return Number.parseInt(permissions, 8)
	return null
}

/** Why an entry's name is refused, or null if it is a plain relative path. */
function refuseName(name: string, dir: boolean, maxDepth: number): string | null {
	const path = name.replaceAll('\\', '/')
	if (path.includes('\u0000')) return `压缩包中的“${name}”文件名含有非法字符，已拒绝`
	if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return `压缩包中的“${name}”是绝对路径，已拒绝`
	const parts = path.split('/')
	if (parts.includes('..')) return `压缩包中的“${name}”指向压缩包之外（路径含 ..），已拒绝`
	const folders = parts.filter((p) => p && p !== '.').length - (dir ? 0 : 1)
	if (folders > maxDepth) return `压缩包中的“${name}”目录层级超过 ${maxDepth} 层，已拒绝`
	return null
}

/**
 * Every file of the zip by its relative path (`/`-separated), or the first reason to refuse it.
 * Limits default to ZIP_LIMITS; pass some to override them.
 */
export async function readZipSafely(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<SafeZip> {
	const { maxEntries, maxTotalBytes, maxEntryBytes, maxDepth } = { ...ZIP_LIMITS, ...limits }
	const refuse = (message: string): SafeZip => ({ ok: false, message })
	const declaredCount = declaredEntryCount(bytes)
	if (declaredCount === null) return refuse(NOT_A_ZIP)
	if (declaredCount > maxEntries) return refuse(`压缩包里有 ${declaredCount} 个条目，超过上限 ${maxEntries} 个，已拒绝`)

	let zip: JSZip
	try {
		// checkCRC32 stays off: it would inflate every entry before the limits below are checked.
		zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false, decodeFileName })
	} catch (e) {
		const message = e instanceof Error ? e.message : String(e)
		if (/encrypt/i.test(message)) return refuse('压缩包已加密，无法读取')
		if (/compression .* unknown/i.test(message)) return refuse('压缩包使用了不支持的压缩方式')
		return refuse(NOT_A_ZIP)
	}
	const entries = Object.values(zip.files) as Entry[]
	if (entries.length > maxEntries) return refuse(`压缩包里有 ${entries.length} 个条目，超过上限 ${maxEntries} 个，已拒绝`)

	let declaredTotal = 0
	for (const entry of entries) {
		const name = entry.unsafeOriginalName ?? entry.name
		// JSZip keeps the original name of files only; a folder entry such as `./` or `../` arrives
		// as `/`. Folders yield no files, so that one is let through; files are checked as written.
		const refused = entry.dir && name === '/' ? null : refuseName(name, entry.dir, maxDepth)
		if (refused) return refuse(refused)
		const mode = unixMode(entry.unixPermissions)
		if (mode !== null && (mode & S_IFMT) === S_IFLNK) return refuse(`压缩包中的“${name}”是符号链接，已拒绝`)
		if (entry.dir) continue
		const declared = entry._data?.uncompressedSize
		if (typeof declared === 'number') {
			if (declared > maxEntryBytes) return refuse(`压缩包中的“${name}”解压后有 ${size(declared)}，超过单个文件上限 ${size(maxEntryBytes)}，已拒绝`)
			declaredTotal += declared
			if (declaredTotal > maxTotalBytes) return refuse(`压缩包解压后的总大小超过上限 ${size(maxTotalBytes)}（到“${name}”为止），已拒绝`)
		}
	}

	const files = new Map<string, Uint8Array>()
	let total = 0
	for (const entry of entries) {
		if (entry.dir) continue
		const name = entry.unsafeOriginalName ?? entry.name
		const room = Math.min(maxEntryBytes, maxTotalBytes - total)
		const inflated = await inflate(entry, room)
		if (!inflated.ok) {
			if (!inflated.tooBig) return refuse(`压缩包中的“${name}”已损坏，无法解压`)
			if (room === maxEntryBytes) return refuse(`压缩包中的“${name}”解压后超过单个文件上限 ${size(maxEntryBytes)}，已拒绝`)
			return refuse(`压缩包解压后的总大小超过上限 ${size(maxTotalBytes)}（到“${name}”为止），已拒绝`)
		}
		total += inflated.bytes.length
		const path = name
			.replaceAll('\\', '/')
			.split('/')
			.filter((p) => p && p !== '.')
			.join('/')
		files.set(path, inflated.bytes)
	}
	return { ok: true, files }
}
