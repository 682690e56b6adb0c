import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { examsFor } from '#app/exams/learner.server.ts'
import { practiceBanks } from '#app/exams/practice.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const [practice, exams] = await Promise.all([practiceBanks(principal.personId), examsFor(principal.personId)])
	return { ...practice, exams: exams.map((e) => ({ id: e.id, title: e.title })) }
}

export default function PracticeHome() {
	const { banks, wrongBook, exams } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>练习</h1>
			<p className="muted small">练习不计成绩。答错的题进入错题本，在错题本里连续答对两次后移出。</p>
			<section className="card">
				<h2>错题本</h2>
				<p>
					错题本里有 <strong data-testid="wrong-book-count">{wrongBook}</strong> 道题。
				</p>
				{wrongBook > 0 ? (
					<Link className="button primary" to="/practice/wrong">
						练习错题
					</Link>
				) : null}
			</section>
			<h2>题库练习</h2>
			<ul className="course-list plain">
				{banks.map((b) => (
					<li key={b.slug} className="card">
						<h3>{b.title}</h3>
						<p className="small muted">
							共 {b.questions} 题 · 顺序练习已做 {b.done} 题
						</p>
						<div className="actions">
							<Link className="button secondary" to={`/practice/sequential?bank=${b.slug}`}>
								顺序练习
							</Link>
							<Link className="button secondary" to={`/practice/random?bank=${b.slug}`}>
								随机练习
							</Link>
						</div>
					</li>
				))}
			</ul>
			{exams.length > 0 ? (
				<>
					<h2>模拟考试</h2>
					<ul className="plain">
						{exams.map((e) => (
							<li key={e.id}>
								<Link to={`/practice/mock/${e.id}`}>{e.title}（模拟，不计成绩）</Link>
							</li>
						))}
					</ul>
				</>
			) : null}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '练习 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
