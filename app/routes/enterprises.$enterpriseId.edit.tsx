import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { notFound, requireEnterprise } from '#app/auth/guards.server.ts'
import { canCreateEnterpriseIn, isPlatformAdmin, regulatorGrants } from '#app/auth/scope.ts'
import { EnterpriseForm } from '#app/components/enterprise-form.tsx'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { EnterpriseFormSchema } from '#app/orgs/enterprise-form.ts'
import { getEnterpriseProfile, updateEnterprise } from '#app/orgs/enterprises.server.ts'
import { regionOptions } from '#app/orgs/regions.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'profile')
	const [profile, regions] = await Promise.all([
		getEnterpriseProfile(enterprise.id),
		regionOptions(isPlatformAdmin(principal) ? null : regulatorGrants(principal).map((g) => g.regionPath)),
	])
	if (!profile) notFound()
	return { profile, regions }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'profile')
	const submission = parseWithZod(await request.formData(), { schema: EnterpriseFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await updateEnterprise(enterprise.id, submission.value, {
		userId: principal.userId,
		allowedRegion: (path) => canCreateEnterpriseIn(principal, path),
	})
	if (!result.ok) return data({ result: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 400 })
	return redirectWithToast(`/enterprises/${enterprise.id}`, { kind: 'success', message: '企业信息已保存' })
}

export default function EditEnterprise() {
	const { profile, regions } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<section className="card">
			<h1>编辑企业信息</h1>
			<EnterpriseForm
				lastResult={actionData?.result}
				defaultValue={{
					name: profile.name,
					creditCode: profile.creditCode,
					regionId: profile.regionId,
					industry: profile.industry,
					size: profile.size,
					address: profile.address,
					contactName: profile.contactName,
					contactPhone: profile.contactPhone,
				}}
				regions={regions}
				submitLabel="保存"
			/>
		</section>
	)
}

export const meta: MetaFunction = () => [{ title: '编辑企业信息 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
