import { useEffect, useRef, useState } from 'react'
import { type LessonContextValue } from '#app/mdx/lesson-context.tsx'

export type HeartbeatReply = {
	reason: string
	locked: boolean
	lessonSeconds: number
	requiredSeconds: number
	complete: boolean
}

const INTERVAL_MS = 15_000
const IDLE_MS = 5 * 60_000

function tabId() {
	const key = 'anxun-tab-id'
	let id = sessionStorage.getItem(key)
	if (!id) {
		id = crypto.randomUUID()
		sessionStorage.setItem(key, id)
	}
	return id
}

/**
 * Tell the server every 15 s whether the lesson page is visible and the learner active; the
 * server decides what counts. After 5 minutes without input the page locks until 「继续学习」.
 */
export function useHeartbeat(lessonId: number | null, video: LessonContextValue['video'], initial: HeartbeatReply) {
	const [reply, setReply] = useState(initial)
	const [locked, setLocked] = useState(false)
	const input = useRef(true)
	const hidden = useRef(false)
	const lastInput = useRef(Date.now())

	useEffect(() => {
		if (lessonId === null) return
		const id = tabId()
		const onInput = () => {
			input.current = true
			lastInput.current = Date.now()
		}
		const send = async () => {
			if (Date.now() - lastInput.current > IDLE_MS && !video.playing) setLocked(true)
			const visible = document.visibilityState === 'visible' && !hidden.current
			hidden.current = document.visibilityState !== 'visible'
			const scroll = Math.round((window.scrollY / Math.max(1, document.body.scrollHeight - window.innerHeight)) * 1000)
			const body = {
				lessonId,
				tabId: id,
				visible,
				input: input.current || video.playing,
				position: scroll,
				video: video.position > 0 || video.ended ? { position: video.position, ended: video.ended } : undefined,
			}
			input.current = false
			try {
				const res = await fetch('/learn/heartbeat', {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
					keepalive: true,
				})
				if (!res.ok) return
				const data = (await res.json()) as HeartbeatReply & { videoFurthest: number }
				if (data.videoFurthest > video.furthest) video.furthest = data.videoFurthest
				setReply(data)
				if (data.locked) setLocked(true)
			} catch {
				// Offline: the next heartbeat measures from the last one the server saw.
			}
		}
		const onVisibility = () => {
			if (document.visibilityState !== 'visible') hidden.current = true
			void send()
		}
		const events = ['pointerdown', 'keydown', 'scroll', 'touchstart', 'wheel'] as const
		for (const e of events) window.addEventListener(e, onInput, { passive: true })
		document.addEventListener('visibilitychange', onVisibility)
		void send()
		const timer = setInterval(() => void send(), INTERVAL_MS)
		return () => {
			clearInterval(timer)
			for (const e of events) window.removeEventListener(e, onInput)
			document.removeEventListener('visibilitychange', onVisibility)
		}
	}, [lessonId, video])

	const resume = () => {
		input.current = true
		lastInput.current = Date.now()
		setLocked(false)
	}
	return { reply, locked, resume }
}
