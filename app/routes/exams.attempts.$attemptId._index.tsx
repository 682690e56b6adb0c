import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { QuestionFieldset } from '#app/components/question-fieldset.tsx'
import { attemptPaper, finishAttempt, saveAnswer } from '#app/exams/attempts.server.ts'
import { useAutosave } from '#app/exams/use-autosave.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const attemptId = parseId(params.attemptId)
	const paper = await attemptPaper({ personId: principal.personId }, attemptId)
	if (!paper) notFound('试卷不存在')
	if (paper.finishedAt) throw redirect(`/exams/attempts/${attemptId}/result`)
	return {
		attempt: {
			id: paper.id,
			examId: paper.examId,
			title: paper.title,
			deadline: paper.deadlineAt.toISOString(),
			deadlineText: formatDateTime(paper.deadlineAt),
			serverNow: new Date().toISOString(),
			lastSeq: paper.lastSeq,
		},
		items: paper.items,
	}
}

/** Without JavaScript the whole paper posts at once: 保存 keeps the answers, 交卷 also finishes it. */
export async function action({ request, params }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const scope = { personId: principal.personId }
	const attemptId = parseId(params.attemptId)
	const paper = await attemptPaper(scope, attemptId)
	if (!paper) notFound('试卷不存在')
	if (paper.finishedAt) return redirect(`/exams/attempts/${attemptId}/result`)
	const form = await request.formData()
	const seq = Math.max(Number(form.get('seq')) || 0, paper.lastSeq + 1)
	for (const item of paper.items) {
		const chosen = form.getAll(`q${item.position}`).map(Number).filter(Number.isInteger)
		if (chosen.length === 0 && item.chosen.length === 0) continue
		if (chosen.join() === item.chosen.join()) continue
		await saveAnswer(scope, { attemptId, position: item.position, chosen, seq })
	}
	if (form.get('intent') === 'submit') {
		await finishAttempt(attemptId, 'learner')
		return redirect(`/exams/attempts/${attemptId}/result`)
	}
	return redirect(`/exams/attempts/${attemptId}?saved=1`)
}

function useRemaining(deadline: string, serverNow: string) {
	const [remaining, setRemaining] = useState<number | null>(null)
	useEffect(() => {
		const offset = new Date(serverNow).getTime() - Date.now()
		const tick = () => setRemaining(Math.max(0, Math.floor((new Date(deadline).getTime() - (Date.now() + offset)) / 1000)))
		tick()
		const timer = window.setInterval(tick, 1000)
		return () => window.clearInterval(timer)
	}, [deadline, serverNow])
	return remaining
}

const STATE_TEXT = { saved: '答案已保存', saving: '正在保存…', offline: '网络已断开：答案暂存在本机，恢复后自动提交', 'signed-out': '登录已失效：答案暂存在本机，重新登录回到试卷后自动提交', closed: '考试已结束' } as const

export default function AttemptPage() {
	const { attempt, items } = useLoaderData<typeof loader>()
	const [search] = useSearchParams()
	const navigation = useNavigation()
	const formRef = useRef<HTMLFormElement>(null)
	const submitRef = useRef<HTMLButtonElement>(null)
	const [closedMessage, setClosedMessage] = useState<string | null>(null)
	const onClosed = useCallback((message: string) => setClosedMessage(message), [])
	const { state, pending, record, nextSeq, restored } = useAutosave(attempt.id, attempt.lastSeq, onClosed)
	const [answered, setAnswered] = useState(() => items.filter((i) => i.chosen.length > 0).length)
	const remaining = useRemaining(attempt.deadline, attempt.serverNow)

	const countAnswered = useCallback(() => {
		const form = formRef.current
		if (!form) return
		setAnswered(items.filter((i) => form.querySelector(`input[name="q${i.position}"]:checked`)).length)
	}, [items])

	useEffect(() => {
		// Answers chosen while offline on an earlier visit show again before they are sent.
		const form = formRef.current
		if (!form) return
		for (const p of restored()) {
			form.querySelectorAll<HTMLInputElement>(`input[name="q${p.position}"]`).forEach((input) => {
				input.checked = p.chosen.includes(Number(input.value))
			})
		}
		countAnswered()
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [attempt.id])

	useEffect(() => {
		const hidden = () => {
			if (document.visibilityState === 'hidden') void fetch(`/exams/attempts/${attempt.id}/answer`, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body: '{"focusLost":true}' }).catch(() => {})
		}
		document.addEventListener('visibilitychange', hidden)
		return () => document.removeEventListener('visibilitychange', hidden)
	}, [attempt.id])

	useEffect(() => {
		// Time is up: hand in what is on the page (the server finishes the paper anyway).
		if (remaining === 0 && submitRef.current && navigation.state === 'idle') formRef.current?.requestSubmit(submitRef.current)
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [remaining === 0])

	const minutes = remaining === null ? null : `${String(Math.floor(remaining / 60)).padStart(2, '0')}:${String(remaining % 60).padStart(2, '0')}`
	return (
		<>
			<h1>{attempt.title}</h1>
			<div className="paper-bar card" role="status" aria-live="polite">
				<span>
					剩余时间 <strong data-testid="remaining">{minutes ?? '—'}</strong>
					<time className="small muted" dateTime={attempt.deadline} data-testid="deadline">
						（{attempt.deadlineText} 截止）
					</time>
				</span>
				<span>
					已答 {answered} / {items.length}
				</span>
				<span data-testid="save-state" data-state={state} className={`badge ${state === 'saved' ? 'ok' : 'warn'}`}>
					{STATE_TEXT[state]}
					{pending > 0 && state !== 'saving' ? `（${pending} 题待提交）` : ''}
				</span>
			</div>
			{state === 'signed-out' ? (
				<p className="form-error" role="alert">
					登录已失效，刚才的答案还没有保存到服务器（已暂存在本机）。请<a href={`/login?redirectTo=${encodeURIComponent(`/exams/attempts/${attempt.id}`)}`}>重新登录</a>，回到本试卷后会自动提交。
				</p>
			) : null}
			{search.get('saved') ? <p className="toast toast-success">答案已保存。</p> : null}
			{closedMessage ? (
				<p className="form-error" role="alert">
					{closedMessage}
				</p>
			) : null}
			<Form
				method="post"
				ref={formRef}
				className="paper"
				onChange={(e) => {
					const input = e.target as HTMLInputElement
					const m = /^q(\d+)$/.exec(input.name)
					if (!m) return
					const chosen = [...(formRef.current?.querySelectorAll<HTMLInputElement>(`input[name="${input.name}"]:checked`) ?? [])].map((i) => Number(i.value))
					record(Number(m[1]), chosen)
					countAnswered()
				}}
				onSubmit={(e) => {
					const seq = e.currentTarget.elements.namedItem('seq') as HTMLInputElement
					seq.value = String(nextSeq())
				}}
			>
				<input type="hidden" name="seq" defaultValue={attempt.lastSeq + 1} />
				{items.map((item, n) => (
					<QuestionFieldset key={item.position} number={n + 1} type={item.type} stem={item.stem} options={item.options} name={`q${item.position}`} chosen={item.chosen} points={item.points} />
				))}
				<div className="actions">
					<button type="submit" name="intent" value="save" className="secondary">
						保存答案
					</button>
					<button ref={submitRef} type="submit" name="intent" value="submit" className="primary" disabled={navigation.state !== 'idle'}>
						交卷
					</button>
				</div>
				<p className="small muted">交卷后不能再修改。到截止时间仍未交卷的，系统按已保存的答案自动交卷。</p>
			</Form>
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.attempt.title ?? '考试'} · 作答 · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
