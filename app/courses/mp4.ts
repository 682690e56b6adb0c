// Reads what Anxun needs from an uploaded MP4 (ISO BMFF) without decoding it: that it is
// one, and how long it plays. Walks box headers only, so a 1 GB file costs a few small reads
// wherever its `moov` box sits (start or end).

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ByteReader = (offset: number, length: number) => Promise<Uint8Array>

export type Mp4Info = { ok: true; seconds: number } | { ok: false; message: string }

type Box = { type: string; start: number; headerSize: number; size: number }

async function readBox(read: ByteReader, offset: number, end: number): Promise<Box | null> {
	if (offset + 8 > end) return null
	const head = await read(offset, 16)
	if (head.length < 8) return null
	const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
	let size = view.getUint32(0)
	const type = String.fromCharCode(head[4]!, head[5]!, head[6]!, head[7]!)
	let headerSize = 8
	if (size === 1) {
		if (head.length < 16) return null
		size = Number(view.getBigUint64(8))
		headerSize = 16
	} else if (size === 0) {
		size = end - offset
	}
	if (size < headerSize || offset + size > end) return null
	return { type, start: offset, headerSize, size }
}

async function findChild(read: ByteReader, from: number, end: number, type: string) {
	let offset = from
	for (let guard = 0; guard < 10_000; guard++) {
		const box = await readBox(read, offset, end)
		if (!box) return null
		if (box.type === type) return box
		offset += box.size
	}
	return null
}

/** Whether the bytes are an MP4 and, if so, its duration in whole seconds (rounded up). */
export async function readMp4Info(read: ByteReader, fileSize: number): Promise<Mp4Info> {
	const first = await readBox(read, 0, fileSize)
	if (!first || first.type !== 'ftyp') return { ok: false, message: '不是 MP4 视频文件（请导出为 H.264 编码的 .mp4）' }
	const moov = await findChild(read, 0, fileSize, 'moov')
	if (!moov) return { ok: false, message: 'MP4 文件不完整：找不到 moov 信息，可能上传中断或导出未完成' }
	const mvhd = await findChild(read, moov.start + moov.headerSize, moov.start + moov.size, 'mvhd')
	if (!mvhd) return { ok: false, message: 'MP4 文件缺少时长信息（mvhd）' }
	const body = await read(mvhd.start + mvhd.headerSize, 32)
	const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
	const version = body[0]
	let timescale: number
	let duration: number
	if (version === 1 && body.length >= 32) {
		timescale = view.getUint32(20)
		duration = Number(view.getBigUint64(24))
	} else if (version === 0 && body.length >= 20) {
		timescale = view.getUint32(12)
		duration = view.getUint32(16)
	} else {
		return { ok: false, message: 'MP4 文件的时长信息无法识别' }
	}
	if (timescale === 0 || duration === 0 || duration === 0xffffffff) return { ok: false, message: 'MP4 文件没有可播放的时长' }
	return { ok: true, seconds: Math.ceil(duration / timescale) }
}

/** A reader over bytes in memory (tests, small files). */
export function bufferReader(bytes: Uint8Array): ByteReader {
	return async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length))
}
