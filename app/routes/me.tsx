import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { jobCategoryName } from '#app/orgs/labels.ts'
import { getOwnRecord } from '#app/orgs/people.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const record = await getOwnRecord({ personId: principal.personId })
	if (!record) notFound()
	return { record }
}

export default function MyRecord() {
	const { record } = useLoaderData<typeof loader>()
	return (
		<>
			<h1>我的学习档案</h1>
			<section className="card">
				<h2>个人信息</h2>
				<dl className="facts">
					<dt>姓名</dt>
					<dd>{record.name}</dd>
					<dt>手机号</dt>
					<dd>{record.phone ?? '—'}</dd>
					<dt>身份证号</dt>
					<dd>{record.idNumber ?? '未登记'}</dd>
				</dl>
				<p className="muted small">完整身份证号只向您本人显示；企业管理员和监管人员看到的是遮挡后的号码。</p>
			</section>
			<section className="card">
				<h2>任职情况</h2>
				{record.jobs.length === 0 ? (
					<p className="muted">暂无任职记录。</p>
				) : (
					<ul className="plain">
						{record.jobs.map((job) => (
							<li key={job.employmentId}>
								<strong>{job.enterpriseName}</strong> · {jobCategoryName(job.jobCategory)}
								{job.workType ? `（${job.workType}）` : ''} · {job.department ?? '未填部门'}
								<div className="muted small">
									{job.hiredOn} 入职{job.leftOn ? `，${job.leftOn} 离职` : '，在职'}
								</div>
							</li>
						))}
					</ul>
				)}
			</section>
			<section className="card">
				<h2>培训与考试</h2>
				<p>
					<a className="button primary" href="/learn">
						去学习课程
					</a>
				</p>
				<p className="muted small">考试记录将在考试功能上线后在这里汇总。</p>
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '我的学习档案 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
