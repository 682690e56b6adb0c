// `npm run film:render`: render the project's own warning-education film from its slides
// (content/films/*.json) with ffmpeg — no third-party footage. The output is committed in
// public/media/, so builds and CI never need ffmpeg.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

type Film = { title: string; output: string; poster: string; slides: { seconds: number; title: string; lines: string[] }[] }

const FONT = process.env.FILM_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const BOLD = process.env.FILM_FONT_BOLD ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'

function render(file: string) {
	const film = JSON.parse(readFileSync(file, 'utf8')) as Film
	const work = mkdtempSync(path.join(tmpdir(), 'anxun-film-'))
	const segments: string[] = []
	for (const [i, slide] of film.slides.entries()) {
		const titleFile = path.join(work, `t${i}.txt`)
		const bodyFile = path.join(work, `b${i}.txt`)
		writeFileSync(titleFile, slide.title)
		writeFileSync(bodyFile, slide.lines.join('\n'))
		const out = path.join(work, `s${i}.mp4`)
		const filter = [
			`drawtext=fontfile=${BOLD}:textfile=${titleFile}:fontcolor=white:fontsize=38:x=(w-text_w)/2:y=h*0.22`,
			`drawtext=fontfile=${FONT}:textfile=${bodyFile}:fontcolor=white:fontsize=26:line_spacing=14:x=(w-text_w)/2:y=h*0.42`,
			`drawtext=fontfile=${FONT}:text='安训 Anxun':fontcolor=0xffffff88:fontsize=16:x=w-text_w-16:y=h-32`,
		].join(',')
		execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=c=0x7a1712:s=854x480:r=5:d=${slide.seconds}`, '-vf', filter, '-c:v', 'libx264', '-preset', 'veryslow', '-tune', 'stillimage', '-crf', '30', '-pix_fmt', 'yuv420p', out])
		segments.push(out)
		console.log(`幻灯片 ${i + 1}/${film.slides.length}：${slide.title}`)
	}
	const list = path.join(work, 'list.txt')
	writeFileSync(list, segments.map((s) => `file '${s}'`).join('\n'))
	execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', film.output])
	execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', segments[0]!, '-frames:v', '1', '-q:v', '4', film.poster])
	rmSync(work, { recursive: true, force: true })
	const seconds = film.slides.reduce((n, s) => n + s.seconds, 0)
	console.log(`已生成 ${film.output}（${seconds} 秒）和 ${film.poster}`)
}

for (const f of readdirSync('content/films').filter((f) => f.endsWith('.json'))) render(path.join('content/films', f))
