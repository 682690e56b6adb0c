import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { hoursOf, OUTCOME_LABELS } from '#app/classes/classes.ts'
import { classReport } from '#app/classes/classes.server.ts'
import { missingFor, reportTables } from '#app/classes/report-view.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { formatDateTime } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const report = await classReport({ regionPath: region.path }, parseId(params.classId))
	if (!report) notFound()
	const perHour = ledgerRules().minutesPerCreditHour
	const tables = reportTables(report, perHour)
	const titles = report.sessions.map((x) => x.title)
	return {
		region: { id: region.id, name: region.name },
		klass: report.klass,
		summary: { ...report.summary, totalHours: hoursOf(report.summary.total, perHour) },
		tables,
		outcomes: report.cadres.map((c) => c.outcomes),
		unfinished: report.cadres.filter((c) => !c.completed).map((c) => ({ name: c.name, unit: c.unit, phone: c.phone, missing: missingFor(c, titles, perHour) })),
		printedAt: formatDateTime(new Date()),
	}
}

export default function ClassReport() {
	const { region, klass, summary, tables, outcomes, unfinished, printedAt } = useLoaderData<typeof loader>()
	const sessionCount = tables.sessions.rows.length
	return (
		<article className="archive">
			<p className="breadcrumb no-print">
				<Link to={`/regions/${region.id}/classes`}>专题培训班</Link> › <Link to={`/regions/${region.id}/classes/${klass.id}`}>{klass.title}</Link>
			</p>
			<h1>{klass.title} · 培训班报告</h1>
			<p className="no-print">
				<button type="button" className="secondary" onClick={() => window.print()}>
					打印
				</button>{' '}
				<a className="button secondary" href="report.xlsx" download>
					导出 Excel
				</a>
			</p>
			<dl className="facts">
				<dt>主办单位</dt>
				<dd>{klass.organiser}</dd>
				<dt>时间、地点</dt>
				<dd>
					{klass.startsOn} 至 {klass.endsOn}，{klass.venue}
				</dd>
				<dt>学员</dt>
				<dd>{summary.members} 人</dd>
				<dt>结业</dt>
				<dd data-testid="completed-count">
					{summary.completed} / {summary.members} 人
				</dd>
				<dt>总学时</dt>
				<dd>{summary.totalHours} 学时</dd>
			</dl>
			<h2>日程与出勤</h2>
			<Table headers={tables.sessions.headers} rows={tables.sessions.rows} />
			<h2>学员情况</h2>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							{tables.cadres.headers.map((h) => (
								<th key={h}>{h}</th>
							))}
						</tr>
					</thead>
					<tbody>
						{tables.cadres.rows.map((row, i) => (
							<tr key={i}>
								{row.map((cell, j) => (
									<td key={j} className={j >= 3 && j < 3 + sessionCount ? `outcome-${outcomes[i]![j - 3]}` : undefined}>
										{cell}
									</td>
								))}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h2>未结业名单（{unfinished.length} 人）</h2>
			{unfinished.length === 0 ? (
				<p>全部学员已结业。</p>
			) : (
				<ul className="plain" data-testid="unfinished">
					{unfinished.map((u, i) => (
						<li key={i}>
							<strong>{u.name}</strong>（{u.unit}，{u.phone}）：{u.missing}
						</li>
					))}
				</ul>
			)}
			<p className="small muted">
				图例：{Object.values(OUTCOME_LABELS).join('、')}。现场环节以本人登录签到或主办方登记（写明原因）为准；线上环节以学完关联课程为准；结业考核以本班专属考试成绩为准。打印时间：{printedAt}
			</p>
		</article>
	)
}

function Table({ headers, rows }: { headers: string[]; rows: (string | number | null)[][] }) {
	return (
		<div className="table-wrap">
			<table>
				<thead>
					<tr>
						{headers.map((h) => (
							<th key={h}>{h}</th>
						))}
					</tr>
				</thead>
				<tbody>
					{rows.map((row, i) => (
						<tr key={i}>
							{row.map((cell, j) => (
								<td key={j}>{cell}</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

export const meta: MetaFunction = () => [{ title: '培训班报告 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
