import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { forbidden, requireEnterprise } from '#app/auth/guards.server.ts'
import { canRecordAccident } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError, invalidProps } from '#app/components/forms.tsx'
import { listAccidents, recordFatalAccident } from '#app/orgs/accidents.server.ts'
import { parseAccidentForm } from '#app/orgs/accidents.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		accidents: await listAccidents({ enterpriseId: enterprise.id }),
		canRecord: canRecordAccident(principal, enterprise),
		today: todayInShanghai(),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	if (!canRecordAccident(principal, enterprise)) forbidden()
	const parsed = parseAccidentForm(await request.formData(), todayInShanghai())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const result = await recordFatalAccident({ enterpriseId: enterprise.id, actorUserId: principal.userId }, parsed.values)
	if (!result.ok) return data({ errors: { form: result.message } as Record<string, string> }, { status: 400 })
	return redirectWithToast(`/enterprises/${enterprise.id}/accidents`, { kind: 'success', message: '已登记；该单位当时的主要负责人和安全生产管理人员须重新参加安全培训' })
}

export default function Accidents() {
	const { enterprise, accidents, canRecord, today } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	const fieldError = (name: string) => <FieldError errors={errors} name={name} />
	const invalid = (name: string) => invalidProps(errors, name)
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>生产安全死亡事故记录</h1>
			<p className="small muted">
				单位发生造成人员死亡的生产安全事故后，其主要负责人和安全生产管理人员应当重新参加安全培训（《安全生产培训管理办法》）。登记后，事故当日在岗的上述人员会在年度培训要求中看到这一项，期限为六个月。
			</p>
			{accidents.length === 0 ? (
				<p className="muted">没有登记的死亡事故。</p>
			) : (
				<ul className="plain">
					{accidents.map((a) => (
						<li key={a.id} className="card">
							<strong>{a.occurredOn}</strong> · 死亡 {a.deaths} 人
							<div>{a.summary}</div>
						</li>
					))}
				</ul>
			)}
			{canRecord ? (
				<section className="card">
					<h2>登记死亡事故</h2>
					<Form method="post" className="stack">
						{fieldError('form')}
						<div className="field">
							<label htmlFor="occurredOn">事故发生日期</label>
							<input id="occurredOn" name="occurredOn" type="date" required max={today} {...invalid('occurredOn')} />
							{fieldError('occurredOn')}
						</div>
						<div className="field">
							<label htmlFor="deaths">死亡人数</label>
							<input id="deaths" name="deaths" type="number" min={1} required {...invalid('deaths')} />
							{fieldError('deaths')}
						</div>
						<div className="field">
							<label htmlFor="summary">事故简况</label>
							<textarea id="summary" name="summary" rows={3} required maxLength={300} {...invalid('summary')} />
							{fieldError('summary')}
						</div>
						<button type="submit" className="primary" disabled={busy}>
							登记
						</button>
					</Form>
				</section>
			) : null}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '死亡事故记录 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
