import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireRole } from '#app/auth/guards.server.ts'
import { archiveTables, archiveView } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { wholeArchiveRetention } from '#app/coverage/retention.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { getOwnRecord } from '#app/orgs/people.server.ts'
import { workbookResponse } from '#app/utils/table-export.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const principal = await requireRole(request, 'learner')
	if (!principal.personId) notFound()
	const [record, archive] = await Promise.all([getOwnRecord({ personId: principal.personId }), personArchive({ personId: principal.personId })])
	if (!record) notFound()
	const retention = await wholeArchiveRetention({ personId: principal.personId }, archive)
	return workbookResponse(archiveTables(archiveView(archive, ledgerRules().minutesPerCreditHour), retention), `${record.name}安全培训档案`)
}
