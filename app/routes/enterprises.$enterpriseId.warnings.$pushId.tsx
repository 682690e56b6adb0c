import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { canWriteEnterpriseRecords } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { FieldError } from '#app/components/forms.tsx'
import { splitDepartments } from '#app/coverage/assignments.ts'
import { isJobCategory, JOB_CATEGORIES } from '#app/orgs/industries.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { formatDateTime, todayInShanghai } from '#app/utils/time.ts'
import { parseReply, REPLY_ANSWERS } from '#app/warnings/checklist.ts'
import { assignPush, enterprisePush, saveReply, startCorrection } from '#app/warnings/pushes.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	const push = await enterprisePush({ enterpriseId: enterprise.id }, parseId(params.pushId))
	if (!push) notFound()
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		manages: canWriteEnterpriseRecords(principal, enterprise),
		push: { ...push, versions: push.versions.map((v) => ({ ...v, savedAt: formatDateTime(v.savedAt), submittedAt: v.submittedAt ? formatDateTime(v.submittedAt) : null })) },
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const pushId = parseId(params.pushId)
	const scope = { enterpriseId: enterprise.id, regionPath: enterprise.regionPath }
	const actor = { userId: principal.userId }
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	const back = `/enterprises/${enterprise.id}/warnings/${pushId}`
	if (intent === 'assign') {
		const jobCategories = form.getAll('jobCategories').map(String)
		if (jobCategories.some((j) => !isJobCategory(j))) return data({ errors: { assign: '岗位类别选择不正确' } as Record<string, string> }, { status: 400 })
		const result = await assignPush(actor, scope, pushId, { departments: splitDepartments(String(form.get('departments') ?? '')), jobCategories }, todayInShanghai())
		if (!result.ok) return data({ errors: { assign: result.message } as Record<string, string> }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: '已布置学习，人员会在“我的学习档案”中看到' })
	}
	if (intent === 'correct') {
		const result = await startCorrection(actor, scope, pushId, String(form.get('reason') ?? ''))
		if (!result.ok) return data({ errors: { correct: result.message } as Record<string, string> }, { status: 400 })
		return redirectWithToast(back, { kind: 'success', message: `已生成第 ${result.version} 版回复草稿，修改后提交` })
	}
	const push = await enterprisePush(scope, pushId)
	if (!push) notFound()
	const mode = intent === 'submit' ? 'submit' : 'draft'
	const { items, errors } = parseReply(form, push.checklist, mode)
	if (Object.keys(errors).length > 0) return data({ errors }, { status: 400 })
	const result = await saveReply(actor, scope, pushId, items, mode)
	if (!result.ok) return data({ errors: { reply: result.message } as Record<string, string> }, { status: 400 })
	return redirectWithToast(back, { kind: 'success', message: mode === 'submit' ? '对照检视回复已提交' : '草稿已保存' })
}

export default function EnterpriseWarning() {
	const { enterprise, manages, push } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	const latest = push.versions[0]
	const editable = manages && (!latest || latest.status === 'draft')
	const err = (name: string) => <FieldError errors={errors} name={name} />
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>警示教育：{push.title}</h1>
			<p>
				案例：
				<a href={`/learn/${push.courseSlug}/${push.lessonSlug}`}>{push.caseTitle}</a> · 期限：{push.dueOn}
			</p>
			{push.note ? <p className="small">{push.note}</p> : null}

			<section className="card" aria-labelledby="study-title">
				<h2 id="study-title">组织学习</h2>
				{push.assigned ? (
					<p>
						已布置：<strong data-testid="studied">{push.studied}</strong> / {push.people} 人学完案例课。
					</p>
				) : manages ? (
					<Form method="post" className="stack">
						<input type="hidden" name="intent" value="assign" />
						{err('assign')}
						<div className="field">
							<label htmlFor="departments">部门（可选，多个用顿号分隔；不填为全体人员）</label>
							<input id="departments" name="departments" />
						</div>
						<fieldset className="field">
							<legend>岗位类别（不选为全部）</legend>
							{JOB_CATEGORIES.map((j) => (
								<label key={j.code}>
									<input type="checkbox" name="jobCategories" value={j.code} /> {j.label}
								</label>
							))}
						</fieldset>
						<button type="submit" className="primary" disabled={busy}>
							布置学习
						</button>
					</Form>
				) : (
					<p className="muted">企业尚未布置学习。</p>
				)}
			</section>

			<section className="card" aria-labelledby="reply-title">
				<h2 id="reply-title">对照检视回复</h2>
				{err('reply')}
				{editable ? (
					<Form method="post" className="stack">
						{latest?.reason ? <p className="small">更正原因：{latest.reason}</p> : null}
						{push.checklist.map((item, n) => {
							const saved = latest?.items.find((i) => i.itemId === item.id)
							return (
								<fieldset key={item.id} className="field" aria-describedby={errors?.[item.id] ? `${item.id}-error` : undefined}>
									<legend>
										{n + 1}. {item.text} <span className="small muted">{item.basis}</span>
									</legend>
									<div className="actions">
										{REPLY_ANSWERS.map((a) => (
											<label key={a}>
												<input type="radio" name={`${item.id}.answer`} value={a} defaultChecked={saved?.answer === a} /> {a}
											</label>
										))}
									</div>
									<label>
										发现的问题
										<input name={`${item.id}.finding`} defaultValue={saved?.finding ?? ''} maxLength={500} />
									</label>
									<label>
										整改措施
										<input name={`${item.id}.measure`} defaultValue={saved?.measure ?? ''} maxLength={500} />
									</label>
									<label>
										责任人
										<input name={`${item.id}.responsible`} defaultValue={saved?.responsible ?? ''} maxLength={40} />
									</label>
									<label>
										整改期限
										<input type="date" name={`${item.id}.dueOn`} defaultValue={saved?.dueOn ?? ''} />
									</label>
									{err(item.id)}
								</fieldset>
							)
						})}
						<div className="actions">
							<button type="submit" name="intent" value="draft" className="secondary" disabled={busy}>
								保存草稿
							</button>
							<button type="submit" name="intent" value="submit" className="primary" disabled={busy}>
								提交回复
							</button>
						</div>
						<p className="small muted">提交后不能修改；如需更正，会生成新版本，原版本保留。</p>
					</Form>
				) : latest ? null : (
					<p className="muted">尚未回复。</p>
				)}
				{push.versions
					.filter((v) => v.status === 'submitted')
					.map((v) => (
						<details key={v.version} open={v === latest}>
							<summary>
								第 {v.version} 版 · {v.submittedAt} 提交{v.reason ? ` · 更正原因：${v.reason}` : ''}
							</summary>
							<ol>
								{push.checklist.map((item) => {
									const a = v.items.find((i) => i.itemId === item.id)
									return (
										<li key={item.id}>
											{item.text}：<strong>{a?.answer ?? '—'}</strong>
											{a?.answer === '不符合' ? `（${a.finding}；整改：${a.measure}，${a.responsible}，${a.dueOn}前）` : ''}
										</li>
									)
								})}
							</ol>
						</details>
					))}
				{manages && latest?.status === 'submitted' ? (
					<Form method="post" className="stack">
						<input type="hidden" name="intent" value="correct" />
						{err('correct')}
						<div className="field">
							<label htmlFor="reason">更正原因</label>
							<input id="reason" name="reason" required maxLength={200} />
						</div>
						<button type="submit" className="secondary" disabled={busy}>
							更正回复（生成新版本）
						</button>
					</Form>
				) : null}
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '警示教育 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
