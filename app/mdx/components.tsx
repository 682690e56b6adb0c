import { useFetcher } from '@remix-run/react'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useLesson } from './lesson-context.tsx'

// The only components course content may use (content/README.md documents them).

/** Marks a form as sent by JavaScript (the action answers with data instead of a redirect). */
function ViaFetcher() {
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return hydrated ? <input type="hidden" name="via" value="fetcher" /> : null
}

export function Law({ article, law = '安全生产法', children }: { article: string; law?: string; children?: ReactNode }) {
	return (
		<aside className="mdx-law" aria-label={`《${law}》${article}`}>
			<div className="mdx-law-ref">
				《{law}》{article}
			</div>
			{children ? <div className="mdx-law-gist">{children}</div> : null}
		</aside>
	)
}

export function KeyPoint({ title = '要点', children }: { title?: string; children: ReactNode }) {
	return (
		<aside className="mdx-keypoint">
			<strong>{title}</strong>
			<div>{children}</div>
		</aside>
	)
}

export function Timeline({ children }: { children: ReactNode }) {
	return <ol className="mdx-timeline">{children}</ol>
}

export function Step({ time, children }: { time: string; children: ReactNode }) {
	return (
		<li>
			<span className="mdx-time">{time}</span>
			<div>{children}</div>
		</li>
	)
}

export function Check({
	id,
	question,
	options,
	answer,
	explanation,
}: {
	id: string
	question: string
	options: string[]
	answer: number
	explanation: string
}) {
	const lesson = useLesson()
	const fetcher = useFetcher()
	const stored = lesson.checks[id]
	const [chosen, setChosen] = useState<number | undefined>(stored)
	const picked = chosen ?? stored
	return (
		<fetcher.Form
			method="post"
			action="/learn/progress"
			className="mdx-check"
			onSubmit={(e) => {
				const data = new FormData(e.currentTarget)
				setChosen(Number(data.get('choice')))
			}}
		>
			<ViaFetcher />
			<input type="hidden" name="intent" value="check" />
			<input type="hidden" name="lessonId" value={lesson.lessonId ?? ''} />
			<input type="hidden" name="checkId" value={id} />
			<fieldset>
				<legend>小测验：{question}</legend>
				{options.map((option, i) => (
					<label key={i} className={picked === undefined ? '' : i === answer ? 'right' : picked === i ? 'wrong' : ''}>
						<input type="radio" name="choice" value={i} defaultChecked={stored === i} required />
						{option}
					</label>
				))}
			</fieldset>
			{picked === undefined ? (
				<button type="submit" className="secondary">
					提交答案
				</button>
			) : (
				<div className="mdx-check-feedback" role="status">
					<strong>{picked === answer ? '回答正确。' : `回答有误，正确答案是：${options[answer]}。`}</strong> {explanation}
				</div>
			)}
		</fetcher.Form>
	)
}

export function SelfCheck({ id, items }: { id: string; items: { q: string; basis?: string }[] }) {
	const lesson = useLesson()
	const fetcher = useFetcher<{ ok: boolean }>()
	const saved = lesson.selfChecks[id] ?? {}
	return (
		<fetcher.Form method="post" action="/learn/progress" className="mdx-selfcheck">
			<ViaFetcher />
			<input type="hidden" name="intent" value="self-check" />
			<input type="hidden" name="lessonId" value={lesson.lessonId ?? ''} />
			<input type="hidden" name="checkId" value={id} />
			<p className="muted small">对照检视：逐项对照本单位（本岗位）实际情况作答，答案会保存到您的学习档案。</p>
			<ol>
				{items.map((item, i) => (
					<li key={i}>
						<div>{item.q}</div>
						{item.basis ? <div className="muted small">依据：{item.basis}</div> : null}
						<div className="mdx-selfcheck-options" role="radiogroup" aria-label={item.q}>
							{(['是', '否', '不适用'] as const).map((v) => (
								<label key={v}>
									<input type="radio" name={`item-${i}`} value={v} defaultChecked={saved[String(i)] === v} />
									{v}
								</label>
							))}
						</div>
					</li>
				))}
			</ol>
			<button type="submit" className="secondary" disabled={!lesson.recording}>
				{fetcher.state !== 'idle' ? '正在保存…' : '保存对照检视'}
			</button>
			{fetcher.data?.ok ? <span role="status"> 已保存</span> : null}
		</fetcher.Form>
	)
}

function wan(n: number | null) {
	if (n === null) return '报告未列明'
	return n >= 10_000 ? `${(n / 10_000).toFixed(2)} 亿元（${n.toLocaleString('zh-CN')} 万元）` : `${n.toLocaleString('zh-CN')} 万元`
}

export function CaseFacts() {
	const { caseFacts: c } = useLesson()
	if (!c) return null
	return (
		<aside className="mdx-casefacts" aria-label="事故概况">
			<div className="mdx-casefacts-title">
				{c.shortName} <span className="badge risk">{c.level}事故</span>
			</div>
			<dl className="facts">
				<dt>时间</dt>
				<dd>{c.occurredAt}（北京时间）</dd>
				<dt>地点</dt>
				<dd>{c.place}</dd>
				<dt>事故单位</dt>
				<dd>{c.enterprise}</dd>
				<dt>死亡</dt>
				<dd>{c.deaths} 人</dd>
				<dt>重伤</dt>
				<dd>{c.seriousInjuries === null ? '报告未单列' : `${c.seriousInjuries} 人`}</dd>
				<dt>直接经济损失</dt>
				<dd>{wan(c.directLossWan)}</dd>
			</dl>
			<p className="muted small">
				数字截至 {c.figuresAsOf}，来源：{c.figuresSource}。{c.figuresNote ?? ''}
			</p>
		</aside>
	)
}

export function Video({ src, seconds, poster }: { src: string; seconds: number; poster?: string }) {
	const lesson = useLesson()
	const ref = useRef<HTMLVideoElement>(null)
	const state = lesson.video
	return (
		<figure className="mdx-video">
			<video
				ref={ref}
				src={src}
				poster={poster}
				controls
				preload="metadata"
				playsInline
				controlsList="nodownload noplaybackrate"
				data-seconds={seconds}
				onLoadedMetadata={(e) => {
					if (state.resumeAt > 0) e.currentTarget.currentTime = Math.min(state.resumeAt, state.furthest)
				}}
				onTimeUpdate={(e) => {
					const v = e.currentTarget
					state.position = v.currentTime
					// Watched time advances the furthest point only in real time (the server checks too).
					if (v.currentTime > state.furthest && v.currentTime - state.furthest < 2) state.furthest = v.currentTime
				}}
				onSeeking={(e) => {
					const v = e.currentTarget
					if (v.currentTime > state.furthest + 1) v.currentTime = state.furthest
				}}
				onRateChange={(e) => {
					if (e.currentTarget.playbackRate > 1) e.currentTarget.playbackRate = 1
				}}
				onPlay={() => (state.playing = true)}
				onPause={() => (state.playing = false)}
				onEnded={() => {
					state.playing = false
					state.ended = true
				}}
			/>
			<figcaption className="muted small">不能快进到尚未观看的部分；倍速播放不增加学时。</figcaption>
		</figure>
	)
}

export const MDX_COMPONENTS = { Law, KeyPoint, Timeline, Step, Check, SelfCheck, CaseFacts, Video }
