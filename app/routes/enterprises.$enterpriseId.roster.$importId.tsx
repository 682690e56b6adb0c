import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { rosterImportBusy, ROSTER_STATUS_LABELS } from '#app/orgs/roster-status.ts'
import { getRosterImport, runRosterImport } from '#app/orgs/roster.server.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { usePollWhile } from '#app/utils/use-poll.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const row = await getRosterImport(parseId(params.importId), { enterpriseId: enterprise.id })
	if (!row) notFound()
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		item: {
			id: row.id,
			filename: row.filename,
			status: row.status,
			rowsTotal: row.rowsTotal,
			rowsProcessed: row.rowsProcessed,
			problemCount: row.problemCount,
			problems: row.problems ?? [],
			created: row.created,
			updated: row.updated,
			unchanged: row.unchanged,
			error: row.error,
			createdAt: formatDateTime(row.createdAt),
			finishedAt: row.finishedAt ? formatDateTime(row.finishedAt) : null,
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const importId = parseId(params.importId)
	const scope = { enterpriseId: enterprise.id }
	const row = await getRosterImport(importId, scope)
	if (!row) notFound()
	if (row.status !== 'checked' || row.problemCount > 0) {
		return data({ error: '该文件未通过检查或已经导入，不能再次确认' }, { status: 409 })
	}
	void runRosterImport(importId, { ...scope, actorUserId: principal.userId }, 'apply')
	return redirect(`/enterprises/${enterprise.id}/roster/${importId}`)
}

export default function RosterImportPage() {
	const { enterprise, item } = useLoaderData<typeof loader>()
	const busy = rosterImportBusy(item.status)
	usePollWhile(busy, 1000)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link> ›{' '}
				<Link to={`/enterprises/${enterprise.id}/roster`}>导入花名册</Link>
			</p>
			<h1>{item.filename}</h1>
			<section className="card" aria-live="polite">
				<p>
					状态：<strong>{ROSTER_STATUS_LABELS[item.status] ?? item.status}</strong>
					<span className="muted small"> · 上传于 {item.createdAt}</span>
				</p>
				{busy ? (
					<>
						<progress aria-label="处理进度" value={item.rowsTotal ? item.rowsProcessed : undefined} max={item.rowsTotal || undefined} />
						<p className="muted">已处理 {item.rowsProcessed.toLocaleString('zh-CN')} 行…</p>
					</>
				) : null}
				{item.status === 'failed' && item.error ? (
					<div className="form-error" role="alert">
						{item.error}
					</div>
				) : null}
				{item.status === 'checked' && item.problemCount === 0 ? (
					<>
						<p>
							检查通过：共 {item.rowsTotal} 行，将新增 <strong>{item.created}</strong> 人，更新 <strong>{item.updated}</strong> 人，
							{item.unchanged} 人无变化。
						</p>
						<Form method="post">
							<button type="submit" className="primary">
								确认导入
							</button>
						</Form>
					</>
				) : null}
				{item.status === 'applied' ? (
					<p>
						导入完成：新增 {item.created} 人，更新 {item.updated} 人，{item.unchanged} 人无变化。{' '}
						<Link to={`/enterprises/${enterprise.id}/people`}>查看花名册</Link>
					</p>
				) : null}
			</section>
			{item.problemCount > 0 ? (
				<section className="card">
					<h2>发现 {item.problemCount} 个问题，未导入任何数据</h2>
					<p className="muted">请在文件中改正以下问题后重新上传。</p>
					<div className="table-wrap problems">
						<table>
							<thead>
								<tr>
									<th>行号</th>
									<th>列</th>
									<th>问题</th>
								</tr>
							</thead>
							<tbody>
								{item.problems.map((p, i) => (
									<tr key={i}>
										<td>第 {p.row} 行</td>
										<td>{p.column}</td>
										<td>{p.message}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					{item.problemCount > item.problems.length ? (
						<p className="muted small">仅列出前 {item.problems.length} 个问题。</p>
					) : null}
				</section>
			) : null}
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	const busy = data ? rosterImportBusy(data.item.status) : false
	return [
		{ title: '花名册导入 · 安训' },
		// Without JavaScript the page refreshes itself while the file is processed.
		...(busy ? [{ httpEquiv: 'refresh', content: '2' } as const] : []),
	]
}

export const ErrorBoundary = RouteErrorBoundary
