import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { PersonArchive } from '#app/components/person-archive.tsx'
import { archiveView, lastRecordDates } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { employmentRetention } from '#app/coverage/retention.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { getEmployment } from '#app/orgs/people.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const employment = await getEmployment({ enterpriseId: enterprise.id }, parseId(params.employmentId))
	if (!employment) notFound()
	const archive = await personArchive({ personId: employment.personId, enterpriseId: enterprise.id })
	const retention = await employmentRetention(employment, lastRecordDates(archive, employment.events))
	return {
		enterprise: { id: enterprise.id, name: enterprise.name },
		employmentId: parseId(params.employmentId),
		name: employment.name,
		// 第二十八条 asks for training before work: the archive says when work began.
		tenure: `${employment.hiredOn} 入职${employment.postedOn ? `，${employment.postedOn} 上岗` : ''}${employment.leftOn ? `，${employment.leftOn} 离职` : ''}`,
		archive: archiveView(archive, ledgerRules().minutesPerCreditHour),
		retention,
	}
}

export default function EmployeeArchive() {
	const { enterprise, employmentId, name, tenure, archive, retention } = useLoaderData<typeof loader>()
	return (
		<>
			<p className="breadcrumb no-print">
				<Link to={`/enterprises/${enterprise.id}/people/${employmentId}`}>{name}</Link>
			</p>
			<PersonArchive title={`${name} · 安全培训档案`} subtitle={`${enterprise.name}（在本单位期间的记录）· ${tenure}`} archive={archive} exportHref={`/enterprises/${enterprise.id}/people/${employmentId}/archive.xlsx`} retention={retention} />
		</>
	)
}

export const meta: MetaFunction = () => [{ title: '一人一档 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
