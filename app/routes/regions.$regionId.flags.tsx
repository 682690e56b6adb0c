import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { parseId, requireRegion } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { describeEvidence, FLAG_LABELS } from '#app/coverage/integrity.ts'
import { detectFlags, listFlags, reviewFlag } from '#app/coverage/integrity.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const show = new URL(request.url).searchParams.get('show') === 'all' ? 'all' : 'open'
	const flags = await listFlags({ regionPath: region.path }, show)
	return {
		region: { id: region.id, name: region.name },
		show,
		flags: flags.map(({ evidence, personIds: _personIds, ...f }) => ({
			...f,
			evidence: describeEvidence(f.kind, evidence),
			label: FLAG_LABELS[f.kind] ?? f.kind,
			detectedAt: formatDateTime(f.detectedAt),
			reviewedAt: f.reviewedAt ? formatDateTime(f.reviewedAt) : null,
		})),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const form = await request.formData()
	if (form.get('intent') === 'detect') {
		await detectFlags(Number(todayInShanghai().slice(0, 4)))
		return redirect(`/regions/${region.id}/flags`)
	}
	const result = await reviewFlag({ regionPath: region.path }, { userId: principal.userId }, { flagId: parseId(String(form.get('flagId') ?? '')), note: String(form.get('note') ?? '') })
	if (!result.ok) return data({ error: result.message, flagId: Number(form.get('flagId')) }, { status: 400 })
	return redirect(`/regions/${region.id}/flags`)
}

export default function Flags() {
	const { region, show, flags } = useLoaderData<typeof loader>()
	const failed = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>疑似“走过场”提示</h1>
			<p className="small muted">根据学时台账和考试记录自动发现的异常，每条附有依据，供核查参考，不等于违规结论。</p>
			<div className="actions">
				<Form method="post">
					<button type="submit" name="intent" value="detect" className="secondary" disabled={busy}>
						重新检测
					</button>
				</Form>
				{show === 'open' ? <Link to="?show=all">显示已核查的</Link> : <Link to=".">只看待核查的</Link>}
			</div>
			{flags.length === 0 ? (
				<p className="muted">没有{show === 'open' ? '待核查的' : ''}提示。</p>
			) : (
				<ul className="plain">
					{flags.map((f) => (
						<li key={f.id} className="card flag">
							<p>
								<span className="badge warn">{f.label}</span> <Link to={`/enterprises/${f.enterpriseId}`}>{f.enterpriseName}</Link>
							</p>
							<p>{f.summary}</p>
							<p className="small">
								涉及人员（点姓名看其培训档案）：
								{f.people.map((p, i) => (
									<span key={p.id}>
										{i > 0 ? '、' : ''}
										{p.employmentId ? <Link to={`/enterprises/${f.enterpriseId}/people/${p.employmentId}/archive`}>{p.name}</Link> : p.name}
									</span>
								))}
							</p>
							<details className="small" open>
								<summary>依据</summary>
								<ul>
									{f.evidence.lines.map((line) => (
										<li key={line}>{line}</li>
									))}
								</ul>
							</details>
							<p className="small muted">发现于 {f.detectedAt}</p>
							{f.status === 'reviewed' ? (
								<p className="small">
									已核查（{f.reviewedAt}）：{f.reviewNote}
								</p>
							) : (
								<Form method="post" className="stack">
									<input type="hidden" name="flagId" value={f.id} />
									<div className="field">
										<label htmlFor={`note-${f.id}`}>核查意见</label>
										<input id={`note-${f.id}`} name="note" required />
										{failed?.flagId === f.id ? <div className="error" role="alert">{failed.error}</div> : null}
									</div>
									<button type="submit" className="primary" disabled={busy}>
										标记为已核查
									</button>
								</Form>
							)}
						</li>
					))}
				</ul>
			)}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '走过场提示 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
