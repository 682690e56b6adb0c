import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireRegion } from '#app/auth/guards.server.ts'
import { canCreateEnterpriseIn, canReadRegion, enterpriseScope } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { REGION_LEVEL_LABELS } from '#app/orgs/labels.ts'
import { EnterpriseTable } from '#app/components/enterprise-table.tsx'
import { Pager } from '#app/components/pager.tsx'
import { listEnterprises } from '#app/orgs/enterprises.server.ts'
import { regionBreadcrumb, regionChildren, regionSummary } from '#app/orgs/regions.server.ts'
import { pageParam } from '#app/utils/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const url = new URL(request.url)
	const [trail, children, summary, list] = await Promise.all([
		regionBreadcrumb(region.path),
		regionChildren(region.id),
		regionSummary(region.path),
		listEnterprises(enterpriseScope(principal), { regionPath: region.path, page: pageParam(url) }),
	])
	return {
		region: { id: region.id, name: region.name, level: region.level },
		trail: trail.map((r) => ({ ...r, linkable: canReadRegion(principal, pathOf(trail, r.id)) })),
		children,
		summary,
		list,
		canCreate: canCreateEnterpriseIn(principal, region.path),
	}
}

function pathOf(trail: { id: number }[], id: number) {
	const ids: number[] = []
	for (const r of trail) {
		ids.push(r.id)
		if (r.id === id) break
	}
	return `/${ids.join('/')}/`
}

export default function RegionPage() {
	const { region, trail, children, summary, list, canCreate } = useLoaderData<typeof loader>()
	return (
		<>
			<nav className="breadcrumb" aria-label="所在区域">
				{trail.map((r, i) => (
					<span key={r.id}>
						{i > 0 ? ' › ' : ''}
						{r.linkable && r.id !== region.id ? <Link to={`/regions/${r.id}`}>{r.name}</Link> : r.name}
					</span>
				))}
			</nav>
			<h1>
				{region.name} <span className="badge">{REGION_LEVEL_LABELS[region.level] ?? region.level}</span>
			</h1>
			<p>
				<Link className="button primary" to={`/regions/${region.id}/coverage`}>
					培训覆盖情况
				</Link>{' '}
				<Link className="button secondary" to={`/regions/${region.id}/requirements`}>
					学习要求
				</Link>{' '}
				<Link className="button secondary" to={`/regions/${region.id}/warnings`}>
					警示教育推送
				</Link>{' '}
				<Link className="button secondary" to={`/regions/${region.id}/law-education`}>
					法律法规教育
				</Link>{' '}
				<Link className="button secondary" to={`/regions/${region.id}/contests`}>
					安全知识答卷
				</Link>{' '}
				<Link className="button secondary" to={`/regions/${region.id}/classes`}>
					专题培训班
				</Link>{' '}
				<Link className="button secondary" to={`/regions/${region.id}/flags`}>
					走过场提示
				</Link>
			</p>
			<div className="grid">
				<div className="stat">
					<div className="value">{summary.enterprises}</div>
					<div className="label">辖区企业</div>
				</div>
				<div className="stat">
					<div className="value">{summary.highRisk}</div>
					<div className="label">高危行业企业</div>
				</div>
			</div>
			{children.length > 0 ? (
				<>
					<h2>下级区域</h2>
					<div className="table-wrap">
						<table>
							<thead>
								<tr>
									<th>区域</th>
									<th>层级</th>
									<th>企业</th>
									<th>高危行业企业</th>
								</tr>
							</thead>
							<tbody>
								{children.map((c) => (
									<tr key={c.id}>
										<td>
											<Link to={`/regions/${c.id}`}>{c.name}</Link>
										</td>
										<td>{REGION_LEVEL_LABELS[c.level] ?? c.level}</td>
										<td>{c.enterpriseCount}</td>
										<td>{c.highRiskCount}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</>
			) : null}
			<h2>辖区内企业</h2>
			{canCreate ? (
				<div className="actions">
					<Link className="button secondary" to={`/enterprises/new?regionId=${region.id}`}>
						登记企业
					</Link>
				</div>
			) : null}
			<EnterpriseTable rows={list.rows} />
			<Pager page={list.page} pageSize={list.pageSize} total={list.total} />
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.region.name ?? '区域'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
