import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { createStaffAccount, listAccounts, setAccountActive } from '#app/auth/accounts.server.ts'
import { requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { Field, FormError } from '#app/components/forms.tsx'
import { Pager } from '#app/components/pager.tsx'
import { checkPhone } from '#app/orgs/phone.ts'
import { regionOptions } from '#app/orgs/regions.server.ts'
import { pageParam } from '#app/utils/request.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

const AccountSchema = z
	.object({
		intent: z.literal('create'),
		username: z
			.string({ error: '请填写用户名' })
			.trim()
			.regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名为3–32位字母、数字或 _ . -，以字母开头'),
		displayName: z.string({ error: '请填写姓名或单位' }).trim().min(1).max(50, '不能超过50个字'),
		phone: z
			.string()
			.trim()
			.optional()
			.superRefine((v, ctx) => {
				if (v && !checkPhone(v).ok) ctx.addIssue({ code: 'custom', message: '手机号应为11位数字，以1开头' })
			}),
		password: z
			.string({ error: '请设置初始密码' })
			.min(8, '密码至少8位')
			.refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), '密码须同时包含字母和数字'),
		role: z.enum(['platform_admin', 'regulator', 'enterprise_admin'], { error: '请选择角色' }),
		regionId: z.coerce.number().int().positive().optional(),
		enterpriseId: z.coerce.number().int().positive().optional(),
	})
	.superRefine((v, ctx) => {
		if (v.role === 'regulator' && !v.regionId) ctx.addIssue({ code: 'custom', path: ['regionId'], message: '监管人员须选择所属区域' })
		if (v.role === 'enterprise_admin' && !v.enterpriseId)
			ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '企业管理员须填写企业编号' })
	})

const ToggleSchema = z.object({ intent: z.literal('toggle'), userId: z.coerce.number().int().positive(), active: z.enum(['0', '1']) })

export async function loader({ request }: LoaderFunctionArgs) {
	await requireRole(request, 'platform_admin')
	const [accounts, regions] = await Promise.all([listAccounts(pageParam(new URL(request.url))), regionOptions(null)])
	return { accounts, regions }
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRole(request, 'platform_admin')
	const formData = await request.formData()
	if (formData.get('intent') === 'toggle') {
		const parsed = ToggleSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) return data({ result: undefined, error: '请求有误' }, { status: 400 })
		const result = await setAccountActive(parsed.data.userId, parsed.data.active === '1', principal.userId)
		if (!result.ok) return data({ result: undefined, error: result.message }, { status: 400 })
		return redirectWithToast('/admin/accounts', { kind: 'success', message: parsed.data.active === '1' ? '账号已启用' : '账号已停用，其登录已全部退出' })
	}
	const submission = parseWithZod(formData, { schema: AccountSchema })
	if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), error: null }, { status: 400 })
	const { phone, ...rest } = submission.value
	const result = await createStaffAccount({ ...rest, phone: phone ? (checkPhone(phone) as { phone: string }).phone : undefined }, principal.userId)
	if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.fieldErrors, hideFields: ['password'] }), error: null }, { status: 400 })
	return redirectWithToast('/admin/accounts', { kind: 'success', message: `已创建账号 ${submission.value.username}` })
}

export default function Accounts() {
	const { accounts, regions } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		lastResult: actionData?.result,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSchema }),
		shouldRevalidate: 'onBlur',
	})
	return (
		<>
			<h1>账号管理</h1>
			{actionData?.error ? <FormError errors={[actionData.error]} /> : null}
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>用户名/手机号</th>
							<th>姓名</th>
							<th>角色</th>
							<th>状态</th>
							<th>操作</th>
						</tr>
					</thead>
					<tbody>
						{accounts.rows.map((a) => (
							<tr key={a.id}>
								<td>{a.username ?? a.phone}</td>
								<td>{a.displayName}</td>
								<td className="wrap">{a.grants}</td>
								<td>{a.active ? <span className="badge ok">启用</span> : <span className="badge">停用</span>}</td>
								<td>
									<Form method="post">
										<input type="hidden" name="intent" value="toggle" />
										<input type="hidden" name="userId" value={a.id} />
										<input type="hidden" name="active" value={a.active ? '0' : '1'} />
										<button type="submit" className="secondary">
											{a.active ? '停用' : '启用'}
										</button>
									</Form>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<Pager page={accounts.page} pageSize={accounts.pageSize} total={accounts.total} />
			<section className="card">
				<h2>新建工作人员账号</h2>
				<Form method="post" className="stack" {...getFormProps(form)}>
					<input type="hidden" name="intent" value="create" />
					<FormError errors={form.errors} />
					<Field label="用户名" id={fields.username.id} errors={fields.username.errors} errorId={fields.username.errorId}>
						<input {...getInputProps(fields.username, { type: 'text' })} autoComplete="off" />
					</Field>
					<Field label="姓名或单位" id={fields.displayName.id} errors={fields.displayName.errors} errorId={fields.displayName.errorId}>
						<input {...getInputProps(fields.displayName, { type: 'text' })} />
					</Field>
					<Field label="手机号（选填）" id={fields.phone.id} errors={fields.phone.errors} errorId={fields.phone.errorId}>
						<input {...getInputProps(fields.phone, { type: 'tel' })} />
					</Field>
					<Field label="初始密码" id={fields.password.id} errors={fields.password.errors} errorId={fields.password.errorId} hint="至少8位，含字母和数字">
						<input {...getInputProps(fields.password, { type: 'password' })} autoComplete="new-password" />
					</Field>
					<Field label="角色" id={fields.role.id} errors={fields.role.errors} errorId={fields.role.errorId}>
						<select {...getSelectProps(fields.role)}>
							<option value="">请选择</option>
							<option value="regulator">监管人员</option>
							<option value="enterprise_admin">企业管理员</option>
							<option value="platform_admin">平台管理员</option>
						</select>
					</Field>
					<Field label="所属区域（监管人员）" id={fields.regionId.id} errors={fields.regionId.errors} errorId={fields.regionId.errorId}>
						<select {...getSelectProps(fields.regionId)}>
							<option value="">—</option>
							{regions.map((r) => (
								<option key={r.id} value={r.id}>
									{'　'.repeat(r.depth - 1)}
									{r.name}
								</option>
							))}
						</select>
					</Field>
					<Field label="企业编号（企业管理员）" id={fields.enterpriseId.id} errors={fields.enterpriseId.errors} errorId={fields.enterpriseId.errorId} hint="企业页面地址中的数字">
						<input {...getInputProps(fields.enterpriseId, { type: 'number' })} />
					</Field>
					<button type="submit" className="primary">
						创建账号
					</button>
				</Form>
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '账号管理 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
