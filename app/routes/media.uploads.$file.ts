import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireUser } from '#app/auth/guards.server.ts'
import { mayStreamMedia, mediaPath } from '#app/courses/videos.server.ts'
import { parseByteRange } from '#app/utils/byte-range.ts'

/** A video an enterprise added, streamed with byte ranges to the people who may watch it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireUser(request)
	const sha256 = /^([0-9a-f]{64})\.mp4$/.exec(params.file ?? '')?.[1]
	if (!sha256 || !(await mayStreamMedia(principal, sha256))) notFound('视频不存在，或您无权观看')
	const file = mediaPath(sha256)
	const info = await stat(file).catch(() => null)
	if (!info) notFound('视频文件已不在服务器上，请联系单位管理员重新上传')
	const size = info.size
	const range = parseByteRange(request.headers.get('range'), size)
	const headers = new Headers({
		'Content-Type': 'video/mp4',
		'Accept-Ranges': 'bytes',
		'Cache-Control': 'private, max-age=86400, immutable',
	})
	if (range === 'unsatisfiable') {
		headers.set('Content-Range', `bytes */${size}`)
		return new Response(null, { status: 416, headers })
	}
	const { start, end } = range ?? { start: 0, end: size - 1 }
	headers.set('Content-Length', String(end - start + 1))
	if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`)
	const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>
	return new Response(body, { status: range ? 206 : 200, headers })
}
