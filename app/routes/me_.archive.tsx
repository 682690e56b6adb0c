import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { RouteErrorBoundary } from '#app/components/error-boundary.tsx'
import { PersonArchive } from '#app/components/person-archive.tsx'
import { archiveView } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { wholeArchiveRetention } from '#app/coverage/retention.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { getOwnRecord } from '#app/orgs/people.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const [record, archive] = await Promise.all([getOwnRecord({ personId: principal.personId }), personArchive({ personId: principal.personId })])
	if (!record) notFound()
	const retention = await wholeArchiveRetention({ personId: principal.personId }, archive)
	return { name: record.name, archive: archiveView(archive, ledgerRules().minutesPerCreditHour), retention }
}

export default function MyArchive() {
	const { name, archive, retention } = useLoaderData<typeof loader>()
	return <PersonArchive title={`${name} · 安全培训档案`} subtitle="本人全部培训记录" archive={archive} exportHref="/me/archive.xlsx" retention={retention} />
}

export const meta: MetaFunction = () => [{ title: '我的培训档案 · 安训' }]

export const ErrorBoundary = RouteErrorBoundary
