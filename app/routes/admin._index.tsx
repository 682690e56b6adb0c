import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { platformCounts } from '#app/orgs/stats.server.ts'
import { regionChildren } from '#app/orgs/regions.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const [counts, roots] = await Promise.all([platformCounts(), regionChildren(null)])
	return { counts, roots }
}

export default function AdminHome() {
	const { counts, roots } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>平台概览</h1>
			<div className="grid">
				<Stat label="企业" value={counts.enterprises} />
				<Stat label="高危行业企业" value={counts.highRisk} />
				<Stat label="在册从业人员" value={counts.people} />
				<Stat label="账号" value={counts.users} />
			</div>
			<h2>行政区划</h2>
			<ul className="plain card">
				{roots.map((r) => (
					<li key={r.id}>
						<Link to={`/regions/${r.id}`}>{r.name}</Link> <span className="muted">· {r.enterpriseCount} 家企业</span>
					</li>
				))}
			</ul>
			<div className="actions">
				<Link className="button secondary" to="/enterprises">
					企业列表
				</Link>
				<Link className="button secondary" to="/enterprises/new">
					登记企业
				</Link>
				<Link className="button secondary" to="/admin/accounts">
					账号管理
				</Link>
				<Link className="button secondary" to="/admin/rules">
					培训规则
				</Link>
				<Link className="button secondary" to="/admin/retention">
					档案保存期限
				</Link>
			</div>
		</>
	)
}

function Stat({ label, value }: { label: string; value: number }) {
	return (
		<div className="stat">
			<div className="value">{value.toLocaleString('zh-CN')}</div>
			<div className="label">{label}</div>
		</div>
	)
}

export const meta: MetaFunction = () => [{ title: '平台概览 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
