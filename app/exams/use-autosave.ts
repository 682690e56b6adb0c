import { useCallback, useEffect, useRef, useState } from 'react'

// Saving an exam's answers as they are chosen. Every change is queued with a rising sequence
// number, kept in localStorage until the server acknowledges it, and sent in order; offline,
// the queue waits and is sent when the connection returns (or on the next visit).

export type SaveState = 'saved' | 'saving' | 'offline' | 'signed-out' | 'closed'
type Pending = { position: number; chosen: number[]; seq: number; secondsSpent: number }

const RETRY_MS = 5_000

function storageKey(attemptId: number) {
	return `anxun-attempt-${attemptId}`
}

function readQueue(attemptId: number): Pending[] {
	try {
		const raw = window.localStorage.getItem(storageKey(attemptId))
		return raw ? (JSON.parse(raw) as Pending[]) : []
	} catch {
		return []
	}
}

function writeQueue(attemptId: number, queue: Pending[]) {
	try {
		if (queue.length) window.localStorage.setItem(storageKey(attemptId), JSON.stringify(queue))
		else window.localStorage.removeItem(storageKey(attemptId))
	} catch {
		// Private mode or a full disk: the queue still lives in memory for this page.
	}
}

export function useAutosave(attemptId: number, serverSeq: number, onClosed: (message: string) => void) {
	const queue = useRef<Pending[]>([])
	const seq = useRef(serverSeq)
	const flushing = useRef(false)
	const lastEvent = useRef(Date.now())
	const [state, setState] = useState<SaveState>('saved')
	const [pending, setPending] = useState(0)

	const flush = useCallback(async () => {
		if (flushing.current) return
		flushing.current = true
		try {
			while (queue.current.length > 0) {
				setState('saving')
				const next = queue.current[0]!
				let response: Response
				try {
					response = await fetch(`/exams/attempts/${attemptId}/answer`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify(next),
					})
				} catch {
					setState('offline')
					return
				}
				if (response.status >= 500) {
					setState('offline')
					return
				}
				if (response.status === 401) {
					// Signed out (elsewhere, or the session ended): keep the answers until the
					// learner signs in again and comes back to the paper.
					setState('signed-out')
					return
				}
				if (response.status === 409) {
					const body = (await response.json().catch(() => ({}))) as { message?: string }
					queue.current = []
					writeQueue(attemptId, [])
					setPending(0)
					setState('closed')
					onClosed(body.message ?? '考试已结束')
					return
				}
				// Saved, or refused as stale/invalid: either way this change is settled.
				queue.current.shift()
				writeQueue(attemptId, queue.current)
				setPending(queue.current.length)
			}
			setState('saved')
		} finally {
			flushing.current = false
		}
	}, [attemptId, onClosed])

	/** Queue a new answer for a question (displayed option indices). */
	const record = useCallback(
		(position: number, chosen: number[]) => {
			const now = Date.now()
			const secondsSpent = Math.round((now - lastEvent.current) / 1000)
			lastEvent.current = now
			seq.current += 1
			queue.current = [...queue.current.filter((p) => p.position !== position), { position, chosen, seq: seq.current, secondsSpent }]
			writeQueue(attemptId, queue.current)
			setPending(queue.current.length)
			void flush()
		},
		[attemptId, flush],
	)

	/** The next sequence number, for a whole-form save or submit. */
	const nextSeq = useCallback(() => {
		seq.current += 1
		return seq.current
	}, [])

	useEffect(() => {
		// Answers left unsent by an earlier visit (offline, then closed or reloaded) come first.
		const stored = readQueue(attemptId)
		if (stored.length) {
			queue.current = stored
			seq.current = Math.max(seq.current, ...stored.map((p) => p.seq))
			setPending(stored.length)
		}
		void flush()
		const retry = window.setInterval(() => {
			if (queue.current.length) void flush()
		}, RETRY_MS)
		const online = () => void flush()
		window.addEventListener('online', online)
		return () => {
			window.clearInterval(retry)
			window.removeEventListener('online', online)
		}
	}, [attemptId, flush])

	return { state, pending, record, nextSeq, restored: () => readQueue(attemptId) }
}
