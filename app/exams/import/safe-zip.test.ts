import JSZip from 'jszip'
import { expect, test } from 'vitest'
import { readZipSafely } from './safe-zip.ts'

type Entry = [name: string, content: string | Uint8Array, options?: JSZip.JSZipFileOptions]

async function makeZip(entries: Entry[], platform: 'DOS' | 'UNIX' = 'DOS') {
	const zip = new JSZip()
	for (const [name, content, options] of entries) zip.file(name, content, { createFolders: false, ...options })
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', platform })
}

/** Rewrite the entries' declared uncompressed size, in the central directory and local headers. */
function lieAboutSizes(bytes: Uint8Array, declared: number, which = (_index: number) => true) {
	const out = bytes.slice()
	const view = new DataView(out.buffer)
	const eocd = out.length - 22
	expect(view.getUint32(eocd, true)).toBe(0x06054b50)
	const count = view.getUint16(eocd + 10, true)
	let at = view.getUint32(eocd + 16, true)
	for (let i = 0; i < count; i++) {
		expect(view.getUint32(at, true)).toBe(0x02014b50)
		if (which(i)) {
			view.setUint32(at + 24, declared, true)
			view.setUint32(view.getUint32(at + 42, true) + 22, declared, true)
		}
		at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
	}
	return out
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

test('reads every file of an ordinary zip by its relative path', async () => {
	const bytes = await makeZip([
		['imsmanifest.xml', '<manifest/>'],
		['题目/第一题.xml', '<assessmentItem/>'],
		['题目/', '', { dir: true }],
	])
	const read = await readZipSafely(bytes)
	expect(read.ok).toBe(true)
	if (!read.ok) return
	expect([...read.files.keys()].sort()).toEqual(['imsmanifest.xml', '题目/第一题.xml'])
	expect(text(read.files.get('题目/第一题.xml'))).toBe('<assessmentItem/>')
})

test('refuses an entry that climbs out of the folder', async () => {
	expect(await readZipSafely(await makeZip([['ok.txt', 'ok'], ['../evil.txt', 'x']]))).toEqual({ ok: false, message: '压缩包中的“../evil.txt”指向压缩包之外（路径含 ..），已拒绝' })
	expect(await readZipSafely(await makeZip([['a\\..\\..\\evil.txt', 'x']]))).toEqual({ ok: false, message: expect.stringContaining('指向压缩包之外') })
})

test('refuses absolute paths, Unix or Windows', async () => {
	expect(await readZipSafely(await makeZip([['/abs.txt', 'x']]))).toEqual({ ok: false, message: '压缩包中的“/abs.txt”是绝对路径，已拒绝' })
	expect(await readZipSafely(await makeZip([['C:\\abs.txt', 'x']]))).toEqual({ ok: false, message: '压缩包中的“C:\\abs.txt”是绝对路径，已拒绝' })
})

test('refuses a symlink entry', async () => {
	const bytes = await makeZip([['link', '/etc/passwd', { unixPermissions: 0o120777 }], ['plain.txt', 'x', { unixPermissions: 0o100644 }]], 'UNIX')
	expect(await readZipSafely(bytes)).toEqual({ ok: false, message: '压缩包中的“link”是符号链接，已拒绝' })
	const ordinary = await makeZip([['plain.txt', 'x', { unixPermissions: 0o100644 }]], 'UNIX')
	expect((await readZipSafely(ordinary)).ok).toBe(true)
})

test('refuses too many entries', async () => {
	const bytes = await makeZip(Array.from({ length: 6 }, (_, i): Entry => [`q${i}.xml`, 'x']))
	expect(await readZipSafely(bytes, { maxEntries: 5 })).toEqual({ ok: false, message: '压缩包里有 6 个条目，超过上限 5 个，已拒绝' })
	expect((await readZipSafely(bytes, { maxEntries: 6 })).ok).toBe(true)
})

test('refuses folders nested deeper than the limit', async () => {
	const bytes = await makeZip([['a/b/c/d/x.txt', 'x']])
	expect(await readZipSafely(bytes, { maxDepth: 3 })).toEqual({ ok: false, message: '压缩包中的“a/b/c/d/x.txt”目录层级超过 3 层，已拒绝' })
	expect((await readZipSafely(bytes, { maxDepth: 4 })).ok).toBe(true)
})

test('refuses an entry whose declared size is above the limit without inflating it', async () => {
	const bytes = await makeZip([['big.bin', new Uint8Array(2 * 1024 * 1024)]])
	expect(await readZipSafely(bytes, { maxEntryBytes: 1024 * 1024 })).toEqual({ ok: false, message: '压缩包中的“big.bin”解压后有 2 MB，超过单个文件上限 1 MB，已拒绝' })
})

test('refuses an entry whose real size is above the limit even when its header lies', async () => {
	const bytes = lieAboutSizes(await makeZip([['bomb.bin', new Uint8Array(2 * 1024 * 1024)]]), 100)
	expect(await readZipSafely(bytes, { maxEntryBytes: 1024 * 1024 })).toEqual({ ok: false, message: '压缩包中的“bomb.bin”解压后超过单个文件上限 1 MB，已拒绝' })
})

test('a 60 MB entry of zeros claiming 100 bytes is stopped at the default 50 MB limit', async () => {
	const bytes = lieAboutSizes(await makeZip([['zeros.bin', new Uint8Array(60 * 1024 * 1024)]]), 100)
	expect(bytes.length).toBeLessThan(200 * 1024)
	expect(await readZipSafely(bytes)).toEqual({ ok: false, message: '压缩包中的“zeros.bin”解压后超过单个文件上限 50 MB，已拒绝' })
}, 20_000)

test('refuses archives whose entries together exceed the total limit, declared or real', async () => {
	const parts = Array.from({ length: 3 }, (_, i): Entry => [`part${i}.bin`, new Uint8Array(600 * 1024)])
	const limits = { maxEntryBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 }
	expect(await readZipSafely(await makeZip(parts), limits)).toEqual({ ok: false, message: '压缩包解压后的总大小超过上限 1 MB（到“part1.bin”为止），已拒绝' })
	const lying = lieAboutSizes(await makeZip(parts), 10, (i) => i > 0)
	expect(await readZipSafely(lying, limits)).toEqual({ ok: false, message: '压缩包解压后的总大小超过上限 1 MB（到“part1.bin”为止），已拒绝' })
})

test('an entry smaller than its header claims is refused as corrupted', async () => {
	const bytes = lieAboutSizes(await makeZip([['short.txt', 'hello']]), 50)
	expect(await readZipSafely(bytes)).toEqual({ ok: false, message: '压缩包中的“short.txt”已损坏，无法解压' })
})

test('refuses something that is not a zip at all', async () => {
	expect(await readZipSafely(new TextEncoder().encode('这不是压缩包'))).toEqual({ ok: false, message: '不是有效的 zip 文件' })
	expect(await readZipSafely(new Uint8Array())).toEqual({ ok: false, message: '不是有效的 zip 文件' })
	const truncated = (await makeZip([['a.txt', 'hello']])).slice(0, 30)
	expect(await readZipSafely(truncated)).toEqual({ ok: false, message: '不是有效的 zip 文件' })
})

test('a corrupted entry is refused, naming it', async () => {
	const bytes = await makeZip([['a.txt', 'hello hello hello hello hello hello']])
	const broken = bytes.slice()
	broken[30 + 'a.txt'.length] = 0xff
	broken[31 + 'a.txt'.length] = 0xff
	const read = await readZipSafely(broken)
	expect(read).toEqual({ ok: false, message: expect.stringContaining('“a.txt”') })
})
