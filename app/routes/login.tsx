import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { getPrincipal } from '#app/auth/guards.server.ts'
import { loginHeaders } from '#app/auth/device.server.ts'
import { login } from '#app/auth/login.server.ts'
import { homePath, safeRedirect } from '#app/auth/scope.ts'
import { Field, FormError } from '#app/components/forms.tsx'
import { ErrorMessage } from '#app/components/error-boundary.tsx'

const LoginSchema = z.object({
	identifier: z.string({ error: '请填写手机号或用户名' }).trim().min(1, '请填写手机号或用户名').max(64),
	password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(128),
	redirectTo: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await getPrincipal(request)
	if (principal) throw redirect(homePath(principal))
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const result = await login({
		identifier: submission.value.identifier,
		password: submission.value.password,
		ip: context.clientIp || 'unknown',
		userAgent: request.headers.get('user-agent'),
	})
	if (!result.ok) {
		return data(
			{ result: submission.reply({ formErrors: [result.message], hideFields: ['password'] }) },
			{ status: result.throttled ? 429 : 400 },
		)
	}
	return redirect(safeRedirect(submission.value.redirectTo, '/'), { headers: loginHeaders(request, result.setCookie) })
}

export default function Login() {
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<section className="card" style={{ maxWidth: 420, margin: '24px auto' }}>
			<h1>登录安训</h1>
			<Form method="post" className="stack" {...getFormProps(form)}>
				<FormError errors={form.errors} />
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Field label="手机号或用户名" id={fields.identifier.id} errors={fields.identifier.errors} errorId={fields.identifier.errorId}>
					<input {...getInputProps(fields.identifier, { type: 'text' })} autoComplete="username" autoFocus />
				</Field>
				<Field label="密码" id={fields.password.id} errors={fields.password.errors} errorId={fields.password.errorId}>
					<input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
				</Field>
				<button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
					{navigation.state === 'submitting' ? '正在登录…' : '登录'}
				</button>
				<p className="muted small">学员账号每次只能在一处登录；在新设备登录后，其他设备会自动退出。</p>
				<p className="small">
					单位已登记、还没有账号？<Link to="/activate">开通学员账号</Link>
				</p>
			</Form>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '登录 · 安训' }]

export function ErrorBoundary() {
	return <ErrorMessage />
}
