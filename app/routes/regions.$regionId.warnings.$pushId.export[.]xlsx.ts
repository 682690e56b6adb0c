import { type LoaderFunctionArgs } from '@remix-run/node'
import { notFound, parseId, requireRegion } from '#app/auth/guards.server.ts'
import { workbookResponse } from '#app/utils/table-export.server.ts'
import { todayInShanghai } from '#app/utils/time.ts'
import { pushTables } from '#app/warnings/push-view.ts'
import { pushDetail } from '#app/warnings/pushes.server.ts'

/** A push's replies, study and hazards as a workbook, scoped to the regulator's region. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { region } = await requireRegion(request, params.regionId)
	const detail = await pushDetail({ regionPath: region.path }, parseId(params.pushId), todayInShanghai())
	if (!detail) notFound()
	return workbookResponse(pushTables(detail), `${detail.push.title}对照检视回复`)
}
