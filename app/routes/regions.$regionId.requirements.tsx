import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { parseId, requireRegion } from '#app/auth/guards.server.ts'
import { AssignmentForm, AssignmentList } from '#app/components/assignments.tsx'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { parseAssignmentForm } from '#app/coverage/assignments.ts'
import { yearParam } from '#app/coverage/report-view.ts'
import { assignableTargets, createAssignment, listAssignments, withdrawAssignment } from '#app/coverage/assignments.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const today = todayInShanghai()
	const year = yearParam(new URL(request.url), today)
	const scope = { issuer: 'regulator' as const, regionPath: region.path }
	const [items, targets] = await Promise.all([listAssignments({ regionPath: region.path }, year), assignableTargets(scope)])
	return {
		region: { id: region.id, name: region.name },
		year,
		today,
		targets,
		// A requirement from a region above is shown, but only its issuing subtree may withdraw it.
		items: items.map((a) => ({ ...a, withdrawnAt: a.withdrawnAt?.toISOString() ?? null, mine: a.regionPath.startsWith(region.path) })),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { principal, region } = await requireRegion(request, params.regionId)
	const scope = { issuer: 'regulator' as const, regionPath: region.path }
	const form = await request.formData()
	if (form.get('intent') === 'withdraw') {
		const result = await withdrawAssignment({ userId: principal.userId }, scope, parseId(String(form.get('id') ?? '')))
		if (!result.ok) return data({ errors: { form: result.message } as Record<string, string> }, { status: 400 })
		return redirect(`/regions/${region.id}/requirements`)
	}
	const parsed = parseAssignmentForm(form, 'regulator', todayInShanghai())
	if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 })
	const created = await createAssignment({ userId: principal.userId }, scope, parsed.values)
	if (!created.ok) return data({ errors: created.errors as Record<string, string> }, { status: 400 })
	return redirect(`/regions/${region.id}/requirements?year=${parsed.values.dueOn.slice(0, 4)}`)
}

export default function RegionRequirements() {
	const { region, year, today, targets, items } = useLoaderData<typeof loader>()
	const errors = useActionData<typeof action>()?.errors
	const busy = useNavigation().state === 'submitting'
	return (
		<>
			<p className="breadcrumb">
				<Link to={`/regions/${region.id}`}>{region.name}</Link>
			</p>
			<h1>{year}年监管部门学习要求</h1>
			<p className="small muted">要求辖区内某些行业（或全部）企业的人员学习指定课程或参加指定考试。每家企业会在培训计划页看到要求，人员在个人档案中看到原因；完成情况计入覆盖统计。</p>
			<p className="small">
				<Link to={`?year=${year - 1}`}>← {year - 1}年</Link> · <Link to={`?year=${year + 1}`}>{year + 1}年 →</Link>
			</p>
			<AssignmentList items={items} empty={`${year}年辖区内还没有学习要求。`} />
			<section className="card">
				<h2>发布新的学习要求</h2>
				<AssignmentForm issuer="regulator" targets={targets} errors={errors} busy={busy} today={today} />
			</section>
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '学习要求 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
