import { type ArchiveView } from '#app/coverage/archive-view.ts'
import { type PersonRetention, personRetentionHeadline } from '#app/coverage/retention.ts'

/**
 * 一人一档 as a printable page: studies (with the content version), exams, certificates,
 * self-inspections, and how long each type of record is kept (at an enterprise for the admin's
 * view, across every employer for the learner's own).
 */
export function PersonArchive({ title, subtitle, archive, exportHref, retention }: { title: string; subtitle: string; archive: ArchiveView; exportHref: string; retention: PersonRetention }) {
	return (
		<article className="archive">
			<h1>{title}</h1>
			<p className="muted">{subtitle}</p>
			<p className="small" data-testid="retention">
				{personRetentionHeadline(retention)}
			</p>
			<p className="no-print actions">
				<button type="button" className="secondary" onClick={() => window.print()}>
					打印（A4）
				</button>
				<a className="button secondary" href={exportHref}>
					导出 Excel
				</a>
			</p>
			<h2>{archive.year}年法定培训</h2>
			{archive.obligations.length === 0 ? (
				<p className="muted">按任职记录，本年度没有法定培训要求。</p>
			) : (
				<div className="table-wrap">
					<table aria-label={`${archive.year}年法定培训完成情况`}>
						<thead>
							<tr>
								<th>类别</th>
								<th>原因和依据</th>
								<th>已计入 / 应完成</th>
								<th>状态</th>
							</tr>
						</thead>
						<tbody>
							{archive.obligations.map((o) => (
								<tr key={`${o.category}-${o.dueBy}-${o.enterprise}`}>
									<td className="wrap">{o.category}</td>
									<td className="wrap">
										{o.reason}
										<div className="small muted">{o.citation}</div>
									</td>
									<td>{o.hours}</td>
									<td>
										{o.status}
										<div className="small muted">
											期限 {o.dueBy}
											{o.metOn ? ` · ${o.metOn} 达到` : ''}
										</div>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<h2>学习记录</h2>
			{archive.studied.length === 0 ? (
				<p className="muted">暂无。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>课程 · 课时</th>
								<th>内容版本</th>
								<th>学习日期</th>
								<th>有效学习</th>
								<th>完成</th>
							</tr>
						</thead>
						<tbody>
							{archive.studied.map((s) => (
								<tr key={`${s.lesson}-${s.version}`}>
									<td className="wrap">
										{s.course} · {s.lesson}
									</td>
									<td>{s.version}</td>
									<td>{s.dates}</td>
									<td>
										{s.minutes} 分钟（{s.hours} 学时）
									</td>
									<td>{s.completed}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			{archive.corrections.length > 0 ? (
				<>
					<h2>学时更正</h2>
					<p className="small muted">学习记录不作修改；更正以新记录追加，上表的有效学习已扣除更正的时间。</p>
					<div className="table-wrap">
						<table>
							<thead>
								<tr>
									<th>更正时间</th>
									<th>课程 · 课时</th>
									<th>更正</th>
									<th>理由</th>
									<th>操作人</th>
								</tr>
							</thead>
							<tbody>
								{archive.corrections.map((c) => (
									<tr key={`${c.at}-${c.lesson}-${c.minutes}`}>
										<td>{c.at}</td>
										<td className="wrap">
											{c.course} · {c.lesson}
										</td>
										<td>{c.minutes} 分钟</td>
										<td className="wrap">{c.reason}</td>
										<td>{c.actor}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</>
			) : null}
			<h2>考试记录</h2>
			{archive.papers.length === 0 ? (
				<p className="muted">暂无。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>考试</th>
								<th>交卷时间</th>
								<th>成绩</th>
								<th>结果</th>
							</tr>
						</thead>
						<tbody>
							{archive.papers.map((p) => (
								<tr key={`${p.exam}-${p.number}`}>
									<td className="wrap">
										{p.exam}（第 {p.number} 次）
									</td>
									<td>{p.finishedAt}</td>
									<td>{p.score}</td>
									<td>
										{p.result} · {p.by}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<h2>培训合格证明</h2>
			{archive.certificates.length === 0 ? (
				<p className="muted">暂无。</p>
			) : (
				<ul className="plain">
					{archive.certificates.map((c) => (
						<li key={c.number}>
							{c.title} · {c.number} · {c.issuedOn} 至 {c.expiresOn}
							{c.revoked ? '（已撤销）' : ''}
						</li>
					))}
				</ul>
			)}
			<h2>学习任务</h2>
			{archive.assigned.length === 0 ? (
				<p className="muted">今年没有布置的学习任务。</p>
			) : (
				<ul className="plain">
					{archive.assigned.map((x) => (
						<li key={`${x.kind}-${x.title}-${x.dueOn}`}>
							<span className="badge">{x.kind}</span> {x.title} · 期限 {x.dueOn} · {x.done}
							<div className="small muted">原因：{x.reason}</div>
						</li>
					))}
				</ul>
			)}
			<h2>专题培训班</h2>
			{archive.classes.length === 0 ? (
				<p className="muted">暂无。</p>
			) : (
				<ul className="plain" data-testid="archive-classes">
					{archive.classes.map((c) => (
						<li key={c.id}>
							{c.title}（{c.organiser}，{c.dates}）：学时 {c.hours} · 结业考核 {c.assessment} · {c.completed}
						</li>
					))}
				</ul>
			)}
			<h2>对照检视</h2>
			{archive.inspections.length === 0 ? (
				<p className="muted">暂无。</p>
			) : (
				<ul className="plain">
					{archive.inspections.map((i) => (
						<li key={`${i.course}-${i.lesson}`}>
							{i.course} · {i.lesson}：{i.items} 项（是 {i.yes}，否 {i.no}，不适用 {i.na}）<span className="small muted"> {i.updatedAt}</span>
						</li>
					))}
				</ul>
			)}
			{retention.rows.length > 0 ? <RetentionTable retention={retention} /> : null}
			<p className="small muted">依据《中华人民共和国安全生产法》第二十八条：如实记录安全生产教育和培训的时间、内容、参加人员以及考核结果等情况。</p>
		</article>
	)
}

/** Each type of record in the archive: its last record, the period in force, the date it is kept until. */
function RetentionTable({ retention }: { retention: PersonRetention }) {
	return (
		<section aria-labelledby="retention-heading">
			<h2 id="retention-heading">保存期限</h2>
			<p className="small muted">本平台不删除任何培训记录；下表是各类记录至少应保存的期限，由平台管理员按记录类型设定。</p>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>记录类型</th>
							<th>最近一条记录</th>
							<th>保存期限（现行）</th>
							<th>至少保存至</th>
						</tr>
					</thead>
					<tbody>
						{retention.rows.map((r) => (
							<tr key={r.code}>
								<td>{r.label}</td>
								<td>{r.lastRecordOn ?? '暂无'}</td>
								<td className="wrap">{r.rule}</td>
								<td>{r.until ?? '在职期间持续保存'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</section>
	)
}
