import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FilterSelect } from '#app/components/forms.tsx'
import { Pager } from '#app/components/pager.tsx'
import { ENTERPRISE_PAGE_SIZE, figureColumns, parseFilters, yearParam } from '#app/coverage/report-view.ts'
import { regionCoverage, regionTrend } from '#app/coverage/reports.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { ENTERPRISE_SIZES, INDUSTRIES } from '#app/orgs/industries.ts'
import { parksUnder } from '#app/orgs/regions.server.ts'
import { reportsFromReplica } from '#app/utils/db.server.ts'
import { latestCoverageRebuild } from '#app/coverage/rebuild-jobs.server.ts'
import { pageParam } from '#app/utils/request.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'

const YES_NO = [
	{ value: '1', label: '是' },
	{ value: '0', label: '否' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const url = new URL(request.url)
	const today = todayInShanghai()
	const year = yearParam(url, today)
	const filters = parseFilters(url)
	const page = pageParam(url)
	const [report, trend, parks, rebuild] = await Promise.all([
		regionCoverage({ regionPath: region.path, regionId: region.id }, year, filters, page),
		regionTrend({ regionPath: region.path }, year),
		parksUnder(region.path),
		latestCoverageRebuild(year),
	])
	const m = ledgerRules().minutesPerCreditHour
	return {
		region: { id: region.id, name: region.name },
		year,
		filters,
		totals: figureColumns(report.totals, m),
		children: report.children.map((c) => ({ regionId: c.regionId, name: c.name, ...figureColumns(c, m) })),
		enterprises: report.enterprises.map((e) => ({ enterpriseId: e.enterpriseId, name: e.name, ...figureColumns(e, m) })),
		enterprisePage: { page, count: report.enterpriseCount },
		trend: trend.map((t) => ({ month: t.month, hours: Math.round(t.seconds / 60 / m), passed: t.passed })),
		fromReplica: reportsFromReplica(),
		refreshedAt: report.refreshedAt ? formatDateTime(report.refreshedAt) : null,
		parks,
		rebuilding: rebuild?.status === 'queued' || rebuild?.status === 'running',
	}
}

/** 学时 credited month by month, as columns drawn on the server. */
function TrendColumns({ rows }: { rows: { month: number; hours: number; passed: number }[] }) {
	const max = Math.max(1, ...rows.map((r) => r.hours))
	return (
		<svg role="img" aria-label="每月获得学时" viewBox="0 0 480 150" width="100%" style={{ maxWidth: 640 }}>
			{rows.map((r, i) => {
				const h = Math.round((r.hours / max) * 100)
				return (
					<g key={r.month} transform={`translate(${i * 40 + 8} 0)`}>
						<rect x="0" y={110 - h} width="28" height={h} fill="#1a4fa0" />
						<text x="14" y={106 - h} fontSize="10" textAnchor="middle">
							{r.hours}
						</text>
						<text x="14" y="126" fontSize="11" textAnchor="middle">
							{r.month}月
						</text>
						<text x="14" y="142" fontSize="9" textAnchor="middle" fill="#555">
							合格{r.passed}
						</text>
					</g>
				)
			})}
		</svg>
	)
}

/** Coverage by child region as a bar chart, drawn on the server (no chart library shipped). */
function CoverageBars({ rows }: { rows: { name: string; coverage: number | null }[] }) {
	const height = rows.length * 28 + 8
	return (
		<svg role="img" aria-label="各下级区域达标率" viewBox={`0 0 400 ${height}`} width="100%" style={{ maxWidth: 640 }}>
			{rows.map((r, i) => (
				<g key={r.name} transform={`translate(0 ${i * 28 + 4})`}>
					<text x="0" y="16" fontSize="13">
						{r.name}
					</text>
					<rect x="120" y="4" width={240} height="16" fill="#eef1f5" />
					<rect x="120" y="4" width={((r.coverage ?? 0) / 100) * 240} height="16" fill="#1a4fa0" />
					<text x="366" y="16" fontSize="12">
						{r.coverage === null ? '—' : `${r.coverage}%`}
					</text>
				</g>
			))}
		</svg>
	)
}

export default function RegionCoverage() {
	const { region, year, filters, totals, children, enterprises, enterprisePage, trend, fromReplica, parks, refreshedAt, rebuilding } = useLoaderData<typeof loader>()
	const search = useLocation().search
	// Drilling down or filtering starts again at the first page of enterprises.
	const childSearch = (() => {
		const params = new URLSearchParams(search)
		params.delete('page')
		const text = params.toString()
		return text ? `?${text}` : ''
	})()
	const exportHref = (format: string) => `/regions/${region.id}/coverage/export?${new URLSearchParams([...new URLSearchParams(search).entries(), ['format', format]]).toString()}`
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>
				{region.name} · {year}年培训覆盖
			</h1>
			<p className="small muted" data-testid="refreshed-at">
				{refreshedAt ? `数据更新于 ${refreshedAt}（每 10 分钟汇总一次）` : '本年度数据尚未汇总，请稍候'}
				{fromReplica ? '，读自只读副本' : ''}
			</p>
			{rebuilding ? <p className="toast">培训规则刚有调整，本年度覆盖率正在按新规则重算，完成后这里的数字会随之更新。</p> : null}
			<Form method="get" className="filters">
				<input type="hidden" name="year" value={year} />
				<FilterSelect id="industry" label="行业" value={filters.industry} choices={INDUSTRIES.map((i) => ({ value: i.code, label: i.label }))} />
				<FilterSelect id="size" label="规模" value={filters.size} choices={ENTERPRISE_SIZES.map((s) => ({ value: s.code, label: s.label }))} />
				<FilterSelect id="highRisk" label="高危行业" value={filters.highRisk === undefined ? undefined : filters.highRisk ? '1' : '0'} choices={YES_NO} />
				{parks.length ? <FilterSelect id="park" label="园区" value={filters.parkId} choices={parks.map((p) => ({ value: p.id, label: p.name }))} /> : null}
				<button type="submit" className="secondary">
					筛选
				</button>
			</Form>
			<div className="grid">
				<div className="stat">
					<div className="value" data-testid="coverage-rate">
						{totals.coverage === null ? '—' : `${totals.coverage}%`}
					</div>
					<div className="label">达标率（{totals.people} 人应训）</div>
				</div>
				<div className="stat">
					<div className="value">{totals.examPassRate === null ? '—' : `${totals.examPassRate}%`}</div>
					<div className="label">考试合格率</div>
				</div>
				<div className="stat">
					<div className="value">{totals.overdue}</div>
					<div className="label">逾期人数</div>
				</div>
				<div className="stat">
					<div className="value">
						{totals.creditedHours} / {totals.owedHours}
					</div>
					<div className="label">已获 / 应训学时</div>
				</div>
			</div>
			<h2>逐月趋势（获得学时 / 考试合格人次）</h2>
			<TrendColumns rows={trend} />
			{children.length > 0 ? (
				<>
					<h2>下级区域</h2>
					<CoverageBars rows={children} />
					<div className="table-wrap">
						<table>
							<thead>
								<tr>
									<th>区域</th>
									<th>应训人数</th>
									<th>达标率</th>
									<th>逾期</th>
								</tr>
							</thead>
							<tbody>
								{children.map((c) => (
									<tr key={c.regionId}>
										<td>
											<Link to={`/regions/${c.regionId}/coverage${childSearch}`}>{c.name}</Link>
										</td>
										<td>{c.people}</td>
										<td>{c.coverage === null ? '—' : `${c.coverage}%`}</td>
										<td>{c.overdue}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</>
			) : null}
			<h2>企业（达标率从低到高）</h2>
			<p className="small muted" data-testid="enterprise-count">
				共 {enterprisePage.count} 家企业{enterprisePage.count > ENTERPRISE_PAGE_SIZE ? `，每页 ${ENTERPRISE_PAGE_SIZE} 家；导出包含全部企业` : ''}
			</p>
			<div className="actions">
				<a className="button secondary" href={exportHref('xlsx')}>
					导出 Excel
				</a>
				<a className="button secondary" href={exportHref('csv')}>
					导出 CSV
				</a>
			</div>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>企业</th>
							<th>应训人数</th>
							<th>达标率</th>
							<th>考试合格率</th>
							<th>逾期</th>
							<th>未开始</th>
							<th>已获 / 应训学时</th>
						</tr>
					</thead>
					<tbody>
						{enterprises.map((e) => (
							<tr key={e.enterpriseId}>
								<td className="wrap">
									<Link to={`/enterprises/${e.enterpriseId}/coverage`}>{e.name}</Link>
								</td>
								<td>{e.people}</td>
								<td>{e.coverage === null ? '—' : `${e.coverage}%`}</td>
								<td>{e.examPassRate === null ? '—' : `${e.examPassRate}%`}</td>
								<td>{e.overdue}</td>
								<td>{e.notStarted}</td>
								<td>
									{e.creditedHours} / {e.owedHours}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{enterprises.length === 0 && enterprisePage.count > 0 ? <p className="muted">这一页没有企业了。</p> : null}
			<Pager page={enterprisePage.page} pageSize={ENTERPRISE_PAGE_SIZE} total={enterprisePage.count} />
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.region.name ?? ''}培训覆盖 · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
