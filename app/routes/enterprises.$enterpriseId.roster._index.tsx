import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FormError } from '#app/components/forms.tsx'
import { ROSTER_COLUMNS } from '#app/orgs/roster.ts'
import { ROSTER_STATUS_LABELS } from '#app/orgs/roster-status.ts'
import { listRosterImports, runRosterImport, startRosterImport } from '#app/orgs/roster.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

/** Uploads above this size are refused before they are read. */
const MAX_UPLOAD_BYTES = 30 * 1024 * 1024

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const imports = await listRosterImports({ enterpriseId: enterprise.id })
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		imports: imports.map((i) => ({
			id: i.id,
			filename: i.filename,
			status: i.status,
			rowsTotal: i.rowsTotal,
			problemCount: i.problemCount,
			created: i.created,
			updated: i.updated,
			createdAt: formatDateTime(i.createdAt),
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const length = Number(request.headers.get('content-length') ?? '0')
	if (length > MAX_UPLOAD_BYTES) {
		return data({ error: `文件过大（超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB），请拆分后分批导入` }, { status: 413 })
	}
	const formData = await request.formData()
	const file = formData.get('file')
	if (!(file instanceof File) || file.size === 0 || !file.name) {
		return data({ error: '请选择要导入的花名册文件（.xlsx 或 .csv）' }, { status: 400 })
	}
	if (!/\.(xlsx|csv)$/i.test(file.name)) {
		return data(
			{ error: `不支持的文件类型：${file.name}。请使用 .xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）` },
			{ status: 400 },
		)
	}
	const bytes = new Uint8Array(await file.arrayBuffer())
	const scope = { enterpriseId: enterprise.id }
	const importId = await startRosterImport({
		enterpriseId: enterprise.id,
		actorUserId: principal.userId,
		filename: file.name,
		bytes,
	})
	// The check runs in the background; the import page shows its progress from the database.
	void runRosterImport(importId, scope, 'check')
	return redirect(`/enterprises/${enterprise.id}/roster/${importId}`)
}

export default function RosterUpload() {
	const { enterprise, imports } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>导入花名册</h1>
			<section className="card">
				<ol>
					<li>
						下载 <a href={`/enterprises/${enterprise.id}/roster/template.xlsx`}>花名册模板（.xlsx）</a>，按模板填写：
						{ROSTER_COLUMNS.join('、')}。
					</li>
					<li>上传文件后系统先做检查（不写入任何数据），列出每一个有问题的行、列和原因。</li>
					<li>检查全部通过后，确认导入。有任何一行有问题时不会导入任何数据。</li>
				</ol>
				<p className="muted small">
					人员先按手机号、再按身份证号匹配：重复导入同一文件不会产生重复人员。支持 .xlsx 和 .csv（UTF-8 或 GBK 编码均可）。
				</p>
				<Form method="post" encType="multipart/form-data" className="stack">
					<FormError errors={actionData?.error ? [actionData.error] : undefined} />
					<div className="field">
						<label htmlFor="file">花名册文件</label>
						<input id="file" name="file" type="file" accept=".xlsx,.csv" required />
					</div>
					<button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
						{navigation.state === 'submitting' ? '正在上传…' : '上传并检查'}
					</button>
				</Form>
			</section>
			<h2>导入记录</h2>
			{imports.length === 0 ? (
				<p className="muted">还没有导入过花名册。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>时间</th>
								<th>文件</th>
								<th>状态</th>
								<th>行数</th>
								<th>问题</th>
								<th>新增/更新</th>
							</tr>
						</thead>
						<tbody>
							{imports.map((i) => (
								<tr key={i.id}>
									<td>{i.createdAt}</td>
									<td className="wrap">
										<Link to={`${i.id}`}>{i.filename}</Link>
									</td>
									<td>{ROSTER_STATUS_LABELS[i.status] ?? i.status}</td>
									<td>{i.rowsTotal}</td>
									<td>{i.problemCount}</td>
									<td>
										{i.created}/{i.updated}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '导入花名册 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
