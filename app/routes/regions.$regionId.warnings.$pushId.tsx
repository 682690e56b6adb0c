import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { percent } from '#app/coverage/report-view.ts'
import { industryName } from '#app/orgs/labels.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { pushDetail } from '#app/warnings/pushes.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const detail = await pushDetail({ regionPath: region.path }, parseId(params.pushId), todayInShanghai())
	if (!detail) notFound()
	const replied = detail.enterprises.filter((e) => e.repliedAt).length
	const people = detail.enterprises.reduce((n, e) => n + (e.people ?? 0), 0)
	const studied = detail.enterprises.reduce((n, e) => n + (e.studied ?? 0), 0)
	return {
		region: { id: region.id, name: region.name },
		push: { id: detail.push.id, title: detail.push.title, caseTitle: detail.push.caseTitle, dueOn: detail.push.dueOn, note: detail.push.note, items: detail.push.checklist.length },
		enterprises: detail.enterprises.map((e) => ({ ...e, industry: industryName(e.industry), repliedAt: e.repliedAt ? formatDateTime(e.repliedAt) : null })),
		hazards: detail.hazards,
		rates: { replied, total: detail.enterprises.length, replyRate: percent(replied, detail.enterprises.length), people, studied, studyRate: percent(studied, people), overdue: detail.enterprises.filter((e) => e.overdue).length },
	}
}

export default function PushDetail() {
	const { region, push, enterprises, hazards, rates } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link> › <Link to={`/regions/${region.id}/warnings`}>警示教育推送</Link>
			</p>
			<h1>{push.title}</h1>
			<p className="small muted">
				案例：{push.caseTitle} · 期限：{push.dueOn} · 对照检视 {push.items} 项{push.note ? ` · ${push.note}` : ''}
			</p>
			<div className="grid">
				<div className="stat">
					<div className="value" data-testid="reply-rate">
						{rates.replyRate === null ? '—' : `${rates.replyRate}%`}
					</div>
					<div className="label">
						回复率（{rates.replied}/{rates.total} 家）
					</div>
				</div>
				<div className="stat">
					<div className="value" data-testid="study-rate">
						{rates.studyRate === null ? '—' : `${rates.studyRate}%`}
					</div>
					<div className="label">
						学习率（{rates.studied}/{rates.people} 人）
					</div>
				</div>
				<div className="stat">
					<div className="value">{rates.overdue}</div>
					<div className="label">逾期未回复</div>
				</div>
			</div>
			<p>
				<a className="button secondary" href={`/regions/${region.id}/warnings/${push.id}/export.xlsx`}>
					导出 Excel
				</a>
			</p>
			<section aria-labelledby="hazards-title">
				<h2 id="hazards-title">查出的隐患（按检查项）</h2>
				{hazards.length === 0 ? (
					<p className="muted">已提交的回复中没有“不符合”项。</p>
				) : (
					<ul className="plain">
						{hazards.map((h) => (
							<li key={h.itemId} className="card">
								<strong>{h.text}</strong> <span className="badge risk">{h.count} 家不符合</span>
								<div className="small muted">依据：{h.basis || '—'}</div>
								<ul>
									{h.found.map((f) => (
										<li key={f.enterprise}>
											{f.enterprise}：{f.finding}；整改：{f.measure}（{f.responsible}，{f.dueOn}前）
										</li>
									))}
								</ul>
							</li>
						))}
					</ul>
				)}
			</section>
			<section aria-labelledby="replies-title">
				<h2 id="replies-title">企业回复与学习</h2>
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>企业</th>
								<th>行业</th>
								<th>学习</th>
								<th>回复</th>
								<th>不符合项</th>
							</tr>
						</thead>
						<tbody>
							{enterprises.map((e) => (
								<tr key={e.enterpriseId}>
									<td>
										<Link to={`/enterprises/${e.enterpriseId}`}>{e.name}</Link>
									</td>
									<td>{e.industry}</td>
									<td>{e.people === null ? '未布置' : `${e.studied}/${e.people} 人`}</td>
									<td>
										{e.repliedAt ? `${e.repliedAt}（第 ${e.version} 版）` : e.overdue ? <span className="badge risk">逾期未回复</span> : '未回复'}
									</td>
									<td>{e.nonCompliant ?? '—'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.push.title ?? '警示教育推送'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
