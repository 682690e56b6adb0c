import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { deviceIdOf } from '#app/auth/device.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { startAttempt } from '#app/exams/attempts.server.ts'
import { attemptsLeft } from '#app/exams/audience.ts'
import { examFor } from '#app/exams/learner.server.ts'
import { maxScore, type PaperSpec } from '#app/exams/paper.ts'
import { QUESTION_TYPE_LABELS } from '#app/exams/question.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const exam = await examFor(principal.personId, parseId(params.examId))
	if (!exam) notFound('考试不存在，或不在您的考试范围内')
	const paper = exam.paper as unknown as PaperSpec
	const now = new Date()
	return {
		exam: {
			id: exam.id,
			title: exam.title,
			timeLimitMinutes: exam.timeLimitMinutes,
			passMark: exam.passMark,
			maxScore: maxScore(paper),
			parts: paper.kind === 'draw' ? paper.rules.map((r) => `${QUESTION_TYPE_LABELS[r.type]} ${r.count} 题，每题 ${Math.round(r.points * 100) / 100} 分`) : [`共 ${paper.questions.length} 题`],
			opensAt: exam.opensAt ? formatDateTime(exam.opensAt) : null,
			closesAt: exam.closesAt ? formatDateTime(exam.closesAt) : null,
			notYet: Boolean(exam.opensAt && now < exam.opensAt),
			over: Boolean(exam.closesAt && now >= exam.closesAt),
			left: attemptsLeft(exam.attemptsAllowed, exam.attempts),
		},
		openAttemptId: exam.attempts.find((a) => !a.finishedAt)?.id ?? null,
		attempts: exam.attempts
			.filter((a) => a.finishedAt)
			.map((a) => ({ id: a.id, number: a.number, score: a.score, maxScore: a.maxScore, passed: a.passed, annulled: Boolean(a.annulledAt), finishedAt: formatDateTime(a.finishedAt!) })),
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const exam = await examFor(principal.personId, parseId(params.examId))
	if (!exam) notFound('考试不存在，或不在您的考试范围内')
	const ip = context.clientIp || null
	const started = await startAttempt({ personId: principal.personId }, exam.id, { ip, userAgent: request.headers.get('user-agent'), deviceId: deviceIdOf(request.headers.get('Cookie')) })
	if (!started.ok) return data({ error: started.message }, { status: 409 })
	return redirect(`/exams/attempts/${started.attemptId}`)
}

export default function ExamPage() {
	const { exam, openAttemptId, attempts } = useLoaderData<typeof loader>()
	const error = useActionData<typeof action>()?.error
	const busy = useNavigation().state !== 'idle'
	return (
		<>
			<p className="breadcrumb">
				<Link to="/exams">我的考试</Link>
			</p>
			<h1>{exam.title}</h1>
			<section className="card">
				<dl className="facts">
					<dt>考试时长</dt>
					<dd>{exam.timeLimitMinutes} 分钟（以服务器时间为准，到时自动交卷）</dd>
					<dt>试卷</dt>
					<dd>
						满分 {exam.maxScore} 分：{exam.parts.join('；')}
					</dd>
					<dt>合格标准</dt>
					<dd>得分率达到 {exam.passMark}%</dd>
					<dt>考试时间</dt>
					<dd>
						{exam.opensAt ?? '即日起'} 至 {exam.closesAt ?? '不限'}
					</dd>
					<dt>剩余机会</dt>
					<dd>{exam.left} 次</dd>
				</dl>
				<p className="small muted">每道题选择后立即保存；网络中断时答案先存在本机，恢复后自动补交。刷新页面或换一台设备登录，都能从原处继续。</p>
				{error ? (
					<div className="form-error" role="alert">
						{error}
					</div>
				) : null}
				{openAttemptId ? (
					<Link className="button primary" to={`/exams/attempts/${openAttemptId}`}>
						继续作答
					</Link>
				) : exam.left > 0 && !exam.notYet && !exam.over ? (
					<Form method="post">
						<button type="submit" className="primary" disabled={busy}>
							{busy ? '正在组卷…' : '开始考试'}
						</button>
					</Form>
				) : (
					<p className="muted">{exam.notYet ? '考试尚未开始。' : exam.over ? '考试已经结束。' : '考试机会已用完。'}</p>
				)}
			</section>
			{attempts.length > 0 ? (
				<>
					<h2>我的成绩</h2>
					<ul className="plain">
						{attempts.map((a) => (
							<li key={a.id}>
								第 {a.number} 次：
								<Link to={`/exams/attempts/${a.id}/result`}>
									{a.score} / {a.maxScore} 分（{a.passed ? '合格' : '不合格'}）
								</Link>{' '}
								{a.annulled ? <span className="badge risk">已作废</span> : null}{' '}
								<span className="small muted">{a.finishedAt}</span>
							</li>
						))}
					</ul>
				</>
			) : null}
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.exam.title ?? '考试'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
