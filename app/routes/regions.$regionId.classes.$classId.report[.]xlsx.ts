import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { classReport } from '#app/classes/classes.server.ts'
import { reportTables } from '#app/classes/report-view.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { workbookResponse } from '#app/utils/table-export.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const report = await classReport({ regionPath: region.path }, parseId(params.classId))
	if (!report) notFound()
	const tables = reportTables(report, ledgerRules().minutesPerCreditHour)
	return workbookResponse([tables.sessions, tables.cadres], `${report.klass.title}-培训班报告`)
}
