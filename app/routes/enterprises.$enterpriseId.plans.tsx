import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { AssignmentForm, AssignmentList } from '#app/components/assignments.tsx'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { parseAssignmentForm } from '#app/coverage/assignments.ts'
import { yearParam } from '#app/coverage/report-view.ts'
import { assignableTargets, createAssignment, listAssignments, withdrawAssignment } from '#app/coverage/assignments.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'read')
	const today = todayInShanghai()
	const year = yearParam(new URL(request.url), today)
	const scope = { issuer: 'enterprise' as const, enterpriseId: enterprise.id, regionPath: enterprise.regionPath }
	const canWrite = principal.grants.some((g) => g.role === 'platform_admin' || (g.role === 'enterprise_admin' && g.enterpriseId === enterprise.id))
	const [items, targets] = await Promise.all([listAssignments({ enterpriseId: enterprise.id }, year), canWrite ? assignableTargets(scope) : null])
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		year,
		today,
		targets,
		items: items.map((a) => ({ ...a, withdrawnAt: a.withdrawnAt?.toISOString() ?? null, mine: canWrite && a.issuer === 'enterprise' })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, enterprise } = await requireEnterprise(request, params.enterpriseId, 'records')
	const scope = { issuer: 'enterprise' as const, enterpriseId: enterprise.id, regionPath: enterprise.regionPath }
	const form = await request.formData()
	if (form.get('intent') === 'withdraw') {
		const result = await withdrawAssignment({ userId: principal.userId }, scope, parseId(String(form.get('id') ?? '')))
		if (!result.ok) return data({ errors: { form: result.message } as Record<string, string> }, { status: 400 })
		return redirect(`/enterprises/${enterprise.id}/plans`)
	}
	const parsed = parseAssignmentForm(form, 'enterprise', todayInShanghai())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const created = await createAssignment({ userId: principal.userId }, scope, parsed.values)
	if (!created.ok) return data({ errors: created.errors as Record<string, string> }, { status: 400 })
	return redirect(`/enterprises/${enterprise.id}/plans?year=${parsed.values.dueOn.slice(0, 4)}`)
}

export default function EnterprisePlans() {
	const { enterprise, year, today, targets, items } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/enterprises/${enterprise.id}`}>{enterprise.name}</Link>
			</p>
			<h1>{year}年培训计划与学习任务</h1>
			<p className="small muted">
				本单位在法定要求之外布置的课程和考试，以及监管部门要求本单位完成的学习。完成情况计入培训覆盖统计（
				<Link to={`/enterprises/${enterprise.id}/coverage`}>查看谁还没完成</Link>）。
			</p>
			<p className="small">
				<Link to={`?year=${year - 1}`}>← {year - 1}年</Link> · <Link to={`?year=${year + 1}`}>{year + 1}年 →</Link>
			</p>
			<AssignmentList items={items} empty={`${year}年还没有布置学习任务。`} />
			{targets ? (
				<section className="card">
					<h2>布置新的学习任务</h2>
					<AssignmentForm issuer="enterprise" targets={targets} errors={errors} busy={busy} today={today} />
				</section>
			) : null}
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '培训计划 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
