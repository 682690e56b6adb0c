import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { canWriteEnterpriseRecords } from '#app/auth/scope.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { Field, FormError } from '#app/components/forms.tsx'
import { EVENT_LABELS, jobCategoryName, maskPhone } from '#app/orgs/labels.ts'
import { getEmployment } from '#app/orgs/people.server.ts'
import { markLeaver } from '#app/orgs/roster.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const LeaverSchema = z.object({
	leftOn: z.string({ error: '请填写离职日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
	reason: z.string({ error: '请填写离职原因' }).trim().min(1, '请填写离职原因').max(200, '离职原因不能超过200个字'),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId)
	const employment = await getEmployment({ enterpriseId: enterprise.id }, parseId(params.employmentId))
	if (!employment) notFound()
	const manages = canWriteEnterpriseRecords(principal, enterprise)
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		employment: { ...employment, phone: manages ? employment.phone : maskPhone(employment.phone) },
		manages,
		today: todayInShanghai(),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const employmentId = parseId(params.employmentId)
	const submission = parseWithZod(await request.formData(), { schema: LeaverSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await markLeaver({
		enterpriseId: enterprise.id,
		employmentId,
		leftOn: submission.value.leftOn,
		reason: submission.value.reason,
		actorUserId: principal.userId,
	})
	if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
	return redirectWithToast(`/enterprises/${enterprise.id}/people/${employmentId}`, { kind: 'success', message: '已登记离职' })
}

export default function EmploymentPage() {
	const { enterprise, employment, manages, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		lastResult: actionData?.result,
		defaultValue: { leftOn: today },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LeaverSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link> ›{' '}
				<Link to={`/enterprises/${enterprise.id}/people`}>人员花名册</Link>
			</p>
			<h1>{employment.name}</h1>
			<section className="card">
				<dl className="facts">
					<dt>手机号</dt>
					<dd>{employment.phone ?? '—'}</dd>
					<dt>身份证号</dt>
					<dd>{employment.idNumberMasked ?? '未登记'}</dd>
					<dt>岗位类别</dt>
					<dd>{jobCategoryName(employment.jobCategory)}</dd>
					<dt>工种</dt>
					<dd>{employment.workType ?? '—'}</dd>
					<dt>部门</dt>
					<dd>{employment.department ?? '—'}</dd>
					<dt>入职日期</dt>
					<dd>{employment.hiredOn}</dd>
					<dt>状态</dt>
					<dd>{employment.leftOn ? `已于 ${employment.leftOn} 离职` : '在职'}</dd>
				</dl>
			</section>
			<section className="card">
				<h2>任职变动记录</h2>
				<ul className="plain">
					{employment.events.map((e) => (
						<li key={e.id}>
							<strong>{EVENT_LABELS[e.kind] ?? e.kind}</strong> · {e.effectiveOn}
							{e.endsOn ? ` 至 ${e.endsOn}` : ''}
							{e.kind === 'job_change'
								? `：${jobCategoryName(e.fromJobCategory)}${e.fromWorkType ? `（${e.fromWorkType}）` : ''} → ${jobCategoryName(e.toJobCategory)}${e.toWorkType ? `（${e.toWorkType}）` : ''}`
								: ''}
							{e.note ? <div className="muted small">{e.note}</div> : null}
						</li>
					))}
				</ul>
			</section>
			{manages && !employment.leftOn ? (
				<section className="card">
					<h2>登记离职</h2>
					<Form method="post" className="stack" {...getFormProps(form)}>
						<FormError errors={form.errors} />
						<Field label="离职日期" id={fields.leftOn.id} errors={fields.leftOn.errors} errorId={fields.leftOn.errorId}>
							<input {...getInputProps(fields.leftOn, { type: 'date' })} max={today} />
						</Field>
						<Field label="离职原因" id={fields.reason.id} errors={fields.reason.errors} errorId={fields.reason.errorId}>
							<input {...getInputProps(fields.reason, { type: 'text' })} />
						</Field>
						<button type="submit" className="primary">
							登记离职
						</button>
						<p className="muted small">离职记录不可删除；培训档案按保存期限继续保留。</p>
					</Form>
				</section>
			) : null}
		</>
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.employment.name ?? '人员'} · 安训` }]

export const ErrorBoundary = RouteErrorBoundary
