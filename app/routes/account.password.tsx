import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { z } from 'zod'
import { getSession, requireUser } from '#app/auth/guards.server.ts'
import { changePassword } from '#app/auth/login.server.ts'
import { Field, FormError } from '#app/components/forms.tsx'
import { ErrorMessage } from '#app/components/error-boundary.tsx'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const PasswordSchema = z
	.object({
		currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码'),
		newPassword: z
			.string({ error: '请填写新密码' })
			.min(8, '密码至少8位')
			.max(128, '密码不能超过128位')
			.refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '密码须同时包含字母和数字'),
		confirmPassword: z.string({ error: '请再次填写新密码' }),
	})
	.refine((v) => v.newPassword === v.confirmPassword, { message: '两次填写的新密码不一致', path: ['confirmPassword'] })

const HIDDEN = ['currentPassword', 'newPassword', 'confirmPassword']

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireUser(request)
	const session = await getSession(request)
	const submission = parseWithZod(await request.formData(), { schema: PasswordSchema })
	if (submission.status !== 'success' || !session) {
		return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })
	}
	const result = await changePassword({
		userId: principal.userId,
		currentSessionId: session.validated.session.id,
		currentPassword: submission.value.currentPassword,
		newPassword: submission.value.newPassword,
	})
	if (!result.ok) {
		return data(
			{ result: submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields: HIDDEN }) },
			{ status: 400 },
		)
	}
	return redirectWithToast('/', { kind: 'success', message: '密码已修改，其他设备上的登录已全部退出' })
}

export default function ChangePassword() {
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<section className="card">
			<h1>修改密码</h1>
			<Form method="post" className="stack" {...getFormProps(form)}>
				<FormError errors={form.errors} />
				<Field label="当前密码" id={fields.currentPassword.id} errors={fields.currentPassword.errors} errorId={fields.currentPassword.errorId}>
					<input {...getInputProps(fields.currentPassword, { type: 'password' })} autoComplete="current-password" />
				</Field>
				<Field label="新密码" id={fields.newPassword.id} errors={fields.newPassword.errors} errorId={fields.newPassword.errorId} hint="至少8位，须同时包含字母和数字">
					<input {...getInputProps(fields.newPassword, { type: 'password' })} autoComplete="new-password" />
				</Field>
				<Field label="再次填写新密码" id={fields.confirmPassword.id} errors={fields.confirmPassword.errors} errorId={fields.confirmPassword.errorId}>
					<input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
				</Field>
				<button type="submit" className="primary">
					修改密码
				</button>
				<p className="muted small">修改后，您在其他设备上的登录会全部退出。</p>
			</Form>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '修改密码 · 安训' }]

export function ErrorBoundary() {
	return <ErrorMessage />
}
