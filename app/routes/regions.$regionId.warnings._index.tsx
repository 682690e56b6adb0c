import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { percent } from '#app/coverage/report-view.ts'
import { ENTERPRISE_SIZES, INDUSTRIES } from '#app/orgs/industries.ts'
import { REGION_LEVEL_LABELS } from '#app/orgs/labels.ts'
import { regionOptions } from '#app/orgs/regions.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { checklistText } from '#app/warnings/checklist.ts'
import { parsePushForm } from '#app/warnings/push-form.ts'
import { caseChecklist, listPushes, publishPush, pushableCases } from '#app/warnings/pushes.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const chosen = new URL(request.url).searchParams.get('case')
	const [pushes, cases, places] = await Promise.all([listPushes({ regionPath: region.path }), pushableCases(), regionOptions([region.path])])
	const picked = cases.find((c) => c.slug === chosen) ?? null
	return {
		region: { id: region.id, name: region.name },
		today: todayInShanghai(),
		pushes: pushes.map((x) => ({ ...x, replyRate: percent(x.replied, x.enterprises), studyRate: percent(x.studied, x.people) })),
		cases: cases.map((c) => ({ slug: c.slug, title: c.shortName })),
		picked: picked ? { id: picked.id, slug: picked.slug, title: picked.shortName, checklist: checklistText(await caseChecklist(picked.slug)) } : null,
		places: places.map((p) => ({ id: p.id, name: `${'　'.repeat(Math.max(0, p.depth - (places[0]?.depth ?? 0)))}${p.name}（${REGION_LEVEL_LABELS[p.level] ?? p.level}）` })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const parsed = parsePushForm(await request.formData(), todayInShanghai())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const places = await regionOptions([region.path])
	const place = places.find((p) => p.id === parsed.values.regionId)
	if (!place) return data({ errors: { regionId: '推送范围不在您的辖区内' } as Record<string, string> }, { status: 400 })
	const { regionId: _regionId, ...values } = parsed.values
	const published = await publishPush({ userId: principal.userId }, { regionPath: region.path }, { ...values, regionPath: place.path })
	if (!published.ok) return data({ errors: { form: published.message } as Record<string, string> }, { status: 400 })
	return redirect(`/regions/${region.id}/warnings/${published.id}`)
}

export default function Warnings() {
	const { region, today, pushes, cases, picked, places } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	const fieldError = (name: string) => <FieldError errors={errors} name={name} />
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>警示教育推送</h1>
			<p className="small muted">把事故案例推送给辖区内某些行业的企业：企业组织人员学习案例，并逐项对照检视、提交回复。这里看回复率、学习率和查出的隐患。</p>
			{pushes.length === 0 ? (
				<p className="muted">还没有推送。</p>
			) : (
				<div className="table-wrap">
					<table>
						<thead>
							<tr>
								<th>推送</th>
								<th>案例</th>
								<th>期限</th>
								<th>企业</th>
								<th>回复率</th>
								<th>学习率</th>
							</tr>
						</thead>
						<tbody>
							{pushes.map((x) => (
								<tr key={x.id}>
									<td>
										<Link to={`${x.id}`}>{x.title}</Link>
									</td>
									<td>{x.caseTitle}</td>
									<td>{x.dueOn}</td>
									<td>{x.enterprises}</td>
									<td>
										{x.replyRate === null ? '—' : `${x.replyRate}%`}（{x.replied}/{x.enterprises}）
									</td>
									<td>
										{x.studyRate === null ? '—' : `${x.studyRate}%`}（{x.studied}/{x.people} 人）
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
			<section className="card">
				<h2>发布新的推送</h2>
				<Form method="get" className="filters">
					<div className="field">
						<label htmlFor="case">事故案例</label>
						<select id="case" name="case" defaultValue={picked?.slug ?? ''}>
							<option value="" disabled>
								请选择
							</option>
							{cases.map((c) => (
								<option key={c.slug} value={c.slug}>
									{c.title}
								</option>
							))}
						</select>
					</div>
					<button type="submit" className="secondary">
						选用这个案例
					</button>
				</Form>
				{picked ? (
					<Form method="post" className="stack">
						<input type="hidden" name="caseId" value={picked.id} />
						{fieldError('form')}
						{fieldError('caseId')}
						<div className="field">
							<label htmlFor="title">推送标题</label>
							<input id="title" name="title" required maxLength={60} defaultValue={`${picked.title}警示教育`} {...invalid('title')} />
							{fieldError('title')}
						</div>
						<div className="field">
							<label htmlFor="regionId">推送范围</label>
							<select id="regionId" name="regionId" defaultValue={places[0]?.id} {...invalid('regionId')}>
								{places.map((p) => (
									<option key={p.id} value={p.id}>
										{p.name}
									</option>
								))}
							</select>
							{fieldError('regionId')}
						</div>
						<fieldset className="field">
							<legend>行业（不选为全部）</legend>
							{INDUSTRIES.map((i) => (
								<label key={i.code}>
									<input type="checkbox" name="industries" value={i.code} /> {i.label}
								</label>
							))}
							{fieldError('industries')}
						</fieldset>
						<fieldset className="field">
							<legend>规模（不选为全部）</legend>
							{ENTERPRISE_SIZES.map((s) => (
								<label key={s.code}>
									<input type="checkbox" name="sizes" value={s.code} /> {s.label}
								</label>
							))}
							<label>
								<input type="checkbox" name="highRiskOnly" /> 只限高危行业企业
							</label>
							{fieldError('sizes')}
						</fieldset>
						<div className="field">
							<label htmlFor="dueOn">完成期限</label>
							<input id="dueOn" name="dueOn" type="date" required min={today} {...invalid('dueOn')} />
							{fieldError('dueOn')}
						</div>
						<div className="field">
							<label htmlFor="checklist">对照检视清单（每行一项：检查问题｜依据）</label>
							<textarea id="checklist" name="checklist" rows={8} defaultValue={picked.checklist} {...invalid('checklist')} />
							{fieldError('checklist')}
						</div>
						<div className="field">
							<label htmlFor="note">说明（选填，企业可见）</label>
							<textarea id="note" name="note" rows={2} maxLength={500} />
						</div>
						<button type="submit" className="primary" disabled={busy}>
							{busy ? '正在推送…' : '推送'}
						</button>
					</Form>
				) : (
					<p className="small muted">先选择一个事故案例，再填写推送范围和对照检视清单。</p>
				)}
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '警示教育推送 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
