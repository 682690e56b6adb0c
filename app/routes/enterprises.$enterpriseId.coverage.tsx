import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterSelect } from '#app/components/forms.tsx'
import { behindBy, departmentOf, filterPeople, NO_DEPARTMENT, parseBehindFilter } from '#app/coverage/behind.ts'
import { COVERAGE_STATUS_LABELS } from '#app/coverage/coverage.ts'
import { creditedHours, percent, yearParam } from '#app/coverage/report-view.ts'
import { enterpriseCoverage } from '#app/coverage/reports.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { JOB_CATEGORIES } from '#app/orgs/industries.ts'
import { jobCategoryName } from '#app/orgs/labels.ts'
import { todayInShanghai } from '#app/utils/time.ts'

const STATUS_CHOICES = [
	{ value: 'behind', label: '未达标（催办名单）' },
	{ value: 'overdue', label: COVERAGE_STATUS_LABELS.overdue },
	{ value: 'not_started', label: COVERAGE_STATUS_LABELS.not_started },
	{ value: 'in_progress', label: COVERAGE_STATUS_LABELS.in_progress },
	{ value: 'done', label: COVERAGE_STATUS_LABELS.done },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const today = todayInShanghai()
	const url = new URL(request.url)
	const year = yearParam(url, today)
	const filter = parseBehindFilter(url)
	const rows = await enterpriseCoverage({ enterpriseId: enterprise.id }, year, today)
	const m = ledgerRules().minutesPerCreditHour
	const done = rows.filter((p) => p.status === 'done').length
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		year,
		filter,
		coverage: percent(done, rows.length),
		total: rows.length,
		behind: rows.filter((p) => p.status === 'overdue' || p.status === 'not_started').length,
		departments: [...new Set(rows.map(departmentOf))].sort((a, b) => Number(a === '') - Number(b === '') || a.localeCompare(b, 'zh-CN')),
		byDepartment: behindBy(rows, departmentOf),
		byJob: behindBy(rows, (p) => p.jobCategory).map((g) => ({ ...g, key: jobCategoryName(g.key) })),
		people: filterPeople(rows, filter).map((r) => ({
			personId: r.personId,
			employmentId: r.employmentId,
			name: r.name,
			job: jobCategoryName(r.jobCategory),
			department: r.department ?? '—',
			owed: Math.round(r.owedMinutes / m),
			credited: creditedHours(r.creditedSeconds, m),
			// Short by category can exceed owed − credited: time outside every category fills no gap.
			short: creditedHours(r.categoryShortSeconds, m),
			examPassed: r.examPassed,
			assigned: r.requiredItems ? `${r.requiredDone} / ${r.requiredItems}` : '—',
			dueBy: r.dueBy,
			status: r.status,
		})),
	}
}

export default function EnterpriseCoverage() {
	const { enterprise, year, filter, people, coverage, total, behind, departments, byDepartment, byJob } = useLoaderData<typeof loader>()
	const search = useLocation().search
	const exportHref = (format: string, reminder: boolean) => {
		const params = new URLSearchParams(search)
		params.set('year', String(year))
		if (reminder) params.set('status', 'behind')
		params.set('format', format)
		return `/enterprises/${enterprise.id}/coverage/export?${params.toString()}`
	}
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
					<div className="label">达标率（{total} 人应训）</div>
				</div>
				<div className="stat">
					<div className="value" data-testid="behind">
						{behind}
					</div>
					<div className="label">逾期或未开始</div>
				</div>
			</div>
			<div className="no-print">
				<h2>按部门</h2>
				<GroupTable rows={byDepartment} keyLabel="部门" />
				<h2>按岗位类别</h2>
				<GroupTable rows={byJob} keyLabel="岗位类别" />
			</div>
			<h2>人员</h2>
			<Form method="get" className="filters">
				<input type="hidden" name="year" value={year} />
				<FilterSelect id="department" label="部门" value={filter.department === '' ? NO_DEPARTMENT : filter.department} choices={departments.map((d) => ({ value: d || NO_DEPARTMENT, label: d || '（未填部门）' }))} />
				<FilterSelect id="job" label="岗位类别" value={filter.job} choices={JOB_CATEGORIES.map((j) => ({ value: j.code, label: j.label }))} />
				<FilterSelect id="status" label="状态" value={filter.status} choices={STATUS_CHOICES} />
				<button type="submit" className="secondary">
					筛选
				</button>
			</Form>
			<div className="actions">
				<a className="button" href={exportHref('xlsx', true)}>
					导出催办名单（Excel）
				</a>
				<a className="button secondary" href={exportHref('xlsx', false)}>
					导出当前列表（Excel）
				</a>
				<a className="button secondary" href={exportHref('csv', false)}>
					导出当前列表（CSV）
				</a>
				<button type="button" className="secondary" onClick={() => window.print()}>
					打印当前列表
				</button>
			</div>
			<p className="small muted" data-testid="listed">
				列出 {people.length} 人
			</p>
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
								<td>{p.employmentId ? <Link to={`/enterprises/${enterprise.id}/people/${p.employmentId}/archive`}>{p.name}</Link> : p.name}</td>
								<td>{p.job}</td>
								<td>{p.department}</td>
								<td>
									{p.owed} / {p.credited}
									{p.short > 0 ? <div className="small muted">按类别尚缺 {p.short}</div> : null}
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

/** People and those behind in each group (department or job category). */
function GroupTable({ rows, keyLabel }: { rows: { key: string; people: number; behind: number; overdue: number }[]; keyLabel: string }) {
	return (
		<div className="table-wrap">
			<table>
				<thead>
					<tr>
						<th>{keyLabel}</th>
						<th>应训人数</th>
						<th>未达标</th>
						<th>其中逾期</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((g) => (
						<tr key={g.key}>
							<td>{g.key || '（未填部门）'}</td>
							<td>{g.people}</td>
							<td>{g.behind}</td>
							<td>{g.overdue}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.enterprise.name ?? ''}培训完成情况 · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
