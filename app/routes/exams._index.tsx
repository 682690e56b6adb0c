import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { attemptsLeft } from '#app/exams/audience.ts'
import { examsFor } from '#app/exams/learner.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const list = await examsFor(principal.personId)
	return {
		exams: list.map((e) => {
			const open = e.attempts.find((a) => !a.finishedAt)
			const best = e.attempts.filter((a) => a.finishedAt && !a.annulledAt).sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0]
			return {
				id: e.id,
				title: e.title,
				timeLimitMinutes: e.timeLimitMinutes,
				window: e.closesAt ? `截至 ${formatDateTime(e.closesAt)}` : '不限截止时间',
				left: attemptsLeft(e.attemptsAllowed, e.attempts),
				openAttemptId: open?.id ?? null,
				best: best ? { score: best.score, maxScore: best.maxScore, passed: best.passed } : null,
			}
		}),
	}
}

export default function MyExams() {
	const { exams } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>我的考试</h1>
			{exams.length === 0 ? (
				<p className="muted">目前没有需要参加的考试。</p>
			) : (
				<ul className="course-list plain">
					{exams.map((e) => (
						<li key={e.id} className="card">
							<h2>
								<Link to={`/exams/${e.id}`}>{e.title}</Link>
							</h2>
							<p className="small muted">
								限时 {e.timeLimitMinutes} 分钟 · {e.window} · 剩余 {e.left} 次机会
							</p>
							{e.openAttemptId ? <span className="badge warn">作答中</span> : null}
							{e.best ? (
								<span className={`badge ${e.best.passed ? 'ok' : 'risk'}`}>
									最好成绩 {e.best.score} / {e.best.maxScore}（{e.best.passed ? '合格' : '不合格'}）
								</span>
							) : null}
						</li>
					))}
				</ul>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '我的考试 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
