import { Link } from '@remix-run/react'
import { industryName, sizeName } from '#app/orgs/labels.ts'

export function EnterpriseTable({
	rows,
}: {
	rows: { id: number; name: string; industry: string; size: string; highRisk: boolean; regionName: string; people: number }[]
}) {
	if (rows.length === 0) return <p className="muted">没有符合条件的企业。</p>
	return (
		<div className="table-wrap">
			<table>
				<thead>
					<tr>
						<th>企业名称</th>
						<th>行业</th>
						<th>规模</th>
						<th>所在区域</th>
						<th>在册人数</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((e) => (
						<tr key={e.id}>
							<td className="wrap">
								<Link to={`/enterprises/${e.id}`}>{e.name}</Link>
							</td>
							<td>
								{industryName(e.industry)} {e.highRisk ? <span className="badge risk">高危</span> : null}
							</td>
							<td>{sizeName(e.size)}</td>
							<td>{e.regionName}</td>
							<td>{e.people}</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
