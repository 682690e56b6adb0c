import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, parseId, requireEnterprise } from '#app/auth/guards.server.ts'
import { archiveTables, archiveView, lastRecordDates } from '#app/coverage/archive-view.ts'
import { personArchive } from '#app/coverage/archive.server.ts'
import { employmentRetention } from '#app/coverage/retention.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { getEmployment } from '#app/orgs/people.server.ts'
import { workbookResponse } from '#app/utils/table-export.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const employment = await getEmployment({ enterpriseId: enterprise.id }, parseId(params.employmentId))
	if (!employment) notFound()
	const archive = await personArchive({ personId: employment.personId, enterpriseId: enterprise.id })
	const retention = await employmentRetention(employment, lastRecordDates(archive, employment.events))
	return workbookResponse(archiveTables(archiveView(archive, ledgerRules().minutesPerCreditHour), retention), `${employment.name}安全培训档案`)
}
