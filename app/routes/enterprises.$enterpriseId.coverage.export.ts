import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireEnterprise } from '#app/auth/guards.server.ts'
import { COVERAGE_STATUS_LABELS } from '#app/coverage/coverage.ts'
import { filterPeople, parseBehindFilter } from '#app/coverage/behind.ts'
import { creditedHours, yearParam } from '#app/coverage/report-view.ts'
import { enterpriseCoverage } from '#app/coverage/reports.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { jobCategoryName } from '#app/orgs/labels.ts'
import { tableResponse } from '#app/utils/table-export.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

/** The people of the coverage page with its filters (`status=behind`: the reminder list of those not yet 达标), as .xlsx or .csv. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const url = new URL(request.url)
	const today = todayInShanghai()
	const year = yearParam(url, today)
	const filter = parseBehindFilter(url)
	const m = ledgerRules().minutesPerCreditHour
	const rows = filterPeople(await enterpriseCoverage({ enterpriseId: enterprise.id }, year, today), filter).map((r) => [
		r.name,
		jobCategoryName(r.jobCategory),
		r.department,
		Math.round(r.owedMinutes / m),
		creditedHours(r.creditedSeconds, m),
		creditedHours(r.categoryShortSeconds, m),
		r.examPassed ? '已合格' : '未合格',
		r.requiredItems ? `${r.requiredDone} / ${r.requiredItems}` : '',
		r.dueBy,
		COVERAGE_STATUS_LABELS[r.status],
	])
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx'
	const title = filter.status === 'behind' ? `${enterprise.name}${year}年培训催办名单` : `${enterprise.name}${year}年培训完成情况`
	return tableResponse({ title, headers: ['姓名', '岗位类别', '部门', '应训学时', '已获学时', '按类别尚缺学时', '考试', '学习任务(完成/布置)', '期限', '状态'], rows }, format, title)
}
