import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { Field, FormError } from '#app/components/forms.tsx'
import { retentionOverview, setRetentionPolicy } from '#app/coverage/retention.server.ts'
import { recordTypeOf, RetentionPolicySchema, ruleText } from '#app/coverage/retention.ts'
import { formatDateTime } from '#app/utils/time.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const policies = await retentionOverview()
	return {
		policies: policies.map((p) => ({
			code: p.code,
			label: p.label,
			perPerson: p.perPerson,
			inForce: p.inForce,
			inForceText: ruleText(p.inForce),
			defaultText: ruleText(p.default),
			source: p.default.source,
			shorter: p.shorter,
			set: p.set && { by: p.set.by ?? '（账号已不存在）', at: formatDateTime(p.set.at), note: p.set.note },
		})),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	const formData = await request.formData()
	const recordType = String(formData.get('recordType') ?? '')
	const submission = parseWithZod(formData, { schema: RetentionPolicySchema })
	if (submission.status !== 'success') return data({ recordType, result: submission.reply() }, { status: 400 })
	const result = await setRetentionPolicy({ userId: principal.userId }, submission.value)
	if (!result.ok) {
		const reply = result.field ? submission.reply({ fieldErrors: { [result.field]: [result.message] } }) : submission.reply({ formErrors: [result.message] })
		return data({ recordType, result: reply }, { status: 400 })
	}
	return redirectWithToast('/admin/retention', { kind: 'success', message: `已变更「${recordTypeOf(submission.value.recordType).label}」的保存期限，变更已记入审计日志` })
}

export default function RetentionPage() {
	const { policies } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<>
			<h1>档案保存期限</h1>
			<p className="small muted">
				安全生产教育和培训档案按记录类型规定至少保存的期限。默认值及其依据见下表（《煤矿安全培训规定》令第92号：主要负责人、安全生产管理人员和其他从业人员至少 3 年，特种作业人员至少 6
				年；非煤行业无全国统一期限，建议在职期间持续保存、离职后至少 3 年）。平台从不删除记录，此处的期限写入一人一档、一企一档及其导出文件；每次变更连同理由记入审计日志。
			</p>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>记录类型</th>
							<th>默认及依据</th>
							<th>现行</th>
							<th>设置人</th>
							<th>设置时间</th>
						</tr>
					</thead>
					<tbody>
						{policies.map((p) => (
							<tr key={p.code}>
								<td>{p.label}</td>
								<td className="wrap">
									{p.defaultText}
									<div className="small muted">{p.source}</div>
								</td>
								<td className="wrap">
									{p.inForceText}
									{p.set ? null : '（默认）'}
									{p.shorter ? <div className="small">注意：短于默认期限</div> : null}
									{p.set ? <div className="small muted">理由：{p.set.note}</div> : null}
								</td>
								<td>{p.set?.by ?? '—'}</td>
								<td>{p.set?.at ?? '—'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h2>变更保存期限</h2>
			{policies.map((p) => (
				// Keyed by the period in force, so a saved change refills the form with it.
				<PolicyForm key={`${p.code}-${p.inForceText}`} policy={p} lastResult={actionData?.recordType === p.code ? actionData.result : undefined} />
			))}
		</>
	)
}

type Policy = ReturnType<typeof useLoaderData<typeof loader>>['policies'][number]

function PolicyForm({ policy, lastResult }: { policy: Policy; lastResult: SubmissionResult<string[]> | undefined }) {
	const [form, fields] = useForm({
		id: `retention-${policy.code}`,
		lastResult,
		defaultValue: { yearsAfterRecord: String(policy.inForce.yearsAfterRecord), yearsAfterLeaving: policy.inForce.yearsAfterLeaving === null ? undefined : String(policy.inForce.yearsAfterLeaving) },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RetentionPolicySchema }),
		// Errors clear as the field is corrected, so the button does not move under the pointer on blur.
		shouldRevalidate: 'onInput',
	})
	return (
		<section className="card" aria-labelledby={`${form.id}-heading`}>
			<h3 id={`${form.id}-heading`}>{policy.label}</h3>
			<p className="small muted">现行：{policy.inForceText}</p>
			<Form method="post" className="stack" {...getFormProps(form)}>
				<input type="hidden" name="recordType" value={policy.code} />
				<FormError errors={form.errors} />
				<Field label="形成后保存年限（年）" id={fields.yearsAfterRecord.id} errors={fields.yearsAfterRecord.errors} errorId={fields.yearsAfterRecord.errorId} hint="1–100 的整数，自记录形成之日起算">
					<input {...getInputProps(fields.yearsAfterRecord, { type: 'number' })} min={1} max={100} step={1} inputMode="numeric" />
				</Field>
				{policy.perPerson ? (
					<Field label="离职后保存年限（年）" id={fields.yearsAfterLeaving.id} errors={fields.yearsAfterLeaving.errors} errorId={fields.yearsAfterLeaving.errorId} hint="在职期间持续保存；1–100 的整数，自离职之日起算">
						<input {...getInputProps(fields.yearsAfterLeaving, { type: 'number' })} min={1} max={100} step={1} inputMode="numeric" />
					</Field>
				) : null}
				<Field label="变更理由" id={fields.note.id} errors={fields.note.errors} errorId={fields.note.errorId} hint="至少 4 个字，记入审计日志">
					<input {...getInputProps(fields.note, { type: 'text' })} />
				</Field>
				<button type="submit" className="secondary">
					保存变更
				</button>
			</Form>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '档案保存期限 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
