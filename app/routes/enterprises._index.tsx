import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { forbidden, requireUser } from '#app/auth/guards.server.ts'
import { enterpriseAdminGrants, enterpriseScope, isPlatformAdmin, regulatorGrants } from '#app/auth/scope.ts'
import { EnterpriseTable } from '#app/components/enterprise-table.tsx'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { Pager } from '#app/components/pager.tsx'
import { listEnterprises } from '#app/orgs/enterprises.server.ts'
import { INDUSTRIES, isIndustryCode } from '#app/orgs/industries.ts'
import { pageParam, textParam } from '#app/utils/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireUser(request)
	if (!isPlatformAdmin(principal) && regulatorGrants(principal).length === 0 && enterpriseAdminGrants(principal).length === 0) {
		forbidden()
	}
	const url = new URL(request.url)
	const industry = textParam(url, 'industry')
	const highRisk = url.searchParams.get('highRisk')
	const filters = {
		q: textParam(url, 'q'),
		industry: industry && isIndustryCode(industry) ? industry : undefined,
		highRisk: highRisk === '1' ? true : highRisk === '0' ? false : undefined,
		page: pageParam(url),
	}
	const list = await listEnterprises(enterpriseScope(principal), filters)
	return {
		list,
		filters: { q: filters.q ?? '', industry: filters.industry ?? '', highRisk: highRisk ?? '' },
		canCreate: isPlatformAdmin(principal) || regulatorGrants(principal).length > 0,
	}
}

export default function Enterprises() {
	const { list, filters, canCreate } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>企业</h1>
			<Form method="get" className="filters" role="search">
				<div className="field">
					<label htmlFor="q">名称或信用代码</label>
					<input id="q" name="q" defaultValue={filters.q} />
				</div>
				<div className="field">
					<label htmlFor="industry">行业</label>
					<select id="industry" name="industry" defaultValue={filters.industry}>
						<option value="">全部</option>
						{INDUSTRIES.map((i) => (
							<option key={i.code} value={i.code}>
								{i.label}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="highRisk">高危行业</label>
					<select id="highRisk" name="highRisk" defaultValue={filters.highRisk}>
						<option value="">全部</option>
						<option value="1">是</option>
						<option value="0">否</option>
					</select>
				</div>
				<button type="submit" className="secondary">
					筛选
				</button>
			</Form>
			{canCreate ? (
				<div className="actions">
					<Link className="button primary" to="/enterprises/new">
						登记企业
					</Link>
				</div>
			) : null}
			<EnterpriseTable rows={list.rows} />
			<Pager page={list.page} pageSize={list.pageSize} total={list.total} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '企业 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
