import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { activateLearner } from '#app/auth/activation.server.ts'
import { loginHeaders } from '#app/auth/device.server.ts'
import { getPrincipal } from '#app/auth/guards.server.ts'
import { homePath } from '#app/auth/scope.ts'
import { ErrorMessage } from '#app/components/error-boundary.tsx'
import { Field, FormError } from '#app/components/forms.tsx'

const ActivateSchema = z.object({
	phone: z.string({ error: '请填写手机号' }).trim().min(1, '请填写手机号').max(32),
	name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(64),
	idTail: z.string({ error: '请填写身份证号后六位' }).trim().min(1, '请填写身份证号后六位').max(6, '只填最后六位'),
	password: z.string({ error: '请设置密码' }).min(1, '请设置密码').max(128),
	confirm: z.string({ error: '请再次输入密码' }).min(1, '请再次输入密码').max(128),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await getPrincipal(request)
	if (principal) throw redirect(homePath(principal))
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const submission = parseWithZod(await request.formData(), { schema: ActivateSchema })
	const hidden = { hideFields: ['password', 'confirm'] }
	if (submission.status !== 'success') return data({ result: submission.reply(hidden) }, { status: 400 })
	const result = await activateLearner(submission.value, { ip: context.clientIp || 'unknown', userAgent: request.headers.get('user-agent') })
	if (!result.ok) {
		const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, [v]]))
		return data({ result: submission.reply({ ...hidden, fieldErrors, formErrors: result.message ? [result.message] : [] }) }, { status: result.throttled ? 429 : 400 })
	}
	return redirect('/me', { headers: loginHeaders(request, result.setCookie) })
}

export default function Activate() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivateSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<section className="card" style={{ maxWidth: 460, margin: '24px auto' }}>
			<h1>开通学员账号</h1>
			<p className="muted small">适用于单位已把您登记在人员花名册中的从业人员。请填写单位登记的手机号、姓名和身份证号后六位，核对一致后设置密码，即可开始学习。</p>
			<Form method="post" className="stack" {...getFormProps(form)}>
				<FormError errors={form.errors} />
				<Field label="手机号" id={fields.phone.id} errors={fields.phone.errors} errorId={fields.phone.errorId}>
					<input {...getInputProps(fields.phone, { type: 'tel' })} autoComplete="tel" inputMode="numeric" autoFocus />
				</Field>
				<Field label="姓名" id={fields.name.id} errors={fields.name.errors} errorId={fields.name.errorId}>
					<input {...getInputProps(fields.name, { type: 'text' })} autoComplete="name" />
				</Field>
				<Field label="身份证号后六位" id={fields.idTail.id} errors={fields.idTail.errors} errorId={fields.idTail.errorId}>
					<input {...getInputProps(fields.idTail, { type: 'text' })} autoComplete="off" maxLength={6} />
				</Field>
				<Field label="设置密码（至少 8 位，含字母和数字）" id={fields.password.id} errors={fields.password.errors} errorId={fields.password.errorId}>
					<input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
				</Field>
				<Field label="再次输入密码" id={fields.confirm.id} errors={fields.confirm.errors} errorId={fields.confirm.errorId}>
					<input {...getInputProps(fields.confirm, { type: 'password' })} autoComplete="new-password" />
				</Field>
				<button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? '正在核对…' : '核对并开通'}
				</button>
				<p className="muted small">
					已开通？<Link to="/login">直接登录</Link>
				</p>
			</Form>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '开通学员账号 · 安训' }]

export function ErrorBoundary() {
	return <ErrorMessage />
}
