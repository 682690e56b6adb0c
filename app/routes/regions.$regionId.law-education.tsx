import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { assignableTargets } from '#app/coverage/assignments.server.ts'
import { parseLawEducationForm } from '#app/coverage/law-education.ts'
import { listLawEducation, orderLawEducation } from '#app/coverage/law-education.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const today = todayInShanghai()
	const [orders, targets] = await Promise.all([listLawEducation({ regionPath: region.path }, Number(today.slice(0, 4))), assignableTargets({ issuer: 'regulator', regionPath: region.path })])
	return { region: { id: region.id, name: region.name }, today, orders, targets }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const parsed = parseLawEducationForm(await request.formData(), todayInShanghai())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const ordered = await orderLawEducation({ userId: principal.userId }, { regionPath: region.path }, parsed.values)
	if (!ordered.ok) return data({ errors: ordered.errors }, { status: 400 })
	return redirect(`/regions/${region.id}/law-education`)
}

export default function LawEducation() {
	const { region, today, orders, targets } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	const err = (name: string) => <FieldError errors={errors} name={name} />
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>责任人员法律法规教育</h1>
			<p className="small muted">执法检查发现安全生产责任落实不到位的人员，可责令其在期限内学习法律法规课程并参加考试。本人在“我的学习档案”和培训档案中看到原因和要求，这里看完成情况。</p>
			{orders.length === 0 ? (
				<p className="muted">今年还没有责令学习的记录。</p>
			) : (
				<ul className="plain">
					{orders.map((o) => (
						<li key={o.groupKey} className="card" aria-label={o.title}>
							<p>
								<strong>{o.title}</strong> · 期限 {o.dueOn} · 已完成 <strong>{o.completed}</strong> / {o.total} 人
							</p>
							<p className="small muted">原因：{o.reason}</p>
							<div className="table-wrap">
								<table>
									<thead>
										<tr>
											<th>姓名</th>
											{o.items.map((item) => (
												<th key={item}>{item}</th>
											))}
										</tr>
									</thead>
									<tbody>
										{o.people.map((p, i) => (
											<tr key={`${p.name}-${i}`}>
												<td>{p.name}</td>
												{p.done.map((d, j) => (
													<td key={j}>{d ? '已完成' : '未完成'}</td>
												))}
											</tr>
										))}
									</tbody>
								</table>
							</div>
						</li>
					))}
				</ul>
			)}
			<section className="card">
				<h2>责令学习</h2>
				<Form method="post" className="stack">
					<div className="field">
						<label htmlFor="title">名称</label>
						<input id="title" name="title" required maxLength={60} defaultValue="安全生产法律法规专题学习" {...invalid('title')} />
						{err('title')}
					</div>
					<div className="field">
						<label htmlFor="reason">原因（执法检查发现的问题，本人可见）</label>
						<textarea id="reason" name="reason" rows={2} required maxLength={300} {...invalid('reason')} />
						{err('reason')}
					</div>
					<div className="field">
						<label htmlFor="courseId">学习课程</label>
						<select id="courseId" name="courseId" required {...invalid('courseId')}>
							{targets.courses.map((c) => (
								<option key={c.id} value={c.id}>
									{c.title}
								</option>
							))}
						</select>
						{err('courseId')}
					</div>
					<div className="field">
						<label htmlFor="examId">考试（可选）</label>
						<select id="examId" name="examId" defaultValue="" {...invalid('examId')}>
							<option value="">不考试</option>
							{targets.exams.map((e) => (
								<option key={e.id} value={e.id}>
									{e.title}
								</option>
							))}
						</select>
						{err('examId')}
					</div>
					<div className="field">
						<label htmlFor="dueOn">完成期限</label>
						<input id="dueOn" name="dueOn" type="date" required min={today} {...invalid('dueOn')} />
						{err('dueOn')}
					</div>
					<div className="field">
						<label htmlFor="people">人员（每行一个手机号或身份证号）</label>
						<textarea id="people" name="people" rows={4} required {...invalid('people')} />
						{err('people')}
					</div>
					<button type="submit" className="primary" disabled={busy}>
						责令学习
					</button>
				</Form>
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '责任人员法律法规教育 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
