import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { participationCertificate } from '#app/contests/contests.server.ts'
import { formatDate } from '#app/utils/time.ts'

/** A learner's certificate of participation in a knowledge contest, printable on A4. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const cert = await participationCertificate(principal.personId, parseId(params.contestId))
	if (!cert) notFound('您没有参加这次答卷，或答卷不存在')
	return { ...cert, firstAt: formatDate(cert.firstAt) }
}

export default function ParticipationCertificate() {
	const c = useLoaderData<typeof loader>()
	return (
		<article className="certificate">
			<p className="breadcrumb no-print">
				<Link to="/me">我的学习档案</Link>
			</p>
			<h1>参与证明</h1>
			<p className="certificate-body">
				<strong>{c.name}</strong> 于 {c.firstAt} 参加了{c.regionName}组织的“{c.title}”，最好成绩 {c.best} 分（百分制）。
			</p>
			<p className="small muted">
				活动时间：{c.opensOn} 至 {c.closesOn}
			</p>
			<p className="no-print">
				<button type="button" className="secondary" onClick={() => window.print()}>
					打印（A4）
				</button>
			</p>
		</article>
	)
}

export const meta: MetaFunction = () => [{ title: '参与证明 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
