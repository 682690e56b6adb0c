type ObligationView = { ruleId: string; hours: number | null; dueBy: string; parts: readonly string[]; assessment: boolean; retest: string | null; reason: string; citation: string; note: string | null; enterpriseName: string }

/** What is owed this year and why, each item with the rule it comes from. */
export function ObligationList({ year, obligations, title = `${year}年应完成的安全培训` }: { year: number; obligations: readonly ObligationView[]; title?: string }) {
	return (
		<section className="card" aria-labelledby="obligations-title">
			<h2 id="obligations-title">{title}</h2>
			{obligations.length === 0 ? (
				<p className="muted">按现有任职记录，本年度没有需要完成的法定培训。</p>
			) : (
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
			)}
		</section>
	)
}
