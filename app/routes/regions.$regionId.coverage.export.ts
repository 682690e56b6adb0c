import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRegion } from '#app/auth/guards.server.ts'
import { FIGURE_HEADERS, figureColumns, parseFilters, yearParam } from '#app/coverage/report-view.ts'
import { coverageByEnterprise } from '#app/coverage/reports.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { tableResponse } from '#app/utils/table-export.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

/** The enterprise table of the coverage page, with the same filters and every page of it, as .xlsx or .csv. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const url = new URL(request.url)
	const today = todayInShanghai()
	const year = yearParam(url, today)
	const enterprises = await coverageByEnterprise({ regionPath: region.path }, year, parseFilters(url))
	const m = ledgerRules().minutesPerCreditHour
	const rows = enterprises.map((e) => {
		const f = figureColumns(e, m)
		return [e.name, f.people, f.coverage, f.examPassRate, f.overdue, f.notStarted, f.inProgress, f.owedHours, f.creditedHours]
	})
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx'
	return tableResponse({ title: `${region.name}${year}年培训覆盖`, headers: ['企业', ...FIGURE_HEADERS], rows }, format, `${region.name}${year}年培训覆盖`)
}
