import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { PersonArchive } from '#app/components/person-archive.tsx'
import { archiveView } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { retentionPolicy } from '#app/coverage/retention.server.ts'
import { keepUntil, retentionText } from '#app/coverage/retention.ts'
import { getEmployment } from '#app/orgs/people.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const employment = await getEmployment({ enterpriseId: enterprise.id }, parseId(params.employmentId))
	if (!employment) notFound()
	const archive = await personArchive({ personId: employment.personId, enterpriseId: enterprise.id })
	const policy = retentionPolicy()
	const lastRecordOn = [...archive.studied.map((s) => s.lastDay), ...archive.papers.map((p) => todayInShanghai(p.finishedAt!))].sort().at(-1) ?? null
	const until = keepUntil(policy, { leftOn: employment.leftOn, lastRecordOn, specialOperator: employment.jobCategory === 'special_operator' })
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		employmentId: parseId(params.employmentId),
		name: employment.name,
		archive: archiveView(archive, ledgerRules().minutesPerCreditHour),
		retention: `保存期限：${until ? `本档案至少保存至 ${until}。` : '在职期间持续保存。'}${retentionText(policy)}`,
	}
}

export default function EmployeeArchive() {
	const { enterprise, employmentId, name, archive, retention } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb no-print">
				<Link to={`/enterprises/${enterprise.id}/people/${employmentId}`}>{name}</Link>
			</p>
			<PersonArchive title={`${name} · 安全培训档案`} subtitle={`${enterprise.name}（在本单位期间的记录）`} archive={archive} exportHref={`/enterprises/${enterprise.id}/people/${employmentId}/archive.xlsx`} retention={retention} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '一人一档 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
