import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { leaderboard } from '#app/contests/contests.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const board = await leaderboard({ regionPath: region.path, regionId: region.id }, parseId(params.contestId))
	if (!board) notFound()
	return { region: { id: region.id, name: region.name }, ...board }
}

function Board({ title, rows }: { title: string; rows: { key: number; name: string; employees: number; participants: number; rate: number; average: number | null }[] }) {
	return (
		<section aria-labelledby={`board-${title}`}>
			<h2 id={`board-${title}`}>{title}</h2>
			{rows.length === 0 ? (
				<p className="muted">暂无。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>名次</th>
								<th>名称</th>
								<th>参与率</th>
								<th>参加 / 在职</th>
								<th>平均最好成绩</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((r, i) => (
								<tr key={r.key}>
									<td>{i + 1}</td>
									<td>{r.name}</td>
									<td>{r.rate}%</td>
									<td>
										{r.participants} / {r.employees}
									</td>
									<td>{r.average ?? '—'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</section>
	)
}

export default function ContestBoard() {
	const { region, contest, totals, enterprises, places } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link> › <Link to={`/regions/${region.id}/contests`}>安全知识答卷</Link>
			</p>
			<h1>{contest.title}</h1>
			<p className="small muted">
				{contest.opensOn} 至 {contest.closesOn} · {region.name}：在职 {totals.employees} 人，参加 <strong data-testid="participants">{totals.participants}</strong> 人（{totals.rate}%）
			</p>
			<Board title="按下级区域" rows={places} />
			<Board title="按企业（前 100 名）" rows={enterprises} />
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.contest.title ?? '安全知识答卷'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
