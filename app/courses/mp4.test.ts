import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { bufferReader, readMp4Info } from './mp4.ts'

function box(type: string, ...children: Uint8Array[]) {
	const body = Buffer.concat(children)
	const head = Buffer.alloc(8)
	head.writeUInt32BE(8 + body.length, 0)
	head.write(type, 4, 'latin1')
	return Buffer.concat([head, body])
}

function mvhd(version: 0 | 1, timescale: number, duration: number) {
	const b = Buffer.alloc(version === 1 ? 32 : 20)
	b[0] = version
	if (version === 1) {
		b.writeUInt32BE(timescale, 20)
		b.writeBigUInt64BE(BigInt(duration), 24)
	} else {
		b.writeUInt32BE(timescale, 12)
		b.writeUInt32BE(duration, 16)
	}
	return box('mvhd', b)
}

const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2avc1mp41', 'latin1'))

test('reads the duration of the project film', async () => {
	const bytes = readFileSync('public/media/warning-film.mp4')
	expect(await readMp4Info(bufferReader(bytes), bytes.length)).toEqual({ ok: true, seconds: 122 })
})

test('finds moov after the media data and reads a 64-bit mvhd, rounding up', async () => {
	const bytes = Buffer.concat([ftyp, box('mdat', Buffer.alloc(5000)), box('moov', box('free', Buffer.alloc(4)), mvhd(1, 1000, 61_500))])
	expect(await readMp4Info(bufferReader(bytes), bytes.length)).toEqual({ ok: true, seconds: 62 })
})

test('refuses a file that is not an MP4', async () => {
	const bytes = Buffer.from('<html>not a video</html>')
	const info = await readMp4Info(bufferReader(bytes), bytes.length)
	expect(info).toEqual({ ok: false, message: expect.stringContaining('不是 MP4') })
})

test('refuses a truncated upload whose moov never arrived', async () => {
	const whole = Buffer.concat([ftyp, box('mdat', Buffer.alloc(5000)), box('moov', mvhd(0, 600, 6000))])
	const cut = whole.subarray(0, ftyp.length + 3000)
	expect(await readMp4Info(bufferReader(cut), cut.length)).toEqual({ ok: false, message: expect.stringContaining('不完整') })
})

test('refuses a film without a duration', async () => {
	const bytes = Buffer.concat([ftyp, box('moov', mvhd(0, 600, 0))])
	expect(await readMp4Info(bufferReader(bytes), bytes.length)).toEqual({ ok: false, message: expect.stringContaining('时长') })
})
