import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { listBanks, stageImport } from '#app/exams/import.server.ts'

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	return { banks: await listBanks() }
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	if (Number(request.headers.get('content-length') ?? '0') > MAX_UPLOAD_BYTES) return data({ error: '文件超过 20 MB，请拆分后分批导入' }, { status: 413 })
	const form = await request.formData()
	const file = form.get('file')
	const bankSlug = String(form.get('bank') ?? '').trim()
	const bankTitle = String(form.get('title') ?? '').trim()
	if (!SLUG.test(bankSlug)) return data({ error: '题库代号：只能用小写字母、数字和连字符，例如 chemical-2026' }, { status: 400 })
	if (!(file instanceof File) || file.size === 0) return data({ error: '请选择要导入的题目文件' }, { status: 400 })
	const id = await stageImport(
		{ filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), bankSlug, bankTitle: bankTitle || bankSlug, skipInvalid: form.get('skipInvalid') === 'on' },
		{ userId: principal.userId },
	)
	return redirect(`/admin/banks/imports/${id}`)
}

export default function Banks() {
	const { banks } = useLoaderData<typeof loader>()
	const error = useActionData<typeof action>()?.error
	const busy = useNavigation().state === 'submitting'
	return (
		<>
			<h1>题库</h1>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>题库</th>
							<th>代号</th>
							<th>来源</th>
							<th>题数</th>
							<th>导出 · 分析</th>
						</tr>
					</thead>
					<tbody>
						{banks.map((b) => (
							<tr key={b.slug}>
								<td className="wrap">{b.title}</td>
								<td>{b.slug}</td>
								<td>{b.origin === 'content' ? 'content/ 题库文件' : '导入'}</td>
								<td>{b.questions}</td>
								<td>
									<a href={`/admin/banks/${b.slug}/export.xlsx`}>Excel</a> · <a href={`/admin/banks/${b.slug}/export.gift`}>GIFT</a> ·{' '}
									<Link to={`/admin/banks/${b.slug}/stats`}>试题分析</Link>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h2>导入题目</h2>
			<section className="card">
				<p className="small">
					支持 Excel（<a href="/admin/banks/template.xlsx">下载模板</a>，也能识别常见的各类题库表格）、GIFT、Moodle XML、QTI 2.1/2.2（单个 .xml 或 IMS 内容包 .zip）。上传后先检查、列出每个问题的位置和原因，确认后才导入；同一文件重复导入不会产生重复题目。
				</p>
				<Form method="post" encType="multipart/form-data" className="stack">
					{error ? (
						<div className="form-error" role="alert">
							{error}
						</div>
					) : null}
					<div className="field">
						<label htmlFor="bank">题库代号</label>
						<input id="bank" name="bank" required pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="例如 chemical-2026" />
						<span className="hint">导入到已有的导入题库，或新建一个；content/ 中的题库请改文件。</span>
					</div>
					<div className="field">
						<label htmlFor="title">题库名称（新建时）</label>
						<input id="title" name="title" />
					</div>
					<div className="field">
						<label htmlFor="file">题目文件</label>
						<input id="file" name="file" type="file" required accept=".xlsx,.gift,.txt,.xml,.zip" />
					</div>
					<label>
						<input type="checkbox" name="skipInvalid" /> 跳过不合格的题目，只导入合格的（默认：有不合格题目时整个文件不导入）
					</label>
					<button type="submit" className="primary" disabled={busy}>
						{busy ? '正在检查…' : '上传并检查'}
					</button>
				</Form>
			</section>
			<p>
				<Link to="/admin">返回平台概览</Link>
			</p>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '题库 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
