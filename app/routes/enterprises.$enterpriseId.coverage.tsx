import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { COVERAGE_STATUS_LABELS } from '#app/coverage/coverage.ts'
import { creditedHours, percent } from '#app/coverage/report-view.ts'
import { enterpriseCoverage } from '#app/coverage/reports.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { jobCategoryName } from '#app/orgs/labels.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const today = todayInShanghai()
	const year = Number(new URL(request.url).searchParams.get('year') ?? today.slice(0, 4))
	const rows = await enterpriseCoverage({ enterpriseId: enterprise.id }, year, today)
	const m = ledgerRules().minutesPerCreditHour
	const people = rows.map((r) => ({
		personId: r.personId,
		name: r.name,
		job: jobCategoryName(r.jobCategory),
		department: r.department ?? '—',
		owed: Math.round(r.owedMinutes / m),
		credited: creditedHours(r.creditedSeconds, m),
		examPassed: r.examPassed,
		assigned: r.requiredItems ? `${r.requiredDone} / ${r.requiredItems}` : '—',
		dueBy: r.dueBy,
		status: r.status,
	}))
	const done = people.filter((p) => p.status === 'done').length
	return { enterprise: { id: enterprise.id, name: enterprise.name }, year, people, coverage: percent(done, people.length), behind: people.filter((p) => p.status === 'overdue' || p.status === 'not_started').length }
}

export default function EnterpriseCoverage() {
	const { enterprise, year, people, coverage, behind } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>
				{enterprise.name} · {year}年培训完成情况
			</h1>
			<div className="grid">
				<div className="stat">
					<div className="value">{coverage === null ? '—' : `${coverage}%`}</div>
					<div className="label">达标率（{people.length} 人应训）</div>
				</div>
				<div className="stat">
					<div className="value" data-testid="behind">
						{behind}
					</div>
					<div className="label">逾期或未开始</div>
				</div>
			</div>
			<div className="actions">
				<a className="button secondary" href={`/enterprises/${enterprise.id}/coverage/export?format=xlsx`}>
					导出催办名单（Excel）
				</a>
				<a className="button secondary" href={`/enterprises/${enterprise.id}/coverage/export?format=csv`}>
					导出 CSV
				</a>
			</div>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>姓名</th>
							<th>岗位类别</th>
							<th>部门</th>
							<th>应训 / 已获学时</th>
							<th>考试</th>
							<th>学习任务</th>
							<th>期限</th>
							<th>状态</th>
						</tr>
					</thead>
					<tbody>
						{people.map((p) => (
							<tr key={p.personId}>
								<td>{p.name}</td>
								<td>{p.job}</td>
								<td>{p.department}</td>
								<td>
									{p.owed} / {p.credited}
								</td>
								<td>{p.examPassed ? '已合格' : '未合格'}</td>
								<td>{p.assigned}</td>
								<td>{p.dueBy ?? '—'}</td>
								<td>
									<span className={`badge ${p.status === 'done' ? 'ok' : p.status === 'overdue' ? 'risk' : 'warn'}`}>{COVERAGE_STATUS_LABELS[p.status]}</span>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.enterprise.name ?? ''}培训完成情况 · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
