import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, requireEnterprise } from '#app/auth/guards.server.ts'
import { enterpriseArchiveView } from '#app/coverage/archive-view.ts'
import { enterpriseArchive } from '#app/coverage/archive.server.ts'
import { retentionOverview } from '#app/coverage/retention.server.ts'
import { ledgerRules } from '#app/learning/rules.server.ts'
import { getEnterpriseProfile, headcountByCategory } from '#app/orgs/enterprises.server.ts'
import { workbookResponse } from '#app/utils/table-export.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { enterprise } = await requireEnterprise(request, params.enterpriseId)
	const [profile, headcount, archive, retention] = await Promise.all([
		getEnterpriseProfile(enterprise.id),
		headcountByCategory({ enterpriseId: enterprise.id }),
		enterpriseArchive({ enterpriseId: enterprise.id }, todayInShanghai()),
		retentionOverview(),
	])
	if (!profile) notFound()
	const view = enterpriseArchiveView(profile, headcount, archive, ledgerRules().minutesPerCreditHour, retention)
	return workbookResponse(view.tables, `${view.name}安全培训档案`)
}
