import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRegion } from '#app/auth/guards.server.ts'
import { parseClassForm } from '#app/classes/classes.ts'
import { createClass, listClasses } from '#app/classes/classes.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	return { region: { id: region.id, name: region.name }, today: todayInShanghai(), classes: await listClasses({ regionPath: region.path }) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const parsed = parseClassForm(await request.formData())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const id = await createClass({ userId: principal.userId }, { regionId: region.id, regionPath: region.path }, parsed.values, ledgerRules().minutesPerCreditHour)
	return redirect(`/regions/${region.id}/classes/${id}`)
}

export default function Classes() {
	const { region, today, classes } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	const err = (name: string) => <FieldError errors={errors} name={name} />
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>专题培训班</h1>
			<p className="small muted">面向领导干部的专题培训：日程（讲座、专家辅导、案例教学、警示教育片、交流研讨、结业考核）、学员名单、签到考勤、结业考核和培训班报告（一期一档）。</p>
			{classes.length === 0 ? (
				<p className="muted">还没有培训班。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>培训班</th>
								<th>主办单位</th>
								<th>日期</th>
								<th>学员</th>
								<th>日程</th>
							</tr>
						</thead>
						<tbody>
							{classes.map((c) => (
								<tr key={c.id}>
									<td>
										<Link to={`${c.id}`}>{c.title}</Link>
									</td>
									<td>{c.organiser}</td>
									<td>
										{c.startsOn} 至 {c.endsOn}
									</td>
									<td>{c.members}</td>
									<td>{c.sessions}</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<section className="card">
				<h2>新办培训班</h2>
				<Form method="post" className="stack">
					<div className="field">
						<label htmlFor="title">培训班名称</label>
						<input id="title" name="title" required maxLength={80} placeholder={`${today.slice(0, 4)}年领导干部安全生产专题培训班`} {...invalid('title')} />
						{err('title')}
					</div>
					<div className="field">
						<label htmlFor="organiser">主办单位</label>
						<input id="organiser" name="organiser" required maxLength={60} defaultValue={`${region.name}安全生产委员会办公室`} {...invalid('organiser')} />
						{err('organiser')}
					</div>
					<div className="field">
						<label htmlFor="venue">培训地点</label>
						<input id="venue" name="venue" required maxLength={80} {...invalid('venue')} />
						{err('venue')}
					</div>
					<div className="field">
						<label htmlFor="startsOn">开班日期</label>
						<input id="startsOn" name="startsOn" type="date" required defaultValue={today} {...invalid('startsOn')} />
						{err('startsOn')}
					</div>
					<div className="field">
						<label htmlFor="endsOn">结业日期</label>
						<input id="endsOn" name="endsOn" type="date" required defaultValue={today} {...invalid('endsOn')} />
						{err('endsOn')}
					</div>
					<div className="field">
						<label htmlFor="requiredHours">结业所需学时</label>
						<input id="requiredHours" name="requiredHours" inputMode="decimal" placeholder="留空：须修满全部学时" aria-describedby="requiredHours-hint" {...invalid('requiredHours')} />
						<p id="requiredHours-hint" className="small muted">
							现场环节签到、线上环节学完关联课程、参加结业考核，即记该环节学时；设有结业考核的，还须考核合格。
						</p>
						{err('requiredHours')}
					</div>
					<button type="submit" className="primary" disabled={busy}>
						创建
					</button>
				</Form>
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '专题培训班 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
