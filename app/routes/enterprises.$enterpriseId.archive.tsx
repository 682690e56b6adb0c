import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { enterpriseArchiveView } from '#app/coverage/archive-view.ts'
import { enterpriseArchive } from '#app/coverage/archive.server.ts'
import { retentionOverview } from '#app/coverage/retention.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { getEnterpriseProfile, headcountByCategory } from '#app/orgs/enterprises.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const [profile, headcount, archive, retention] = await Promise.all([
		getEnterpriseProfile(enterprise.id),
		headcountByCategory({ enterpriseId: enterprise.id }),
		enterpriseArchive({ enterpriseId: enterprise.id }, todayInShanghai()),
		retentionOverview(),
	])
	if (!profile) notFound()
	return { view: enterpriseArchiveView(profile, headcount, archive, ledgerRules().minutesPerCreditHour, retention), enterpriseId: enterprise.id }
}

export default function EnterpriseArchive() {
	const { view, enterpriseId } = useLoaderData<typeof loader>()
	return (
		<article className="archive">
			<p className="breadcrumb no-print">
				<Link to={`/enterprises/${enterpriseId}`}>{view.name}</Link>
			</p>
			<h1>{view.name} · 安全培训档案（一企一档）</h1>
			<p className="no-print actions">
				<button type="button" className="secondary" onClick={() => window.print()}>
					打印（A4）
				</button>
				<a className="button secondary" href={`/enterprises/${enterpriseId}/archive.xlsx`}>
					导出 Excel
				</a>
			</p>
			{view.tables.map((t) => (
				<section key={t.title}>
					<h2>{t.title}</h2>
					{t.rows.length === 0 ? (
						<p className="muted">暂无。</p>
					) : (
						<div className="table-wrap">
							<table>
								<thead>
									<tr>
										{t.headers.map((h) => (
											<th key={h}>{h}</th>
										))}
									</tr>
								</thead>
								<tbody>
									{t.rows.map((r, i) => (
										<tr key={i}>
											{r.map((cell, j) => (
												<td key={j} className="wrap">
													{cell ?? '—'}
												</td>
											))}
										</tr>
									))}
								</tbody>
							</table>
						</div>
					)}
				</section>
			))}
		</article>
	)
}

export const meta: MetaFunction = () => [{ title: '一企一档 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
