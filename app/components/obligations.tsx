import { progressText, type ProgressView } from '#app/coverage/allocation.ts'
import { type Obligation } from '#app/coverage/obligations.ts'

type ObligationView = Pick<Obligation, 'ruleId' | 'hours' | 'dueBy' | 'parts' | 'assessment' | 'retest' | 'reason' | 'citation' | 'note' | 'enterpriseName'> & {
	/** The category (岗前培训, 年度再培训 …) and how far its hours are, where the page shows them. */
	category?: string
	progress?: ProgressView
}

const STATUS_BADGE: Record<ProgressView['status'], string> = { done: 'ok', in_progress: '', not_started: '', overdue: 'risk', no_hours: '' }

/** What is owed this year and why, each item with the rule it comes from (and, given, its progress). */
export function ObligationList({
	year,
	obligations,
	title = `${year}年应完成的安全培训`,
	unallocatedHours,
}: {
	year: number
	obligations: readonly ObligationView[]
	title?: string
	/** 学时 of the year that counted toward none of the obligations (studied before they began, or beyond them). */
	unallocatedHours?: number
}) {
	const withProgress = obligations.filter((o) => o.progress && o.category)
	return (
		<section className="card" aria-labelledby="obligations-title">
			<h2 id="obligations-title">{title}</h2>
			{obligations.length === 0 ? (
				<p className="muted">按现有任职记录，本年度没有需要完成的法定培训。</p>
			) : (
				<>
					{withProgress.length > 0 ? (
						<div className="table-wrap">
							<table aria-label="按类别的学时完成情况">
								<thead>
									<tr>
										<th>类别</th>
										<th>已计入 / 应完成</th>
										<th>状态</th>
									</tr>
								</thead>
								<tbody>
									{withProgress.map((o) => {
										const text = progressText({ retest: o.retest, progress: o.progress! })
										return (
											<tr key={`${o.ruleId}-${o.dueBy}-${o.enterpriseName}`}>
												<td className="wrap">{o.category}</td>
												<td>{text.hours}</td>
												<td>
													<span className={`badge ${o.progress!.label === '逾期完成' ? 'warn' : STATUS_BADGE[o.progress!.status]}`}>{text.status}</span>
													<div className="small muted">
														期限 {o.dueBy}
														{o.progress!.metOn ? ` · ${o.progress!.metOn} 达到` : ''}
													</div>
												</td>
											</tr>
										)
									})}
								</tbody>
							</table>
						</div>
					) : null}
					{unallocatedHours ? <p className="small muted">另有 {unallocatedHours} 学时因早于上述培训开始或超出其要求，未计入上述类别。</p> : null}
					<ul className="plain obligations">
						{obligations.map((o) => (
							<li key={`${o.ruleId}-${o.dueBy}-${o.enterpriseName}`}>
								<strong>{o.retest ? `须重新${o.retest}` : o.hours === null ? '须完成（未规定学时）' : `不少于 ${o.hours} 学时`}</strong>
								{o.assessment ? <span className="badge warn">须经主管部门考核</span> : null}
								<div>{o.reason}</div>
								{o.parts.length ? <div className="small">内容：{o.parts.join('、')}</div> : null}
								<div className="small muted">
									期限：{o.dueBy} · 依据：{o.citation}
								</div>
								{o.note ? <div className="small muted">说明：{o.note}</div> : null}
							</li>
						))}
					</ul>
				</>
			)}
		</section>
	)
}
