import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { canWriteEnterpriseRecords } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { Pager } from '#app/components/pager.tsx'
import { isJobCategory, JOB_CATEGORIES } from '#app/orgs/industries.ts'
import { jobCategoryName } from '#app/orgs/labels.ts'
import { listDepartments, listEmployees } from '#app/orgs/people.server.ts'
import { maskPhone } from '#app/orgs/labels.ts'
import { pageParam, textParam } from '#app/utils/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	const url = new URL(request.url)
	const jobCategory = textParam(url, 'jobCategory')
	const status = url.searchParams.get('status')
	const filters = {
		q: textParam(url, 'q'),
		jobCategory: jobCategory && isJobCategory(jobCategory) ? jobCategory : undefined,
		department: textParam(url, 'department', 100),
		status: (status === 'left' || status === 'all' ? status : 'current') as 'left' | 'all' | 'current',
		page: pageParam(url),
	}
	const scope = { enterpriseId: enterprise.id }
	const [list, departments] = await Promise.all([listEmployees(scope, filters), listDepartments(scope)])
	const manages = canWriteEnterpriseRecords(principal, enterprise)
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		list: { ...list, rows: list.rows.map((r) => ({ ...r, phone: manages ? r.phone : maskPhone(r.phone) })) },
		departments,
		filters: {
			q: filters.q ?? '',
			jobCategory: filters.jobCategory ?? '',
			department: filters.department ?? '',
			status: filters.status,
		},
		manages,
	}
}

export default function People() {
	const { enterprise, list, departments, filters, manages } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>人员花名册</h1>
			{manages ? (
				<div className="actions">
					<Link className="button primary" to={`/enterprises/${enterprise.id}/roster`}>
						导入花名册
					</Link>
				</div>
			) : null}
			<Form method="get" className="filters" role="search">
				<div className="field">
					<label htmlFor="q">姓名或手机号</label>
					<input id="q" name="q" defaultValue={filters.q} />
				</div>
				<div className="field">
					<label htmlFor="jobCategory">岗位类别</label>
					<select id="jobCategory" name="jobCategory" defaultValue={filters.jobCategory}>
						<option value="">全部</option>
						{JOB_CATEGORIES.map((c) => (
							<option key={c.code} value={c.code}>
								{c.label}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="department">部门</label>
					<select id="department" name="department" defaultValue={filters.department}>
						<option value="">全部</option>
						{departments.map((d) => (
							<option key={d} value={d}>
								{d}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="status">状态</label>
					<select id="status" name="status" defaultValue={filters.status}>
						<option value="current">在职</option>
						<option value="left">已离职</option>
						<option value="all">全部</option>
					</select>
				</div>
				<button type="submit" className="secondary">
					筛选
				</button>
			</Form>
			{list.rows.length === 0 ? (
				<p className="muted">没有符合条件的人员。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>姓名</th>
								<th>手机号</th>
								<th>身份证号</th>
								<th>岗位类别</th>
								<th>工种</th>
								<th>部门</th>
								<th>入职日期</th>
								<th>状态</th>
							</tr>
						</thead>
						<tbody>
							{list.rows.map((r) => (
								<tr key={r.employmentId}>
									<td>
										<Link to={`${r.employmentId}`}>{r.name}</Link>
									</td>
									<td>{r.phone ?? '—'}</td>
									<td>{r.idNumberMasked ?? '—'}</td>
									<td>{jobCategoryName(r.jobCategory)}</td>
									<td>{r.workType ?? ''}</td>
									<td>{r.department ?? ''}</td>
									<td>{r.hiredOn}</td>
									<td>{r.leftOn ? <span className="badge">已于 {r.leftOn} 离职</span> : <span className="badge ok">在职</span>}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<Pager page={list.page} pageSize={list.pageSize} total={list.total} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '人员花名册 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
