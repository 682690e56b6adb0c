import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { attemptInProgress, EXAM_IN_PROGRESS_MESSAGE } from '#app/exams/attempts.server.ts'
import { certificateOfAttempt } from '#app/exams/certificates.server.ts'
import { attemptResult } from '#app/exams/learner.server.ts'
import { OPTION_LETTERS, QUESTION_TYPE_LABELS } from '#app/exams/question.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const attemptId = parseId(params.attemptId)
	const result = await attemptResult({ personId: principal.personId }, attemptId)
	if (!result) notFound('试卷不存在')
	if (!result.finishedAt) throw redirect(`/exams/attempts/${attemptId}`)
	const [certificate, sitting] = await Promise.all([certificateOfAttempt(principal.personId, attemptId), attemptInProgress({ personId: principal.personId })])
	return {
		heldBack: sitting && result.items ? EXAM_IN_PROGRESS_MESSAGE : null,
		certificate,
		result: {
			examId: result.examId,
			title: result.title,
			score: result.score,
			maxScore: result.maxScore,
			passed: result.passed,
			annulled: result.annulledAt ? { at: formatDateTime(result.annulledAt), reason: result.annulReason } : null,
			passMark: result.passMark,
			finishedAt: formatDateTime(result.finishedAt),
			byDeadline: result.finishedBy === 'deadline',
			reviewLater: result.review === 'after_close',
		},
		// The score stays; the answers wait while another paper is open.
		items: sitting ? null : result.items,
	}
}

export default function AttemptResult() {
	const { result, items, certificate, heldBack } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb">
				<Link to="/exams">我的考试</Link> › <Link to={`/exams/${result.examId}`}>{result.title}</Link>
			</p>
			<h1>考试成绩</h1>
			<section className="card">
				<p className="score">
					<strong data-testid="score">{result.score}</strong> / {result.maxScore} 分
					<span className={`badge ${result.passed ? 'ok' : 'risk'}`}>{result.passed ? '合格' : '不合格'}</span>
					{result.annulled ? <span className="badge risk">已作废</span> : null}
				</p>
				{result.annulled ? (
					<p role="status">
						本次成绩已于 {result.annulled.at} 作废，不计入考试合格记录，也不占考试次数。理由：{result.annulled.reason}
					</p>
				) : null}
				<p className="small muted">
					合格标准：得分率 {result.passMark}% · {result.byDeadline ? '到截止时间由系统按已保存的答案交卷' : '本人交卷'} · {result.finishedAt}
				</p>
				{certificate ? (
					<p>
						已取得培训合格证明（有效期至 {certificate.expiresOn}）：<Link to={`/certificates/${certificate.number}`}>{certificate.number}</Link>
					</p>
				) : null}
			</section>
			{items ? (
				<>
					<h2>答题详情</h2>
					{items.map((item, n) => (
						<section key={item.position} className={`question card ${item.correct ? 'right' : 'wrong'}`}>
							<p>
								<span className="muted small">
									第 {n + 1} 题 · {QUESTION_TYPE_LABELS[item.type]} · 得 {item.earned} / {item.points} 分
								</span>
								<br />
								{item.stem}
							</p>
							<ul className="plain review-options">
								{item.options.map((o, i) => (
									<li key={i} className={o.correct ? 'correct' : o.chosen ? 'chosen-wrong' : undefined}>
										{item.type === 'judge' ? '' : `${OPTION_LETTERS[i]}. `}
										{o.text}
										{o.correct ? <span className="badge ok">正确答案</span> : null}
										{o.chosen ? <span className={`badge ${o.correct ? 'ok' : 'risk'}`}>我的选择</span> : null}
									</li>
								))}
							</ul>
							<p className="small">
								<strong>解析：</strong>
								{item.explanation}
							</p>
							<p className="small muted">出处：{item.source}</p>
						</section>
					))}
				</>
			) : (
				<p className="muted">{heldBack ?? (result.reviewLater ? '答题详情在考试结束后开放查看。' : '本场考试不开放答题详情。')}</p>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '考试成绩 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
