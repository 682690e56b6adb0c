import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { notFound, parseId, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { applyStagedImport, getStagedImport, IMPORT_FORMAT_LABELS } from '#app/exams/import.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const staged = await getStagedImport(parseId(params.importId))
	if (!staged) notFound('导入记录不存在')
	const r = staged.report
	return {
		staged: { id: staged.id, bankSlug: staged.bankSlug, bankTitle: staged.bankTitle, filename: staged.filename, status: staged.status, createdAt: formatDateTime(staged.createdAt) },
		report: { format: r.format ? IMPORT_FORMAT_LABELS[r.format] : '无法识别', read: r.read, imported: r.imported, skipped: r.skipped, invalid: r.invalid, skipInvalid: r.skipInvalid, problems: r.problems.slice(0, 500), more: Math.max(0, r.problems.length - 500) },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	const id = parseId(params.importId)
	if (!(await getStagedImport(id))) notFound('导入记录不存在')
	await applyStagedImport(id, { userId: principal.userId })
	return redirect(`/admin/banks/imports/${id}`)
}

export default function StagedImport() {
	const { staged, report } = useLoaderData<typeof loader>()
	const busy = useNavigation().state !== 'idle'
	const applied = staged.status === 'applied'
	const blocked = report.invalid > 0 && !report.skipInvalid
	return (
		<>
			<p className="breadcrumb">
				<Link to="/admin/banks">题库</Link>
			</p>
			<h1>{applied ? '导入完成' : '导入检查结果'}</h1>
			<section className="card">
				<dl className="facts">
					<dt>文件</dt>
					<dd>
						{staged.filename}（{report.format}）
					</dd>
					<dt>题库</dt>
					<dd>
						{staged.bankTitle}（{staged.bankSlug}）
					</dd>
					<dt>读取</dt>
					<dd data-testid="read">{report.read} 题</dd>
					<dt>{applied ? '已导入' : '可导入'}</dt>
					<dd data-testid="imported">{report.imported} 题</dd>
					<dt>跳过</dt>
					<dd>{report.skipped} 题（不支持的题型、未改动的重复题{report.skipInvalid ? '、不合格的题' : ''}）</dd>
				</dl>
				{blocked ? (
					<p className="form-error" role="alert">
						有 {report.invalid} 道题不合格，整个文件不会导入。请修正后重新上传，或上传时勾选“跳过不合格的题目”。
					</p>
				) : null}
				{!applied && !blocked && report.imported > 0 ? (
					<Form method="post">
						<button type="submit" className="primary" disabled={busy}>
							确认导入 {report.imported} 题
						</button>
					</Form>
				) : null}
				{!applied && !blocked && report.imported === 0 ? <p className="muted">没有新的或改动过的题目，无需导入。</p> : null}
			</section>
			{report.problems.length > 0 ? (
				<>
					<h2>问题（{report.problems.length + report.more}）</h2>
					<div className="table-wrap problems">
						<table>
							<thead>
								<tr>
									<th>位置</th>
									<th>原因</th>
								</tr>
							</thead>
							<tbody>
								{report.problems.map((p, i) => (
									<tr key={i}>
										<td>{p.where}</td>
										<td>{p.message}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					{report.more > 0 ? <p className="muted small">另有 {report.more} 条未显示。</p> : null}
				</>
			) : null}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '导入题目 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
