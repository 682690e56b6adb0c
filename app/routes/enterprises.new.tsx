import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { forbidden, requireUser } from '#app/auth/guards.server.ts'
import { canCreateEnterpriseIn, isPlatformAdmin, type Principal, regulatorGrants } from '#app/auth/scope.ts'
import { EnterpriseForm } from '#app/components/enterprise-form.tsx'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { EnterpriseFormSchema } from '#app/orgs/enterprise-form.ts'
import { createEnterprise } from '#app/orgs/enterprises.server.ts'
import { regionOptions } from '#app/orgs/regions.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

async function requireRegistrar(request: Request): Promise<Principal> {
	const principal = await requireUser(request)
	if (!isPlatformAdmin(principal) && regulatorGrants(principal).length === 0) forbidden('只有平台管理员和监管人员可以登记企业')
	return principal
}

function scopePaths(principal: Principal) {
	return isPlatformAdmin(principal) ? null : regulatorGrants(principal).map((g) => g.regionPath)
}

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRegistrar(request)
	const regionId = new URL(request.url).searchParams.get('regionId')
	return { regions: await regionOptions(scopePaths(principal)), regionId }
}

export async function action({ request }: ActionFunctionArgs) {
	const principal = await requireRegistrar(request)
	const submission = parseWithZod(await request.formData(), { schema: EnterpriseFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await createEnterprise(submission.value, {
		userId: principal.userId,
		allowedRegion: (path) => canCreateEnterpriseIn(principal, path),
	})
	if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 })
	return redirectWithToast(`/enterprises/${result.id}`, { kind: 'success', message: `已登记企业：${submission.value.name}` })
}

export default function NewEnterprise() {
	const { regions, regionId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<section className="card">
			<h1>登记企业</h1>
			<EnterpriseForm lastResult={actionData?.result} defaultValue={{ regionId }} regions={regions} submitLabel="登记" />
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '登记企业 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
