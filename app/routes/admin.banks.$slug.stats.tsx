import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { bankItemStatistics } from '#app/exams/import.server.ts'
import { ITEM_FLAG_LABELS, MIN_RESPONSES, TOO_EASY, TOO_HARD } from '#app/exams/item-stats.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const stats = await bankItemStatistics(params.slug ?? '')
	if (!stats) notFound('题库不存在')
	const items = stats.items.map((i) => ({ ...i, flagLabels: i.flags.map((f) => ITEM_FLAG_LABELS[f]) }))
	// Flagged items first, then the rest by question.
	items.sort((a, b) => b.flags.length - a.flags.length || a.questionId - b.questionId)
	return { title: stats.title, items }
}

export default function BankStats() {
	const { title, items } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb">
				<Link to="/admin/banks">题库</Link>
			</p>
			<h1>{title} · 试题分析</h1>
			<p className="small muted">
				难度系数 = 答对的比例；区分度 = 答对与否与其余题目得分的相关系数。答题满 {MIN_RESPONSES} 人次才标记：难度系数高于 {TOO_EASY} 为太容易，低于 {TOO_HARD} 为太难，区分度为负说明成绩好的人反而更容易答错，请检查答案和题干。
			</p>
			{items.length === 0 ? (
				<p className="muted">还没有考试用到这个题库的题目。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>题号</th>
								<th>题干</th>
								<th>答题人次</th>
								<th>难度系数</th>
								<th>区分度</th>
								<th>提示</th>
							</tr>
						</thead>
						<tbody>
							{items.map((i) => (
								<tr key={i.questionId}>
									<td>{i.key}</td>
									<td className="wrap">{i.stem}</td>
									<td>{i.responses}</td>
									<td>{i.facility}</td>
									<td>{i.discrimination ?? '—'}</td>
									<td>
										{i.flagLabels.map((f) => (
											<span key={f} className="badge warn">
												{f}
											</span>
										))}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '试题分析 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
