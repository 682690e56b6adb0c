import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { MyAssignments } from '#app/components/assignments.tsx'
import { ObligationList } from '#app/components/obligations.tsx'
import { assignmentsOfPerson } from '#app/coverage/assignments.server.ts'
import { hoursOwed } from '#app/coverage/obligations.ts'
import { obligationProgressOfPerson } from '#app/coverage/obligations.server.ts'
import { classesOfPerson } from '#app/classes/classes.server.ts'
import { hoursOf } from '#app/classes/classes.ts'
import { myContests } from '#app/contests/contests.server.ts'
import { myCertificates } from '#app/exams/certificates.server.ts'
import { hoursByKind } from '#app/learning/catalogue.server.ts'
import { creditHours } from '#app/learning/ledger.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { jobCategoryName } from '#app/orgs/labels.ts'
import { getOwnRecord } from '#app/orgs/people.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const record = await getOwnRecord({ personId: principal.personId })
	if (!record) notFound()
	const year = Number(todayInShanghai().slice(0, 4))
	const [owed, assigned, hours, certificates, contests, classes] = await Promise.all([
		obligationProgressOfPerson(principal.personId, year),
		assignmentsOfPerson(principal.personId, year),
		hoursByKind(principal.personId, year),
		myCertificates(principal.personId),
		myContests(principal.personId),
		classesOfPerson(principal.personId),
	])
	const rules = ledgerRules()
	return {
		record,
		year,
		obligations: owed.obligations,
		unallocatedHours: owed.unallocatedHours,
		assigned,
		contests: contests.map((c) => ({ id: c.id, title: c.title, best: c.best })),
		classes: classes.map((c) => ({ id: c.id, title: c.title, dates: `${c.startsOn} 至 ${c.endsOn}`, hours: `${hoursOf(c.credited, rules.minutesPerCreditHour)} / ${hoursOf(c.required, rules.minutesPerCreditHour)}`, completed: c.completed })),
		owed: hoursOwed(owed.obligations),
		earned: creditHours(hours.reduce((n, h) => n + h.seconds, 0), rules),
		certificates: certificates.map((c) => ({ number: c.number, title: c.title, expiresOn: c.expiresOn, revoked: Boolean(c.revokedAt) })),
	}
}

export default function MyRecord() {
	const { record, year, obligations, unallocatedHours, assigned, contests, classes, owed, earned, certificates } = useLoaderData<typeof loader>()
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
									{job.hiredOn} 入职{job.postedOn ? `，${job.postedOn} 上岗` : ''}{job.leftOn ? `，${job.leftOn} 离职` : '，在职'}
								</div>
							</li>
						))}
					</ul>
				)}
			</section>
			{classes.length ? (
				<section className="card">
					<h2>我的专题培训班</h2>
					<ul className="plain">
						{classes.map((c) => (
							<li key={c.id}>
								<Link to={`/classes/${c.id}`}>{c.title}</Link>{' '}
								<span className="small muted">
									{c.dates} · 学时 {c.hours} · {c.completed ? '已结业' : '未结业'}
								</span>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<ObligationList year={year} obligations={obligations} unallocatedHours={unallocatedHours} title={`${year}年应完成的安全培训（为什么我要学这些）`} />
			<MyAssignments items={assigned} />
			<section className="card">
				<h2>培训与考试</h2>
				<p>
					今年已获得 <strong data-testid="hours-earned">{earned}</strong> 学时
					{owed > 0 ? `，按上面的要求应不少于 ${owed} 学时` : ''}。
				</p>
				<div className="actions">
					<a className="button primary" href="/learn">
						去学习课程
					</a>
					<Link className="button secondary" to="/exams">
						我的考试
					</Link>
					<Link className="button secondary" to="/practice">
						练习与错题本
					</Link>
					<Link className="button secondary" to="/me/archive">
						我的培训档案（可打印）
					</Link>
				</div>
				{contests.length ? (
					<>
						<h3>安全知识答卷</h3>
						<ul className="plain">
							{contests.map((c) => (
								<li key={c.id}>
									{c.title} · 最好成绩 {c.best} 分 · <Link to={`/contests/${c.id}/certificate`}>参与证明</Link>
								</li>
							))}
						</ul>
					</>
				) : null}
				{certificates.length ? (
					<>
						<h3>培训合格证明</h3>
						<ul className="plain">
							{certificates.map((c) => (
								<li key={c.number}>
									<Link to={`/certificates/${c.number}`}>{c.title}</Link> <span className="small muted">{c.number} · 有效期至 {c.expiresOn}</span>
									{c.revoked ? <span className="badge risk">已撤销</span> : null}
								</li>
							))}
						</ul>
					</>
				) : null}
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '我的学习档案 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
