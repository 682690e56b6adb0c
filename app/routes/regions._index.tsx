import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { forbidden, requireUser } from '#app/auth/guards.server.ts'
import { isPlatformAdmin, regulatorGrants } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { REGION_LEVEL_LABELS } from '#app/orgs/labels.ts'
import { regionChildren } from '#app/orgs/regions.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireUser(request)
	if (!isPlatformAdmin(principal)) {
		const grant = regulatorGrants(principal)[0]
		if (grant) throw redirect(`/regions/${grant.regionId}`)
		forbidden()
	}
	return { roots: await regionChildren(null) }
}

export default function Regions() {
	const { roots } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>行政区划</h1>
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
						{roots.map((r) => (
							<tr key={r.id}>
								<td>
									<Link to={`/regions/${r.id}`}>{r.name}</Link>
								</td>
								<td>{REGION_LEVEL_LABELS[r.level] ?? r.level}</td>
								<td>{r.enterpriseCount}</td>
								<td>{r.highRiskCount}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '行政区划 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
